package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What stays unsupported about enum and String values: each is an error on its line, naming the
 * construct, and nothing generated fails to compile.
 */
class ObjectDiagnosticsTest {

  static Stream<Arguments> bodies() {
    return Stream.of(
        body("string concatenation", "String t = s + \"y\";\n return x;", "s + \"y\"",
            "operator + needs numbers, not an enum or String"),
        body("string method outside the few", "return x * s.indexOf(\"y\");", "s.indexOf",
            "calling indexOf on a String is not supported"),
        body("enum method outside the few", "return x * mode.name().length();", "mode.name()",
            "[adjoint.call]"),
        body("string ordering", "return s < \"y\" ? x : 0;", "s < \"y\"",
            "comparing enum or String values with < is not supported"),
        body("enum compared with a number", "return mode == 1 ? x : 0;", "mode == 1",
            "cannot compare an enum or String value with a int"),
        body("equals of a number", "return s.equals(1) ? x : 0;", "s.equals(1)",
            "argument 1 of equals must be an enum or String value, not int"),
        body("conditional choosing a string", "String t = x > 0 ? \"a\" : \"b\";\n return x;",
            "x > 0 ? \"a\"", "a conditional choosing an enum or String value is not supported"),
        body("switch expression choosing an enum",
            "Mode m = switch (mode) { case FAST -> Mode.SLOW; default -> Mode.FAST; };\n"
                + " return x;", "Mode m = switch",
            "a switch expression choosing an enum or String value is not supported"),
        body("private enum field", "Mode m = SECRET;\n return x;", "Mode m = SECRET",
            "field Objects.SECRET is not visible to the generated class"),
        body("helper returning a string", "String t = name(mode);\n return x;", "name(mode)",
            "no derivative rule for name(Objects.Mode)"),
        body("private enum constant", "return Hidden.A == null ? x : 0;", "Hidden.A",
            "enum test.Objects.Hidden is not visible to the generated class"),
        body("var of null", "var t = null;\n return x;", "var t", "var initialized with null"),
        body("case label not a literal", "switch (s) { case NAME -> x = 2; default -> x = 1; }\n"
            + " return x;", "case NAME", "write the string literal itself"),
        body("object local", "Object o = s;\n return x;", "Object o", "local o has type Object"));
  }

  private static Arguments body(String name, String body, String line, String message) {
    return Arguments.of(name, body, line, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void rejectedAtItsLine(String name, String body, String line, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Objects",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Objects {\n"
            + "  enum Mode { FAST, SLOW }\n"
            + "  private enum Hidden { A }\n"
            + "  static final Mode DEFAULT = Mode.FAST;\n"
            + "  private static final Mode SECRET = Mode.SLOW;\n"
            + "  static final String NAME = \"n\";\n"
            + "  static String name(Mode m) { return m.name(); }\n"
            + "  @Differentiable\n"
            + "  static double f(double x, Mode mode, String s) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatures")
  void rejectedSignature(String name, String member, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Objects",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Objects {\n"
            + "  private enum Hidden { A }\n"
            + "  " + member + "\n"
            + "}\n");
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source);
    assertThat(compilation).hadErrorContaining(message).inFile(source)
        .onLineContaining(member.substring(0, 20));
  }

  static Stream<Arguments> signatures() {
    return Stream.of(
        Arguments.of("private enum parameter",
            "@Differentiable static double f(double x, Hidden h) { return x; }",
            "parameter h of f has type test.Objects.Hidden, which is private"),
        Arguments.of("object parameter",
            "@Differentiable static double f(double x, Object o) { return x; }",
            "parameter o of f has type java.lang.Object"));
  }
}
