package dev.adjoint.processor.numeric;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @NoDerivative} parameters are passed through: no record component, no gradient slot,
 * no adjoint array, on {@code @Differentiable} methods and on plain helpers (where it is the only
 * way to pick what is differentiated); a caller of such a method hands them over unchanged.
 * Naming one in {@code wrt} is an error at the parameter.
 */
class NoDerivativeTest {

  private static final JavaSource SOURCE = JavaSource.of("adjtest.noderivative.Fit",
      "package adjtest.noderivative;",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.NoDerivative;",
      "public final class Fit {",
      "  /** Σ (w_i x_i + b - t)² with the data xs and target t passed through. */",
      "  @Differentiable",
      "  public static double loss(double[] w, @NoDerivative double[] xs, double b,",
      "      @NoDerivative double t) {",
      "    double s = b - t;",
      "    for (int i = 0; i < w.length; i++) { s += w[i] * xs[i]; }",
      "    return s * s + scaled(b, t);",
      "  }",
      "  /** A plain helper: only v is differentiated. */",
      "  static double scaled(double v, @NoDerivative double k) { return k * v * v; }",
      "  @Differentiable",
      "  public static double caller(double[] w, double b) {",
      "    double[] xs = new double[w.length];",
      "    for (int i = 0; i < xs.length; i++) { xs[i] = i + 1; }",
      "    return loss(w, xs, b, 0.5) * b;",
      "  }",
      "}");

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void passedThroughWithoutAdjoint(String analyses) {
    Compiled compiled = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
    AdjointMethod loss = compiled.method("adjtest.noderivative.Fit", "loss");
    assertEquals(List.of("dW", "dB"), loss.componentNames());
    double[] w = {0.5, -1.0};
    double[] xs = {2.0, 0.25};
    double b = 0.3;
    double t = 1.5;
    Object[] record = loss.recordComponentValues(w, xs, b, t);
    double s = b - t + 0.5 * 2.0 - 1.0 * 0.25;
    assertEquals(s * s + t * b * b, (double) record[0], 1e-14);
    assertArrayEquals(new double[] {2 * s * xs[0], 2 * s * xs[1]}, (double[]) record[1], 1e-12);
    assertEquals(2 * s + 2 * t * b, (double) record[2], 1e-12);
    // The pullback: (w, xs, b, t, seed, grad, wBar), one slot and one adjoint array.
    double[] grad = {1};
    double[] wBar = {1, 1};
    loss.pullbackWith(new Object[] {w, xs, b, t}, 2.0,
        new Class<?>[] {double[].class, double[].class}, grad, wBar);
    assertEquals(1 + 2 * (double) record[2], grad[0], 1e-12);
    assertEquals(1 + 2 * ((double[]) record[1])[1], wBar[1], 1e-12);

    AdjointMethod caller = compiled.method("adjtest.noderivative.Fit", "caller");
    Object[] c = caller.recordComponentValues(w, b);
    double h = 1e-6;
    double[] up = {w[0] + h, w[1]};
    double[] down = {w[0] - h, w[1]};
    assertEquals((caller.call(up, b) - caller.call(down, b)) / (2 * h),
        ((double[]) c[1])[0], 1e-6);
    assertEquals((caller.call(w, b + h) - caller.call(w, b - h)) / (2 * h), (double) c[2],
        1e-6);
  }

  /**
   * The same with {@code wrt}, when that argument is the only varied one: the call's result was
   * not active, so the check did not run and the gradient was silently 0 (2 is right).
   */
  @Test
  void onlyVariedArgumentOutsideTheCalleesWrtIsAnError() {
    JavaSource source = JavaSource.of("adjtest.noderivative.WrtCaller",
        "package adjtest.noderivative;",
        "import dev.adjoint.Differentiable;",
        "final class WrtCaller {",
        "  @Differentiable(wrt = \"v\")",
        "  static double scaled(double v, double k) { return k * v; }",
        "  @Differentiable",
        "  static double f(double x) {",
        "    return scaled(2.0, x);",
        "  }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(source);
    assertThat(c).hadErrorContaining("argument 2 of scaled depends on what is differentiated"
        + " here").inFile(source.toFileObject()).onLineContaining("return scaled(2.0, x);");
  }

  /** A differentiated value passed for a callee's @NoDerivative parameter is an error. */
  @Test
  void differentiatedArgumentForAPassedThroughParameterIsAnError() {
    JavaSource source = JavaSource.of("adjtest.noderivative.Caller",
        "package adjtest.noderivative;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.NoDerivative;",
        "final class Caller {",
        "  static double scaled(double v, @NoDerivative double k) { return k * v; }",
        "  @Differentiable",
        "  static double f(double x) {",
        "    return scaled(2.0, x);",
        "  }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("argument 2 of scaled depends on what is differentiated"
        + " here, but scaled does not differentiate with respect to that parameter; add it to"
        + " scaled's wrt (or remove its @NoDerivative)")
        .inFile(source.toFileObject()).onLineContaining("return scaled(2.0, x);");
  }

  @Test
  void namingItInWrtIsAnError() {
    JavaSource source = JavaSource.of("adjtest.noderivative.Both",
        "package adjtest.noderivative;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.NoDerivative;",
        "final class Both {",
        "  @Differentiable(wrt = {\"x\", \"y\"})",
        "  static double f(double x,",
        "      @NoDerivative double y) {",
        "    return x * y;",
        "  }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[adjoint.wrt] wrt names \"y\", which is marked"
        + " @NoDerivative; remove it from wrt or remove the annotation")
        .inFile(source.toFileObject()).onLineContaining("@NoDerivative double y");
    assertThat(c).hadErrorCount(1);
  }
}
