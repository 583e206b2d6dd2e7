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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What stays refused about passing a function to a method (which is inlined at the call): each
 * an error on its line naming the call, the lambda or the callee's statement, saying what to
 * write instead, and nothing generated fails to compile.
 */
class FunctionArgumentDiagnosticsTest {

  private static final String HELPERS = ""
      + "  static double apply(DoubleUnaryOperator f, double v) {\n"
      + "    return f.applyAsDouble(v); }\n"
      + "  static double rec(DoubleUnaryOperator f, double v, int n) {\n"
      + "    return n == 0 ? f.applyAsDouble(v) : rec(f, v, n - 1); }\n"
      + "  static double pick(DoubleUnaryOperator f, double v) {\n"
      + "    if (v > 0) { return f.applyAsDouble(v); }\n"
      + "    return 0; }\n"
      + "  static double supply(DoubleSupplier s) { return s.getAsDouble(); }\n"
      + "  static double over(DoubleUnaryOperator f, double v) { return f.applyAsDouble(v); }\n"
      + "  static double over(DoubleUnaryOperator f, int v) { return f.applyAsDouble(v); }\n"
      + "  static double named(DoubleUnaryOperator f, String s) { return f.applyAsDouble(1); }\n";

  static Stream<Arguments> bodies() {
    return Stream.of(
        body("recursive callee", "return rec(v -> v * v, x, 3);", "rec(f, v, n - 1)",
            "a recursive call of rec, which takes a function, is not supported in a"
                + " @Differentiable method; write rec with a loop"),
        body("early return in the callee", "return pick(v -> v * v, x);", "if (v > 0)",
            "a return before the end of the body of pick (inlined where a function is passed"
                + " to it) is not supported in a @Differentiable method; assign the value to a"
                + " local"),
        body("another functional interface", "return supply(() -> x * x);", "supply(() ->",
            "passing the lambda () -> x * x to the parameter s (java.util.function"
                + ".DoubleSupplier) of supply is not supported in a @Differentiable method;"
                + " declare s as a DoubleUnaryOperator"),
        body("not a function for a function parameter", "DoubleUnaryOperator sq = v -> v;\n"
            + " double y = sq.applyAsDouble(x);\n return apply(null, y) + apply(sq, x);",
            "apply(null, y)", "its parameter f is a function"
                + " (java.util.function.DoubleUnaryOperator); pass it a lambda, a method reference"
                + " or a local function"),
        body("overloaded callee", "return over(v -> v * v, x);", "over(v -> v * v, x)",
            "passing the lambda v -> v * v to over, which is overloaded, is not supported"),
        body("callee parameter of another type", "return named(v -> v * v, \"a\");",
            "named(v -> v * v", "whose parameter s has type java.lang.String, is not"
                + " supported"),
        body("Math function", "return Math.abs(v -> v);", "Math.abs",
            "passing the lambda v -> v to Math.abs, which is overloaded, is not supported"),
        body("a function chosen at run time",
            "return apply(x > 0 ? v -> v : v -> -v, x);", "apply(x > 0",
            "a lambda is not supported in a @Differentiable method; declare it as a local"
                + " DoubleUnaryOperator or DoubleBinaryOperator and call its applyAsDouble, pass"
                + " it to a method of this file taking one"));
  }

  private static Arguments body(String name, String body, String line, String message) {
    return Arguments.of(name, body, line, message);
  }

  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString("test.Fns",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "import java.util.function.DoubleSupplier;\n"
            + "import java.util.function.DoubleUnaryOperator;\n"
            + "class Fns {\n"
            + HELPERS
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void rejectedAtItsLine(String name, String body, String line, String message) {
    JavaFileObject source = source(body);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  @Test
  void calleeInAnotherFile() {
    JavaFileObject lib = JavaFileObjects.forSourceString("test.Lib",
        "package test;\n"
            + "import java.util.function.DoubleUnaryOperator;\n"
            + "class Lib {\n"
            + "  static double apply(DoubleUnaryOperator f, double v) {\n"
            + "    return f.applyAsDouble(v); }\n"
            + "}\n");
    JavaFileObject source = source("return Lib.apply(v -> v * v, x);");
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source, lib);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("passing a function to apply, whose source is"
        + " not in this file, is not supported in a @Differentiable method; move apply into this"
        + " file").inFile(source)
        .onLineContaining("Lib.apply(v -> v * v, x)");
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  private static Compilation compile(JavaFileObject source) {
    return Compiler.javac().withProcessors(new AdjointProcessor()).compile(source);
  }

  private static void assertNoInternalErrorAndNoBrokenGeneratedCode(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }
}
