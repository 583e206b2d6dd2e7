package dev.adjoint.processor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @DerivativeOf}: functions Adjoint does not read, given their pullbacks by hand, called
 * from {@code @Differentiable} code; the generated gradients against finite differences and
 * closed forms, with analyses on and off. The custom functions live in one class ({@code
 * Special}), their pullbacks in another ({@code SpecialDerivatives}), the callers in a third
 * ({@code Model}); one more class keeps all three in one place and calls unqualified.
 */
class DerivativeOfGradientTest {

  private static final double TOLERANCE = 1e-6;
  private static final double EXACT = 1e-12;

  static final JavaSource SPECIAL = JavaSource.of("adjtest.custom.Special",
      "package adjtest.custom;",
      "",
      "/** Plain Java: nothing here is @Differentiable. */",
      "public final class Special {",
      "  private Special() {}",
      "",
      "  /** log(1 + e^x), stable for large |x|. */",
      "  public static double softplus(double x) {",
      "    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));",
      "  }",
      "",
      "  /** log Σ e^{x_i}, by a loop Adjoint never sees. */",
      "  public static double logSumExp(double[] x) {",
      "    double m = Double.NEGATIVE_INFINITY;",
      "    for (double v : x) m = Math.max(m, v);",
      "    double s = 0;",
      "    for (double v : x) s += Math.exp(v - m);",
      "    return m + Math.log(s);",
      "  }",
      "",
      "  /** x_i³, element-wise: an array result. */",
      "  public static double[] cube(double[] x) {",
      "    double[] y = new double[x.length];",
      "    for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i] * x[i];",
      "    return y;",
      "  }",
      "",
      "  /** a + x_i: a scalar and an array argument, an array result. */",
      "  public static double[] shift(double a, double[] x) {",
      "    double[] y = new double[x.length];",
      "    for (int i = 0; i < x.length; i++) y[i] = a + x[i];",
      "    return y;",
      "  }",
      "",
      "  /** Σ_ij M_ij²: a matrix argument. */",
      "  public static double frobenius2(double[][] M) {",
      "    double s = 0;",
      "    for (double[] row : M) for (double v : row) s += v * v;",
      "    return s;",
      "  }",
      "",
      "  /** Rounds to an integer: derivative 0 a.e., given a straight-through one. */",
      "  public static double roundStraightThrough(double x) {",
      "    return Math.rint(x);",
      "  }",
      "}");

  static final JavaSource DERIVATIVES = JavaSource.of("adjtest.custom.SpecialDerivatives",
      "package adjtest.custom;",
      "",
      "import dev.adjoint.DerivativeOf;",
      "",
      "final class SpecialDerivatives {",
      "  private SpecialDerivatives() {}",
      "",
      "  @DerivativeOf(value = Special.class, method = \"softplus\")",
      "  static double softplusPullback(double x, double result, double resultBar) {",
      "    return resultBar / (1 + Math.exp(-x));",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"logSumExp\")",
      "  static void logSumExpPullback(double[] x, double result, double resultBar,",
      "      double[] xBar) {",
      "    for (int i = 0; i < x.length; i++) xBar[i] += resultBar * Math.exp(x[i] - result);",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"cube\")",
      "  static void cubePullback(double[] x, double[] result, double[] resultBar,",
      "      double[] xBar) {",
      "    for (int i = 0; i < x.length; i++) xBar[i] += resultBar[i] * 3 * x[i] * x[i];",
      "  }",
      "",
      "  /** xBar may be null when x is not differentiated: skip that work. */",
      "  @DerivativeOf(value = Special.class, method = \"shift\")",
      "  static double shiftPullback(double a, double[] x, double[] result, double[] resultBar,",
      "      double[] xBar) {",
      "    double aBar = 0;",
      "    for (int i = 0; i < x.length; i++) {",
      "      aBar += resultBar[i];",
      "      if (xBar != null) xBar[i] += resultBar[i];",
      "    }",
      "    return aBar;",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"frobenius2\")",
      "  static void frobenius2Pullback(double[][] M, double result, double resultBar,",
      "      double[][] MBar) {",
      "    for (int i = 0; i < M.length; i++)",
      "      for (int j = 0; j < M[i].length; j++) MBar[i][j] += 2 * resultBar * M[i][j];",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"roundStraightThrough\")",
      "  static double roundStraightThroughPullback(double x, double result, double resultBar) {",
      "    return resultBar;",
      "  }",
      "}");

