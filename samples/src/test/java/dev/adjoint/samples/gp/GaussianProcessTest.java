package dev.adjoint.samples.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generated gradient against the closed form {@code ∂/∂θ = ½ tr((K⁻¹ − ααᵀ) ∂K/∂θ)}, and the
 * fit recovering the noise level of the data.
 */
class GaussianProcessTest {

  @Test
  void gradientMatchesTheClosedForm() {
    Random r = new Random(5);
    double[][] xy = GaussianProcess.data(12, 9);
    for (int trial = 0; trial < 10; trial++) {
      double[] t = {r.nextDouble() - 0.5, r.nextDouble() - 0.5, -1 - r.nextDouble()};
      var g = GaussianProcessAdjoint.negLogLikelihood(xy[0], xy[1], t[0], t[1], t[2]);
      double[] expected = closedForm(xy[0], xy[1], t);
      for (int k = 0; k < 3; k++) {
        assertEquals(expected[k], g.gradient()[k], 1e-8 * Math.max(1, Math.abs(expected[k])),
            "component " + k);
      }
    }
  }

  @Test
  void fitFindsTheNoiseLevel() {
    double[][] xy = GaussianProcess.data(40, 3);
    double[] theta = GaussianProcess.fit(xy[0], xy[1], 400, 0.01, line -> { });
    double noise = Math.exp(theta[2]);
    assertTrue(noise > 0.05 && noise < 0.2, "noise " + noise);
    double start = GaussianProcess.negLogLikelihood(xy[0], xy[1], Math.log(3), Math.log(0.5),
        Math.log(0.5));
    double end = GaussianProcess.negLogLikelihood(xy[0], xy[1], theta[0], theta[1], theta[2]);
    assertTrue(end < start - 10, start + " -> " + end);
  }

  private static double[] closedForm(double[] x, double[] y, double[] t) {
    int n = x.length;
    double length = Math.exp(t[0]);
    double signal = Math.exp(2 * t[1]);
    double noise = Math.exp(2 * t[2]);
    double[][] K = new double[n][n];
    double[][] dLength = new double[n][n];
    double[][] dSignal = new double[n][n];
    double[][] dNoise = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = (x[i] - x[j]) / length;
        double k = signal * Math.exp(-0.5 * d * d);
        K[i][j] = k;
        dLength[i][j] = k * d * d; // ∂/∂ log length
        dSignal[i][j] = 2 * k;
      }
      K[i][i] += noise;
      dNoise[i][i] = 2 * noise;
    }
    double[][] inv = LinearAlgebra.inverse(K);
    double[] alpha = LinearAlgebra.solve(K, y);
    double[] out = new double[3];
    double[][][] dK = {dLength, dSignal, dNoise};
    for (int p = 0; p < 3; p++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          s += (inv[j][i] - alpha[j] * alpha[i]) * dK[p][i][j];
        }
      }
      out[p] = 0.5 * s;
    }
    return out;
  }
}
