package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

final class Cholesky {
  /**
   * A Gaussian process's negative log likelihood: the covariance is built in place, then
   * solved and log-determined with one factorization.
   */
  @Differentiable(wrt = {"y", "noise"})
  static double nll(double[] x, double[] y, double noise) {
    int n = x.length;
    double[][] K = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = x[i] - x[j];
        K[i][j] = Math.exp(-0.5 * d * d);
      }
      K[i][i] += noise * noise;
    }
    double[] alpha = LinearAlgebra.solveSpd(K, y);
    return 0.5 * LinearAlgebra.dot(y, alpha) + 0.5 * LinearAlgebra.logDetSpd(K);
  }
}