  static final JavaSource MODEL = JavaSource.of("adjtest.custom.Model",
      "package adjtest.custom;",
      "",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.runtime.LinearAlgebra;",
      "",
      "public final class Model {",
      "  private Model() {}",
      "",
      "  @Differentiable",
      "  public static double scalar(double x, double y) {",
      "    return Special.softplus(x * y) * y + Math.sin(Special.softplus(x));",
      "  }",
      "",
      "  @Differentiable",
      "  public static double arrayArgument(double[] x, double t) {",
      "    return t * Special.logSumExp(x) + t * t;",
      "  }",
      "",
      "  @Differentiable",
      "  public static double arrayResult(double[] x, double[] c) {",
      "    double[] y = Special.cube(x);",
      "    return LinearAlgebra.dot(c, y);",
      "  }",
      "",
      "  @Differentiable",
      "  public static double scalarAndArray(double a, double[] x) {",
      "    double[] y = Special.shift(a * a, x);",
      "    return LinearAlgebra.squaredNorm(y);",
      "  }",
      "",
      "  @Differentiable(wrt = \"a\")",
      "  public static double scalarOnly(double a, double[] x) {",
      "    double[] y = Special.shift(a, x);",
      "    return LinearAlgebra.squaredNorm(y);",
      "  }",
      "",
      "  @Differentiable",
      "  public static double matrixArgument(double[][] M, double s) {",
      "    return s * Special.frobenius2(M);",
      "  }",
      "",
      "  @Differentiable",
      "  public static double inLoop(double[] x) {",
      "    double s = 0;",
      "    for (int i = 0; i < x.length; i++) {",
      "      s += Special.softplus(x[i] * s + 0.5);",
      "    }",
      "    return s;",
      "  }",
      "",
      "  @Differentiable",
      "  public static double straightThrough(double x) {",
      "    return 3 * Special.roundStraightThrough(x);",
      "  }",
      "}");

  static final JavaSource SELF_CONTAINED = JavaSource.of("adjtest.custom.Gelu",
      "package adjtest.custom;",
      "",
      "import dev.adjoint.DerivativeOf;",
      "import dev.adjoint.Differentiable;",
      "",
      "public final class Gelu {",
      "  private Gelu() {}",
      "",
      "  /** x Φ(x) with Φ by an erf series: not something Adjoint reads. */",
      "  static double gelu(double x) {",
      "    return x * cdf(x);",
      "  }",
      "",
      "  static double cdf(double x) {",
      "    double z = x / Math.sqrt(2);",
      "    double term = z;",
      "    double sum = z;",
      "    for (int n = 1; n < 60; n++) {",
      "      term *= -z * z / n;",
      "      sum += term / (2 * n + 1);",
      "    }",
      "    return 0.5 * (1 + 2 / Math.sqrt(Math.PI) * sum);",
      "  }",
      "",
      "  @DerivativeOf(value = Gelu.class, method = \"gelu\")",
      "  static double geluPullback(double x, double result, double resultBar) {",
      "    return resultBar * (cdf(x) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));",
      "  }",
      "",
      "  @Differentiable",
      "  static double layer(double w, double b, double x) {",
      "    return gelu(w * x + b) * gelu(w);",
      "  }",
      "}");

  private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

