package dev.adjoint.processor.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code @DerivativeOf} pullback whose signature does not fit its target is an error on the
 * annotation's line, naming the parameter that is wrong and what was expected there.
 */
class DerivativeOfDiagnosticsTest {

  private static final String TARGETS = String.join("\n",
      "  static double g(double x) { return x * x; }",
      "  static double h(double[] x) { return x[0]; }",
      "  static double[] k(double a, double[] x) { return x; }",
      "  static double two(double a, double b) { return a * b; }",
      "  static double over(double x) { return x; }",
      "  static double over(double[] x) { return x[0]; }",
      "  double instance(double x) { return x; }");

  /** Each case: a name, the annotated pullback (one line), the expected message fragments. */
  static Stream<Arguments> mismatches() {
    return Stream.of(
        mismatch("wrong parameter type",
            "method = \"g\") static double gBar(double x, double[] result, double resultBar)",
            "parameter 2 (result) is double[], expected double (the result of g)"),
        mismatch("wrong type of the result's adjoint",
            "method = \"g\") static double gBar(double x, double result, int resultBar)",
            "parameter 3 (resultBar) is int, expected double (the result's adjoint)"),
        mismatch("wrong type of an argument",
            "method = \"g\") static double gBar(float x, double result, double resultBar)",
            "parameter 1 (x) is float, expected double (parameter x of g)"),
        mismatch("missing parameter",
            "method = \"g\") static double gBar(double x, double result)",
            "parameter 3 is missing: expected double (the result's adjoint)"),
        mismatch("extra parameter",
            "method = \"g\") static double gBar(double x, double result, double resultBar,"
                + " double extra)",
            "parameter 4 (extra) is one too many"),
        mismatch("void where the scalar's adjoint is returned",
            "method = \"g\") static void gBar(double x, double result, double resultBar)",
            "it returns void, expected double (the adjoint of the double parameter)"),
        mismatch("double where nothing is returned",
            "method = \"h\") static double hBar(double[] x, double result, double resultBar,"
                + " double[] xBar)",
            "it returns double, expected void"),
        mismatch("missing array adjoint",
            "method = \"h\") static void hBar(double[] x, double result, double resultBar)",
            "parameter 4 is missing: expected double[] (the adjoint of x)"),
        mismatch("array adjoint of the wrong shape",
            "method = \"h\") static void hBar(double[] x, double result, double resultBar,"
                + " double[][] xBar)",
            "parameter 4 (xBar) is double[][], expected double[] (the adjoint of x)"),
        mismatch("array result taken as a scalar",
            "method = \"k\") static double kBar(double a, double[] x, double result,"
                + " double resultBar, double[] xBar)",
            "parameter 3 (result) is double, expected double[] (the result of k)",
            "parameter 4 (resultBar) is double, expected double[] (the result's adjoint)"),
        mismatch("target method missing",
            "method = \"nope\") static double nopeBar(double x, double result, double resultBar)",
            "@DerivativeOf names adjtest.derivative.Targets.nope, but there is no static method"
                + " of that name"),
        mismatch("overloaded target, pullback fits no overload",
            "method = \"over\") static double overBar(double x, double result)",
            "it fits none of the 2 overloads of over"),
        mismatch("instance target",
            "method = \"instance\") static double iBar(double x, double result, double resultBar)",
            "there is no static method of that name"),
        mismatch("two double parameters without grad",
            "method = \"two\") static double twoBar(double a, double b, double result,"
                + " double resultBar)",
            "parameter 5 is missing: expected double[] (grad: slots 0..1 receive the adjoints of"
                + " a, b)",
            "it returns double, expected void (the adjoints go into grad)"),
        mismatch("two double parameters, grad of the wrong type",
            "method = \"two\") static void twoBar(double a, double b, double result,"
                + " double resultBar, double[][] grad)",
            "parameter 5 (grad) is double[][], expected double[] (grad: slots 0..1"),
        mismatch("instance pullback",
            "method = \"g\") double gBar(double x, double result, double resultBar)",
            "@DerivativeOf method gBar does not fit: it must be static and not private"),
        mismatch("private pullback",
            "method = \"g\") private static double gBar(double x, double result,"
                + " double resultBar)",
            "it must be static and not private"));
  }

