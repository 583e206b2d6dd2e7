package dev.adjoint.processor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @DerivativeOf} for functions of several {@code double} parameters: the pullback takes a
 * {@code double[] grad} after the result's adjoint and adds the adjoint of the k-th double into
 * {@code grad[k]} (then the array adjoints, as before). Callers pass their one scratch buffer,
 * so nothing is allocated per call. Gradients against closed forms and finite differences,
 * with analyses on and off; a constant or undifferentiated argument's slot is ignored.
 */
class SeveralScalarsDerivativeOfTest {

  private static final double EXACT = 1e-12;
  private static final double TOLERANCE = 1e-6;

  static final JavaSource SPECIAL = JavaSource.of("adjtest.several.Special",
      "package adjtest.several;",
      "",
      "import dev.adjoint.DerivativeOf;",
      "",
      "public final class Special {",
      "  private Special() {}",
      "",
      "  /** log(e^a + e^b), stable. */",
      "  public static double logAddExp(double a, double b) {",
      "    double m = Math.max(a, b);",
      "    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"logAddExp\")",
      "  static void logAddExpPullback(double a, double b, double result, double resultBar,",
      "      double[] grad) {",
      "    grad[0] += resultBar * Math.exp(a - result);",
      "    grad[1] += resultBar * Math.exp(b - result);",
      "  }",
      "",
      "  /** a Σ x_i² + b k + c³: three doubles, an array, an int. */",
      "  public static double mix(double a, double[] x, int k, double b, double c) {",
      "    double s = 0;",
      "    for (double v : x) s += v * v;",
      "    return a * s + b * k + c * c * c;",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"mix\")",
      "  static void mixPullback(double a, double[] x, int k, double b, double c, double result,",
      "      double resultBar, double[] grad, double[] xBar) {",
      "    double s = 0;",
      "    for (int i = 0; i < x.length; i++) {",
      "      s += x[i] * x[i];",
      "      if (xBar != null) xBar[i] += resultBar * 2 * a * x[i];",
      "    }",
      "    grad[0] += resultBar * s;",
      "    grad[1] += resultBar * k;",
      "    grad[2] += resultBar * 3 * c * c;",
      "  }",
      "",
      "  /** a + b x_i: an array result of two doubles and an array. */",
      "  public static double[] affine(double a, double b, double[] x) {",
      "    double[] y = new double[x.length];",
      "    for (int i = 0; i < x.length; i++) y[i] = a + b * x[i];",
      "    return y;",
      "  }",
      "",
      "  @DerivativeOf(value = Special.class, method = \"affine\")",
      "  static void affinePullback(double a, double b, double[] x, double[] result,",
      "      double[] resultBar, double[] grad, double[] xBar) {",
      "    for (int i = 0; i < x.length; i++) {",
      "      grad[0] += resultBar[i];",
      "      grad[1] += resultBar[i] * x[i];",
      "      if (xBar != null) xBar[i] += resultBar[i] * b;",
      "    }",
      "  }",
      "}");

  static final JavaSource MODEL = JavaSource.of("adjtest.several.Model",
      "package adjtest.several;",
      "",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.runtime.LinearAlgebra;",
      "",
      "public final class Model {",
      "  private Model() {}",
      "",
      "  @Differentiable",
      "  public static double pair(double x, double y) {",
      "    return Special.logAddExp(x * y, Math.sin(x)) * y + Special.logAddExp(2.0, y);",
      "  }",
      "",
      "  @Differentiable(wrt = {\"a\", \"x\"})",
      "  public static double mixed(double a, double[] x, double b) {",
      "    return Special.mix(a * a, x, 3, b, a) + Special.mix(b, x, 2, a, 1.5);",
      "  }",
      "",
      "  @Differentiable",
      "  public static double arrayResult(double a, double[] x, double[] c) {",
      "    double[] y = Special.affine(a, a * a, x);",
      "    return LinearAlgebra.dot(c, y);",
      "  }",
      "",
      "  @Differentiable",
      "  public static double inLoop(double x, int n) {",
      "    double s = 0;",
      "    for (int i = 0; i < n; i++) {",
      "      s = Special.logAddExp(s, x * i);",
      "    }",
      "    return s;",
      "  }",
      "}");