  /** The four sources compiled together, once per setting of the analyses. */
  private static Compiled compile(String analyses) {
    return COMPILED.computeIfAbsent(analyses, a -> {
      InProcessCompiler compiler = InProcessCompiler.create();
      if (a.equals("off")) {
        compiler.withOptions("-Aadjoint.analyses=off");
      }
      return compiler.compile(SPECIAL, DERIVATIVES, MODEL, SELF_CONTAINED);
    });
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void scalarFunction(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Model", "scalar");
    Random random = new Random(1);
    for (int trial = 0; trial < 5; trial++) {
      double x = 4 * random.nextDouble() - 2;
      double y = 4 * random.nextDouble() - 2;
      double[] g = f.valueAndGradient(x, y).gradient();
      double sig = 1 / (1 + Math.exp(-x * y));
      double sx = 1 / (1 + Math.exp(-x));
      double spx = Math.log1p(Math.exp(x));
      double[] expected = {sig * y * y + Math.cos(spx) * sx,
          Math.log1p(Math.exp(x * y)) + sig * x * y};
      assertClose(expected, g, EXACT, f);
      assertClose(fd(v -> f.call(v[0], v[1]), x, y), g, TOLERANCE, f);
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void arrayArgument(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Model", "arrayArgument");
    double[] x = {0.3, -1.2, 2.0};
    double t = 0.7;
    Object[] record = f.recordComponentValues(x, t);
    double[] dX = (double[]) record[1];
    double dT = (Double) record[2];
    double s = Math.exp(0.3) + Math.exp(-1.2) + Math.exp(2.0);
    for (int i = 0; i < 3; i++) {
      assertEquals(t * Math.exp(x[i]) / s, dX[i], EXACT, "dX[" + i + "]");
    }
    assertEquals(Math.log(s) + 2 * t, dT, EXACT, "dT");
    // the pullback, seed 2 into pre-filled buffers
    double[] grad = {1};
    double[] xBar = {1, 1, 1};
    f.pullbackWith(new Object[] {x, t}, 2.0, new Class<?>[] {double[].class, double[].class},
        grad, xBar);
    assertEquals(1 + 2 * dT, grad[0], EXACT);
    for (int i = 0; i < 3; i++) {
      assertEquals(1 + 2 * dX[i], xBar[i], EXACT);
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void arrayResult(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Model", "arrayResult");
    double[] x = {0.5, -1.5, 2.0, 0.1};
    double[] c = {1, -2, 0.5, 3};
    Object[] record = f.recordComponentValues(x, c);
    double[] dX = (double[]) record[1];
    double[] dC = (double[]) record[2];
    for (int i = 0; i < 4; i++) {
      assertEquals(3 * c[i] * x[i] * x[i], dX[i], EXACT, "dX[" + i + "]");
      assertEquals(x[i] * x[i] * x[i], dC[i], EXACT, "dC[" + i + "]");
    }
    // the pullback hands the caller's pre-filled xBar to the custom pullback, which adds into it
    double[] xBar = {1, 1, 1, 1};
    double[] cBar = {-1, -1, -1, -1};
    f.pullbackWith(new Object[] {x, c}, 0.5, new Class<?>[] {double[].class, double[].class},
        xBar, cBar);
    for (int i = 0; i < 4; i++) {
      assertEquals(1 + 0.5 * dX[i], xBar[i], EXACT, "xBar[" + i + "]");
      assertEquals(-1 + 0.5 * dC[i], cBar[i], EXACT, "cBar[" + i + "]");
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void scalarAndArrayArguments(String analyses) {
    Compiled c = compile(analyses);
    AdjointMethod both = c.method("adjtest.custom.Model", "scalarAndArray");
    double a = 0.8;
    double[] x = {0.5, -1.5, 2.0};
    Object[] record = both.recordComponentValues(a, x);
    // ‖a² + x‖²: ∂/∂a = 4a Σ(a² + x_i), ∂/∂x_i = 2(a² + x_i)
    double sum = 0;
    for (double v : x) {
      sum += a * a + v;
    }
    assertEquals(4 * a * sum, (Double) record[1], EXACT, "dA");
    double[] dX = (double[]) record[2];
    for (int i = 0; i < 3; i++) {
      assertEquals(2 * (a * a + x[i]), dX[i], EXACT, "dX[" + i + "]");
    }
    // x not differentiated: the custom pullback gets null for xBar and must cope
    AdjointMethod only = c.method("adjtest.custom.Model", "scalarOnly");
    double s2 = 0;
    for (double v : x) {
      s2 += a + v;
    }
    assertEquals(2 * s2, only.valueAndGradient(a, x).gradient()[0], EXACT, "dA, wrt a only");
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void matrixArgument(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Model", "matrixArgument");
    double[][] M = {{1, -2, 0.5}, {0.25, 3, -1}};
    Object[] record = f.recordComponentValues(M, 1.5);
    double[][] dM = (double[][]) record[1];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(3 * M[i][j], dM[i][j], EXACT);
      }
    }
    assertEquals(1 + 4 + 0.25 + 0.0625 + 9 + 1, (Double) record[2], EXACT, "dS");
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void customDerivativeInsideALoop(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Model", "inLoop");
    Random random = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = new double[1 + random.nextInt(5)];
      for (int i = 0; i < x.length; i++) {
        x[i] = 2 * random.nextDouble() - 1;
      }
      double[] dX = (double[]) f.recordComponentValues(x)[1];
      double[] expected = FiniteDifferences.gradient(v -> f.call((Object) v), x);
      assertClose(expected, dX, TOLERANCE, f);
    }
  }

  /** The custom pullback is what runs, not the body: a straight-through estimator for rint. */
  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void thePullbackIsUsedNotTheBody(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Model", "straightThrough");
    var vg = f.valueAndGradient(1.3);
    assertEquals(3.0, vg.value(), 0);
    assertEquals(3.0, vg.gradient()[0], 0, "straight through: 3 · 1, although rint' = 0");
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void pullbackInTheSameClassCalledUnqualified(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.custom.Gelu", "layer");
    Random random = new Random(3);
    for (int trial = 0; trial < 5; trial++) {
      double w = 3 * random.nextDouble() - 1.5;
      double b = random.nextDouble() - 0.5;
      double x = 2 * random.nextDouble() - 1;
      double[] g = f.valueAndGradient(w, b, x).gradient();
      assertClose(fd(v -> f.call(v[0], v[1], x), w, b), new double[] {g[0], g[1]}, TOLERANCE, f);
    }
  }

  private static double[] fd(ToDoubleFunction<double[]> f, double... at) {
    return FiniteDifferences.gradient(f, at);
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance,
      AdjointMethod m) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double error = FiniteDifferences.relativeError(expected[i], actual[i]);
      int at = i;
      assertTrue(error < tolerance, () -> "component " + at + ": expected "
          + Arrays.toString(expected) + " got " + Arrays.toString(actual) + "\n"
          + m.generatedSnippet());
    }
  }
}
