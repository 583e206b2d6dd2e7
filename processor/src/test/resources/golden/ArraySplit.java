package golden;

import dev.adjoint.Differentiable;

/** Helpers of arrays called in a loop: their split halves run on the caller's stacks. */
final class ArraySplit {
  static double logSumExp(double[] v) {
    double max = v[0];
    for (int i = 1; i < v.length; i++) {
      max = Math.max(max, v[i]);
    }
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += Math.exp(v[i] - max);
    }
    return Math.log(sum) + max;
  }

  static double rowNorms(double[][] m, double scale) {
    double s = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        s += m[i][j] * m[i][j];
      }
    }
    return scale * Math.sqrt(s);
  }

  /** The scores are written again for the next point, after logSumExp read them. */
  @Differentiable(wrt = {"w", "b"})
  static double logLikelihood(double[][] w, double[] b, double[][] xs) {
    int k = b.length;
    double[] scores = new double[k];
    double s = 0;
    for (int n = 0; n < xs.length; n++) {
      for (int c = 0; c < k; c++) {
        double z = b[c];
        for (int j = 0; j < xs[n].length; j++) {
          z += w[c][j] * xs[n][j];
        }
        scores[c] = z;
      }
      s += scores[0] - logSumExp(scores);
    }
    return s - rowNorms(w, 0.01);
  }
}
