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
 * What stays unsupported about lambdas and method references: each is an error on its line,
 * naming the construct and saying what to write, and nothing generated fails to compile.
 */
class LocalFunctionDiagnosticsTest {

  static Stream<Arguments> bodies() {
    return Stream.of(
        // Passing a lambda, a method reference or a local function to a method of this file is
        // supported (FunctionArgumentsTest); FunctionArgumentDiagnosticsTest has what is not.
        body("local function used as a value", "DoubleUnaryOperator sq = v -> v * v;\n"
            + " boolean b = sq != null;\n return x;", "sq != null",
            "using the function sq other than in sq.applyAsDouble(...) or as an argument"),
        body("local function reassigned", "DoubleUnaryOperator sq = v -> v * v;\n"
            + " sq = v -> v;\n return sq.applyAsDouble(x);", "sq = v -> v;",
            "assigning the function sq again is not supported"),
        body("chosen function", "DoubleUnaryOperator sq = x > 0 ? v -> v : v -> -v;\n"
            + " return sq.applyAsDouble(x);", "DoubleUnaryOperator sq",
            "this value of the function sq is not supported"),
        body("early return", "DoubleUnaryOperator sq = v -> {\n if (v > 0) { return v; }\n"
            + " return -v;\n };\n return sq.applyAsDouble(x);", "if (v > 0)",
            "a return before the end of a lambda body is not supported"),
        body("other method", "DoubleUnaryOperator sq = v -> v * v;\n"
            + " return sq.compose(sq).applyAsDouble(x);", "sq.compose", "[adjoint.call]"),
        body("unsupported lambda body", "DoubleUnaryOperator sq = v -> v * Math.random();\n"
            + " return sq.applyAsDouble(x);", "Math.random()", "random"));
  }

  private static Arguments body(String name, String body, String line, String message) {
    return Arguments.of(name, body, line, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void rejectedAtItsLine(String name, String body, String line, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Fns",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "import java.util.function.DoubleUnaryOperator;\n"
            + "class Fns {\n"
            + "  static double apply(DoubleUnaryOperator f, double v) {\n"
            + "    return f.applyAsDouble(v); }\n"
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertNoInternalErrorAndNoBrokenGeneratedCode(compilation);
  }

  @Test
  void functionalParameterOfTheMethodItself() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Fns",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "import java.util.function.DoubleUnaryOperator;\n"
            + "class Fns {\n"
            + "  @Differentiable\n"
            + "  static double f(double x, DoubleUnaryOperator g) {\n"
            + "    return g.applyAsDouble(x);\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("parameter g of f is a function"
        + " (java.util.function.DoubleUnaryOperator) its caller chooses at run time")
        .inFile(source).onLineContaining("DoubleUnaryOperator g");
    assertThat(compilation).hadErrorContaining("call a @Differentiable method by name instead,"
        + " or write the function inline");
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
