package golden;

import dev.adjoint.Differentiable;

final class LoopMethods {
  /**
   * A mixture-like objective: per point, the log-sum-exp over components of minus half the
   * squared distance, plus a penalty on the centres. Its pullback is large enough to split.
   */
  @Differentiable(wrt = {"mu"})
  static double objective(double[][] x, double[][] mu, double lambda) {
    int n = x.length;
    int k = mu.length;
    double[] terms = new double[k];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double sq = 0;
        for (int j = 0; j < x[i].length; j++) {
          double diff = x[i][j] - mu[c][j];
          sq += diff * diff;
        }
        terms[c] = -0.5 * sq;
      }
      double mx = terms[0];
      for (int c = 1; c < k; c++) {
        mx = Math.max(mx, terms[c]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(terms[c] - mx);
      }
      total += Math.log(sum) + mx;
    }
    double penalty = 0;
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < mu[c].length; j++) {
        penalty += mu[c][j] * mu[c][j];
      }
    }
    return total - lambda * penalty;
  }
}
