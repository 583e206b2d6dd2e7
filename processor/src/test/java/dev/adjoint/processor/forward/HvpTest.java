package dev.adjoint.processor.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second order by forward over reverse: {@code fHvp} against central differences of the
 * reverse-mode gradient along v, and against the exact order-2 Hipparchus {@code
 * DerivativeStructure} on Rosenbrock, xᵀAx (H = A + Aᵀ), Σxᵢ⁵ (H v = 20x³ ⊙ v) and the
 * logistic loss; {@code fHessian} symmetric and equal to the exact Hessian.
 */
class HvpTest {
  private static Tangent tangent(String name, String spec) {
    return JvpTest.tangent(name, spec);
  }

  @ParameterizedTest
  @MethodSource("dev.adjoint.processor.forward.ForwardSources#scalarCases")
  void hvpIsTheDerivativeOfTheGradient(String name, String spec, double lo, double hi) {
    Tangent f = tangent(name, spec);
    Random r = new Random(name.hashCode() + 1);
    for (int trial = 0; trial < 5; trial++) {
      double[] t = JvpTest.random(r, f.n, lo, hi);
      double[] v = JvpTest.random(r, f.n, -1, 1);
      double[] hv = f.hvp(t, v);
      double h = 1e-5;
      double[] plus = f.gradient(JvpTest.axpy(t, h, v));
      double[] minus = f.gradient(JvpTest.axpy(t, -h, v));
      double scale = 1;
      for (double g : plus) {
        scale = Math.max(scale, Math.abs(g));
      }
      for (int i = 0; i < f.n; i++) {
        double fd = (plus[i] - minus[i]) / (2 * h);
        assertEquals(fd, hv[i], 1e-6 * Math.max(scale, Math.abs(fd)),
            name + " H·v [" + i + "]: " + Arrays.toString(hv));
      }
    }
  }

  private static double[][] exactHessian(Function<DerivativeStructure[], DerivativeStructure> f,
      double[] t) {
    DSFactory factory = new DSFactory(t.length, 2);
    DerivativeStructure[] x = new DerivativeStructure[t.length];
    for (int i = 0; i < t.length; i++) {
      x[i] = factory.variable(i, t[i]);
    }
    DerivativeStructure y = f.apply(x);
    double[][] h = new double[t.length][t.length];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < t.length; j++) {
        int[] orders = new int[t.length];
        orders[i]++;
        orders[j]++;
        h[i][j] = y.getPartialDerivative(orders);
      }
    }
    return h;
  }

  private static void assertExact(Tangent f, Function<DerivativeStructure[], DerivativeStructure> ds,
      double lo, double hi) {
    Random r = new Random(f.name.hashCode() + 2);
    for (int trial = 0; trial < 5; trial++) {
      double[] t = JvpTest.random(r, f.n, lo, hi);
      double[] v = JvpTest.random(r, f.n, -1, 1);
      double[][] h = exactHessian(ds, t);
      double[] hv = f.hvp(t, v);
      double[][] generated = f.hessian(t);
      for (int i = 0; i < f.n; i++) {
        double expected = 0;
        for (int j = 0; j < f.n; j++) {
          expected += h[i][j] * v[j];
          assertEquals(generated[j][i], generated[i][j], 0.0, f.name + " Hessian symmetric");
          assertEquals(h[i][j], generated[i][j], 1e-11 * Math.max(1, Math.abs(h[i][j])),
              f.name + " Hessian [" + i + "][" + j + "]");
        }
        assertEquals(expected, hv[i], 1e-11 * Math.max(1, Math.abs(expected)),
            f.name + " H·v [" + i + "]");
      }
    }
  }

  @Test
  void rosenbrock() {
    assertExact(tangent("rosenbrock", "d d"), x -> {
      DerivativeStructure a = x[0].negate().add(1);
      DerivativeStructure b = x[1].subtract(x[0].multiply(x[0]));
      return a.multiply(a).add(b.multiply(b).multiply(100));
    }, -1.5, 1.5);
  }

  @Test
  void quadraticFormHasHessianAPlusATransposed() {
    Tangent f = tangent("quadratic", "v4 M4");
    double[][] a = (double[][]) f.args(new double[4]).get(1);
    assertExact(f, x -> {
      DerivativeStructure s = x[0].getField().getZero();
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          s = s.add(x[i].multiply(a[i][j]).multiply(x[j]));
        }
      }
      return s;
    }, -1, 1);
    // The closed form, independently of Hipparchus: H v = (A + Aᵀ) v.
    double[] v = {0.3, -1.2, 0.7, 2.0};
    double[] hv = f.hvp(new double[] {0.5, 0.1, -0.4, 0.9}, v);
    for (int i = 0; i < 4; i++) {
      double expected = 0;
      for (int j = 0; j < 4; j++) {
        expected += (a[i][j] + a[j][i]) * v[j];
      }
      assertEquals(expected, hv[i], 1e-13, "(A + Aᵀ) v [" + i + "]");
    }
  }

  @Test
  void sumOfFifthPowers() {
    Tangent f = tangent("fifth", "v4");
    assertExact(f, x -> {
      DerivativeStructure s = x[0].getField().getZero();
      for (DerivativeStructure xi : x) {
        s = s.add(xi.pow(5));
      }
      return s;
    }, -1.5, 1.5);
    double[] x = {0.5, -1.1, 1.3, 0.2};
    double[] v = {1.0, 0.5, -2.0, 3.0};
    double[] hv = f.hvp(x, v);
    for (int i = 0; i < 4; i++) {
      assertEquals(20 * Math.pow(x[i], 3) * v[i], hv[i], 1e-12, "20x³ ⊙ v [" + i + "]");
    }
  }

  @Test
  void sumOfFifthPowersThroughAHelper() {
    Tangent f = tangent("fifthViaHelper", "v4");
    double[] x = {0.5, -1.1, 1.3, 0.2};
    double[] v = {1.0, 0.5, -2.0, 3.0};
    double[] hv = f.hvp(x, v);
    for (int i = 0; i < 4; i++) {
      assertEquals(20 * Math.pow(x[i], 3) * v[i], hv[i], 1e-12, "20x³ ⊙ v [" + i + "]");
    }
    double[][] h = f.hessian(x);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(i == j ? 20 * Math.pow(x[i], 3) : 0, h[i][j], 1e-12, "H[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void logisticLoss() {
    Tangent f = tangent("logistic", "v3 M3 D3");
    double[][] a = (double[][]) f.args(new double[3]).get(1);
    double[] y = (double[]) f.args(new double[3]).get(2);
    assertExact(f, w -> {
      DerivativeStructure loss = w[0].getField().getZero();
      for (int i = 0; i < 3; i++) {
        DerivativeStructure z = w[0].getField().getZero();
        for (int j = 0; j < 3; j++) {
          z = z.add(w[j].multiply(a[i][j]));
        }
        loss = loss.add(z.multiply(-Math.signum(y[i] + 0.01)).exp().add(1).log());
      }
      return loss.divide(3).add(w[0].multiply(w[0]).add(w[1].multiply(w[1])).multiply(0.01));
    }, -1, 1);
  }
}
