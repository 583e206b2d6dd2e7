package dev.adjoint.processor.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The guarantees the README states, each pinned by a test. */
class GuaranteesTest {
  private static final JavaSource SOURCE = JavaSource.of("guarantees.Special",
      "package guarantees;",
      "import dev.adjoint.Differentiable;",
      "class Special {",
      "  @Differentiable static double logOf(double x) { return Math.log(x); }",
      "  @Differentiable static double scaled(double x, double y) { return x * y + 0 * x; }",
      "  @Differentiable static double sqrtAtZero(double x) { return Math.sqrt(x); }",
      "  @Differentiable static double product(double x, double y) { return x * y; }",
      "  @Differentiable static double loop(double x, int n) {",
      "    double s = 0;",
      "    for (int i = 0; i < n; i++) { s += Math.exp(x * i); }",
      "    return s;",
      "  }",
      "}");

  private static final Compiled COMPILED = InProcessCompiler.create().compile(SOURCE);

  private static AdjointMethod method(String name) {
    return COMPILED.method("guarantees.Special", name);
  }

  @Test
  void nanInputsGiveNanGradientsAsInThePrimal() {
    ValueAndGradient g = method("logOf").valueAndGradient(Double.NaN);
    assertTrue(Double.isNaN(g.value()));
    assertTrue(Double.isNaN(g.gradient()[0]), "NaN input must not give a finite derivative");
    ValueAndGradient p = method("product").valueAndGradient(Double.NaN, 2.0);
    assertTrue(Double.isNaN(p.gradient()[1]), "∂(xy)/∂y = x is NaN when x is");
    assertEquals(2.0, p.gradient()[0], "∂(xy)/∂x = y stays 2 even when x is NaN");
  }

  /** Two-argument functions, max and min among them: NaN in either gives NaN in both partials. */
  private static final JavaSource BINARY = JavaSource.of("guarantees.Binary",
      "package guarantees;",
      "import dev.adjoint.Differentiable;",
      "class Binary {",
      "  @Differentiable static double max(double x, double y) { return Math.max(x, y); }",
      "  @Differentiable static double min(double x, double y) { return Math.min(x, y); }",
      "  @Differentiable static double strictMax(double x, double y) {",
      "    return StrictMath.max(x, y);",
      "  }",
      "  @Differentiable static double hypot(double x, double y) { return Math.hypot(x, y); }",
      "  @Differentiable static double atan2(double x, double y) { return Math.atan2(x, y); }",
      "  @Differentiable static double pow(double x, double y) { return Math.pow(x, y); }",
      "  @Differentiable static double fma(double x, double y) { return Math.fma(x, y, y); }",
      "}");

  @Test
  void nanInEitherArgumentOfABinaryFunctionGivesNanPartials() {
    for (String analyses : new String[] {"on", "off"}) {
      Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
          .compile(BINARY);
      for (String f : new String[] {"max", "min", "strictMax", "hypot", "atan2", "pow"}) {
        AdjointMethod m = c.method("guarantees.Binary", f);
        // Not (NaN, 1): ∂/∂x pow(x, 1) is 1 for every x, as ∂(xy)/∂x = y is y (see above).
        for (double[] at : new double[][] {{Double.NaN, 1.5}, {2, Double.NaN},
            {Double.NaN, -1.5}}) {
          ValueAndGradient g = m.valueAndGradient(at[0], at[1]);
          String where = f + "(" + at[0] + ", " + at[1] + "), analyses " + analyses + ": " + g;
          assertTrue(Double.isNaN(g.gradient()[0]) && Double.isNaN(g.gradient()[1]),
              () -> "NaN in must be NaN out in both partials: " + where);
        }
      }
      // the tie rule is kept: all to the first argument, also at infinity
      ValueAndGradient tie = c.method("guarantees.Binary", "max")
          .valueAndGradient(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
      assertEquals(1.0, tie.gradient()[0]);
      assertEquals(0.0, tie.gradient()[1]);
      ValueAndGradient below = c.method("guarantees.Binary", "min").valueAndGradient(3.0, 1.0);
      assertEquals(0.0, below.gradient()[0]);
      assertEquals(1.0, below.gradient()[1]);
      // fma(x, y, y): the product's partials are the other factor, NaN with it
      ValueAndGradient fma = c.method("guarantees.Binary", "fma").valueAndGradient(2.0, 3.0);
      assertEquals(3.0, fma.gradient()[0]);
      assertEquals(3.0, fma.gradient()[1]);
    }
  }

  @Test
  void infinitiesPropagateAsInTheMath() {
    ValueAndGradient atZero = method("logOf").valueAndGradient(0.0);
    assertEquals(Double.NEGATIVE_INFINITY, atZero.value());
    assertEquals(Double.POSITIVE_INFINITY, atZero.gradient()[0], "d/dx log x = 1/x = +∞ at 0");
    ValueAndGradient sqrt = method("sqrtAtZero").valueAndGradient(0.0);
    assertEquals(Double.POSITIVE_INFINITY, sqrt.gradient()[0], "d/dx sqrt x = +∞ at 0");
    ValueAndGradient big = method("product").valueAndGradient(Double.POSITIVE_INFINITY, 3.0);
    assertEquals(3.0, big.gradient()[0]);
    assertEquals(Double.POSITIVE_INFINITY, big.gradient()[1]);
  }

  @Test
  void neverASilentZeroWhereTheDerivativeExists() {
    // 0 * x is part of the primal; its derivative term 0 must not wipe out x * y's.
    ValueAndGradient g = method("scaled").valueAndGradient(1.5, -2.0);
    assertEquals(-2.0, g.gradient()[0]);
    assertEquals(1.5, g.gradient()[1]);
    // A loop's derivative accumulates over every iteration: Σ i·e^{xi} for i < 4.
    ValueAndGradient loop = method("loop").valueAndGradient(0.25, 4);
    double expected = 0;
    for (int i = 0; i < 4; i++) {
      expected += i * Math.exp(0.25 * i);
    }
    assertEquals(expected, loop.gradient()[0], 1e-12 * expected);
    assertNotEquals(0.0, loop.gradient()[0]);
  }

  @Test
  void outputIsIdenticalAcrossIndependentCompilations() {
    // A fresh processor, compiler and class loader: nothing carries over from the first build.
    Compiled again = InProcessCompiler.create().compile(SOURCE);
    assertEquals(COMPILED.generatedSource("guarantees.SpecialAdjoint"),
        again.generatedSource("guarantees.SpecialAdjoint"));
  }

  /**
   * Not declared incremental to Gradle: an aggregating processor is handed unchanged annotated
   * classes as class files, which have no method bodies to differentiate (see
   * ClassFileInputTest), so Gradle must recompile the source set whenever it runs Adjoint.
   */
  @Test
  void isNotDeclaredIncrementalToGradle() throws IOException {
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/gradle/incremental.annotation.processors")) {
      assertEquals(null, in);
    }
  }
}