  private static Arguments mismatch(String name, String declaration, String... messages) {
    return Arguments.of(name, declaration, messages);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mismatches")
  void reportedOnTheAnnotationLine(String name, String declaration, String[] messages) {
    JavaSource targets = JavaSource.of("adjtest.derivative.Targets",
        "package adjtest.derivative;",
        "final class Targets {",
        TARGETS,
        "}");
    JavaSource pullback = JavaSource.of("adjtest.derivative.Pullbacks",
        "package adjtest.derivative;",
        "import dev.adjoint.DerivativeOf;",
        "final class Pullbacks {",
        "  // the pullback:",
        "  @DerivativeOf(value = Targets.class, " + declaration + " {",
        "    throw new UnsupportedOperationException();",
        "  }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(targets, pullback);
    assertThat(c).failed();
    for (String message : messages) {
      assertThat(c).hadErrorContaining(message).inFile(pullback.toFileObject())
          .onLineContaining("@DerivativeOf(value = Targets.class");
    }
    assertThat(c).hadErrorContaining("[adjoint.derivative]");
    assertThat(c).hadErrorCount(1); // several problems of one pullback are one message
    assertNoInternalError(c);
  }

  /** Every problem of one pullback is listed, in parameter order, in one message. */
  @Test
  void everyProblemInOneMessage() {
    JavaSource source = JavaSource.of("adjtest.derivative.Many",
        "package adjtest.derivative;",
        "import dev.adjoint.DerivativeOf;",
        "final class Many {",
        "  static double g(double x) { return x; }",
        "  @DerivativeOf(value = Many.class, method = \"g\")",
        "  static void gBar(int x, double result, double resultBar, double extra) {}",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(source);
    assertThat(c).hadErrorContaining(
            "parameter 1 (x) is int, expected double (parameter x of g); parameter 4 (extra) is"
                + " one too many; it returns void, expected double")
        .inFile(source.toFileObject())
        .onLineContaining("@DerivativeOf(value = Many.class");
  }

  /**
   * A call to a target whose pullback was rejected: the target's source is being compiled, so the
   * call falls back to differentiating it as if it were annotated; the rejected pullback is the
   * only error, and nothing fails inside generated code.
   */
  @Test
  void callerOfARejectedDerivativeIsAnErrorAtTheCall() {
    JavaSource source = JavaSource.of("adjtest.derivative.Caller",
        "package adjtest.derivative;",
        "import dev.adjoint.DerivativeOf;",
        "import dev.adjoint.Differentiable;",
        "final class Caller {",
        "  static double g(double x) { return x * x; }",
        "  @DerivativeOf(value = Caller.class, method = \"g\")",
        "  static double gBar(double x, double result) { return 0; }",
        "  @Differentiable",
        "  static double f(double x) {",
        "    return 2 * g(x);",
        "  }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("parameter 3 is missing")
        .inFile(source.toFileObject()).onLineContaining("@DerivativeOf");
    assertThat(c.errors()).hasSize(1);
    assertNoInternalError(c);
  }

  /** The same signature checked with analyses off: the check is independent of them. */
  @Test
  void sameWithAnalysesOff() {
    JavaSource source = JavaSource.of("adjtest.derivative.Off",
        "package adjtest.derivative;",
        "import dev.adjoint.DerivativeOf;",
        "final class Off {",
        "  static double g(double x) { return x; }",
        "  @DerivativeOf(value = Off.class, method = \"g\")",
        "  static double gBar(double x, double[] result, double resultBar) { return 0; }",
        "}");
    Compilation c =
        InProcessCompiler.create().withOptions("-Aadjoint.analyses=off").compileRaw(source);
    assertThat(c).hadErrorContaining(
            "parameter 2 (result) is double[], expected double (the result of g)")
        .inFile(source.toFileObject()).onLineContaining("@DerivativeOf");
  }

  private static void assertNoInternalError(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }
}
