package dev.adjoint.processor.writes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Method;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public API of a {@code void @Differentiable} method writing into one {@code double[]}:
 * {@code fPullback(a, x, y, seed, grad, xBar, yBar)} runs it (y written as it does), returns
 * y, and adds seedᵀ J to the adjoints, J the Jacobian of y's values on exit with respect to the
 * values on entry; pre-filled adjoints show it adds. Against Hipparchus (axpy) and central
 * differences of {@code seed · f(...)} (softmax), analyses on and off.
 */
class VoidDifferentiableTest {

  private static final JavaSource SOURCE = JavaSource.of("adjtest.voids.Ops",
      "package adjtest.voids;",
      "import dev.adjoint.Differentiable;",
      "public final class Ops {",
      "  @Differentiable",
      "  public static void axpy(double a, double[] x, double[] y) {",
      "    for (int i = 0; i < y.length; i++) {",
      "      y[i] += a * x[i] * y[i];",
      "    }",
      "  }",
      "  @Differentiable",
      "  public static void softmax(double t, double[] v) {",
      "    double s = 0;",
      "    for (int i = 0; i < v.length; i++) {",
      "      v[i] = Math.exp(t * v[i]);",
      "      s += v[i];",
      "    }",
      "    for (int i = 0; i < v.length; i++) {",
      "      v[i] /= s;",
      "    }",
      "  }",
      "  @Differentiable",
      "  public static double caller(double a, double[] x) {",
      "    double[] y = x.clone();",
      "    axpy(a, x, y);",
      "    softmax(a, y);",
      "    return y[0];",
      "  }",
      "}");

  private static final double TOLERANCE = 1e-7;

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void axpyAgainstHipparchus(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
    Method pullback = pullback(c, "axpyPullback", 7);
    Random r = new Random(3);
    for (int trial = 0; trial < 5; trial++) {
      int n = 1 + r.nextInt(4);
      double a = r.nextDouble() * 2 - 1;
      double[] x = values(r, n);
      double[] y = values(r, n);
      double[] seed = values(r, n);
      double[] grad = {0.5};
      double[] xBar = filled(n, 0.25);
      double[] yBar = filled(n, -0.5);
      double[] yIn = y.clone();
      double[] out = (double[]) pullback.invoke(null, a, x, y, seed, grad, xBar, yBar);
      // y_i' = y_i (1 + a x_i): seed · y' differentiated exactly
      DSFactory f = new DSFactory(1 + 2 * n, 1);
      DerivativeStructure da = f.variable(0, a);
      DerivativeStructure dot = f.constant(0);
      for (int i = 0; i < n; i++) {
        DerivativeStructure xi = f.variable(1 + i, x[i]);
        DerivativeStructure yi = f.variable(1 + n + i, yIn[i]);
        DerivativeStructure yo = yi.add(da.multiply(xi).multiply(yi));
        assertEquals(yo.getValue(), y[i], 1e-12, "y written as the method does");
        dot = dot.add(yo.multiply(seed[i]));
      }
      assertEquals(y, out);
      double[] all = dot.getAllDerivatives();
      assertEquals(0.5 + all[1], grad[0], TOLERANCE);
      for (int i = 0; i < n; i++) {
        assertEquals(0.25 + all[2 + i], xBar[i], TOLERANCE, "xBar[" + i + "]");
        assertEquals(-0.5 + all[2 + n + i], yBar[i], TOLERANCE, "yBar[" + i + "]");
      }
    }
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void softmaxAgainstFiniteDifferences(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
    Method pullback = pullback(c, "softmaxPullback", 5);
    Method original = c.loadClass("adjtest.voids.Ops").getMethod("softmax", double.class,
        double[].class);
    Random r = new Random(5);
    for (int trial = 0; trial < 5; trial++) {
      int n = 1 + r.nextInt(4);
      double[] point = new double[1 + n];
      point[0] = r.nextDouble() * 2 - 1;
      double[] v = values(r, n);
      System.arraycopy(v, 0, point, 1, n);
      double[] seed = values(r, n);
      double[] grad = {0};
      double[] vBar = new double[n];
      pullback.invoke(null, point[0], v.clone(), seed, grad, vBar);
      double[] fd = FiniteDifferences.gradient(p -> {
        double[] w = java.util.Arrays.copyOfRange(p, 1, p.length);
        try {
          original.invoke(null, p[0], w);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
        double s = 0;
        for (int i = 0; i < w.length; i++) {
          s += seed[i] * w[i];
        }
        return s;
      }, point);
      assertEquals(fd[0], grad[0], 1e-6 * Math.max(1, Math.abs(fd[0])));
      assertArrayEquals(java.util.Arrays.copyOfRange(fd, 1, fd.length), vBar, 1e-6);
    }
  }

  private static Method pullback(Compiled c, String name, int arity) {
    for (Method m : c.loadClass("adjtest.voids.OpsAdjoint").getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        return m;
      }
    }
    throw new AssertionError("no " + name + " of " + arity + " parameters");
  }

  private static double[] values(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextDouble() * 2 - 1;
    }
    return v;
  }

  private static double[] filled(int n, double value) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, value);
    return v;
  }
}
