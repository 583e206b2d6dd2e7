package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What {@link SecondOrderBenchmark} times is right: the generated JVP is ⟨∇f, v⟩ of the
 * generated gradient, and the generated HVP is the central difference of the gradient along v.
 */
class SecondOrderTest {

  @Test
  void jvpAndHvpOfTheExtendedRosenbrock() {
    Random random = new Random(5);
    for (int n : new int[] {2, 10, 100}) {
      double[] x = new double[n];
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 4 * random.nextDouble() - 2;
        v[i] = 2 * random.nextDouble() - 1;
      }
      double[] g = gradient(x);
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += g[i] * v[i];
      }
      assertEquals(dot, FunctionsAdjoint.extendedRosenbrockJvp(x, v),
          1e-12 * Math.max(1, Math.abs(dot)), "JVP at n = " + n);
      double[] hv = new double[n];
      FunctionsAdjoint.extendedRosenbrockHvp(x, v, hv);
      double h = 1e-6;
      double[] plus = x.clone();
      double[] minus = x.clone();
      for (int i = 0; i < n; i++) {
        plus[i] += h * v[i];
        minus[i] -= h * v[i];
      }
      double[] gp = gradient(plus);
      double[] gm = gradient(minus);
      for (int i = 0; i < n; i++) {
        double fd = (gp[i] - gm[i]) / (2 * h);
        assertEquals(fd, hv[i], 1e-5 * Math.max(1, Math.abs(fd)), "HVP[" + i + "] at n = " + n);
      }
    }
  }

  private static double[] gradient(double[] x) {
    double[] g = new double[x.length];
    FunctionsAdjoint.extendedRosenbrockPullback(x, 1.0, g);
    return g;
  }
}