  private static final Map<String, Compiled> COMPILED = new ConcurrentHashMap<>();

  private static Compiled compile(String analyses) {
    return COMPILED.computeIfAbsent(analyses, a -> InProcessCompiler.create()
        .withOptions("-Aadjoint.analyses=" + a).compile(SPECIAL, MODEL));
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void twoScalarsIntoGrad(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.several.Model", "pair");
    Random random = new Random(5);
    for (int trial = 0; trial < 5; trial++) {
      double x = 4 * random.nextDouble() - 2;
      double y = 4 * random.nextDouble() - 2;
      double[] g = f.valueAndGradient(x, y).gradient();
      // d/du logAddExp(u, v) = σ(u - v)
      double u = x * y;
      double v = Math.sin(x);
      double l = Math.log(Math.exp(u) + Math.exp(v));
      double su = Math.exp(u - l);
      double sv = Math.exp(v - l);
      double s2 = Math.exp(y - Math.log(Math.exp(2.0) + Math.exp(y)));
      double[] expected = {(su * y + sv * Math.cos(x)) * y, su * x * y + l + s2};
      assertArrayEquals(expected, g, EXACT * 10);
      assertArrayEquals(FiniteDifferences.gradient(p -> f.call(p[0], p[1]), new double[] {x, y}), g,
          TOLERANCE);
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void threeScalarsAnArrayAndAnInt(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.several.Model", "mixed");
    double a = 0.7;
    double[] x = {0.5, -1.5, 2.0};
    double b = -0.4;
    Object[] record = f.recordComponentValues(a, x, b);
    double s = 0.25 + 2.25 + 4;
    // mix(a², x, 3, b, a) + mix(b, x, 2, a, 1.5) = a² s + 3b + a³ + b s + 2a + 3.375
    assertEquals(2 * a * s + 3 * a * a + 2, (Double) record[1], EXACT, "dA");
    double[] dX = (double[]) record[2];
    for (int i = 0; i < 3; i++) {
      assertEquals(2 * (a * a + b) * x[i], dX[i], EXACT, "dX[" + i + "]");
    }
    // the pullback accumulates, seed 2 into pre-filled buffers
    double[] grad = {1};
    double[] xBar = {1, 1, 1};
    f.pullbackWith(new Object[] {a, x, b}, 2.0,
        new Class<?>[] {double[].class, double[].class}, grad, xBar);
    assertEquals(1 + 2 * (Double) record[1], grad[0], EXACT);
    for (int i = 0; i < 3; i++) {
      assertEquals(1 + 2 * dX[i], xBar[i], EXACT);
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void arrayResultOfTwoScalars(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.several.Model", "arrayResult");
    double a = 0.9;
    double[] x = {0.5, -1.5, 2.0};
    double[] c = {1, -2, 0.5};
    Object[] record = f.recordComponentValues(a, x, c);
    // Σ c_i (a + a² x_i): ∂a = Σ c_i (1 + 2a x_i), ∂x_i = c_i a², ∂c_i = a + a² x_i
    double dA = 0;
    for (int i = 0; i < 3; i++) {
      dA += c[i] * (1 + 2 * a * x[i]);
    }
    assertEquals(dA, (Double) record[1], EXACT, "dA");
    for (int i = 0; i < 3; i++) {
      assertEquals(c[i] * a * a, ((double[]) record[2])[i], EXACT, "dX[" + i + "]");
      assertEquals(a + a * a * x[i], ((double[]) record[3])[i], EXACT, "dC[" + i + "]");
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void insideALoop(String analyses) {
    AdjointMethod f = compile(analyses).method("adjtest.several.Model", "inLoop");
    for (double x : new double[] {-0.8, 0.3, 1.7}) {
      double g = f.valueAndGradient(x, 4).gradient()[0];
      double expected = FiniteDifferences.gradient(p -> f.call(p[0], 4), new double[] {x})[0];
      assertEquals(expected, g, TOLERANCE * Math.max(1, Math.abs(expected)));
    }
  }
}
