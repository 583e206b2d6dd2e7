package dev.adjoint.benchmarks.loops;

/**
 * The adjoint of {@link LoopFunctions#softmaxRegression} written by hand, as one would for
 * speed: per row, the logits and their softmax in two scratch arrays owned by the caller, the
 * loss term through log-sum-exp, and {@code W̄ += seed/m · (p − e_y) x_iᵀ} at once, so nothing
 * is stored across rows and nothing is allocated.
 */
public final class LoopHandWritten {

  private LoopHandWritten() {}

  /**
   * Returns the loss and adds {@code seed} times its gradient into {@code WBar}.
   *
   * @param scratch an array of at least {@code K} entries, overwritten
   */
  public static double softmaxRegressionPullback(double[][] W, double[][] x, int[] y,
      double seed, double[][] WBar, double[] scratch) {
    int m = x.length;
    int k = W.length;
    double loss = 0;
    double rowSeed = seed / m;
    for (int i = 0; i < m; i++) {
      double[] xi = x[i];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double z = 0;
        double[] wc = W[c];
        for (int j = 0; j < xi.length; j++) {
          z += wc[j] * xi[j];
        }
        scratch[c] = z;
        max = Math.max(max, z);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double e = Math.exp(scratch[c] - max);
        sum += e;
        // scratch[c] becomes exp(z_c − max); the logit of the label is read first.
        if (c == y[i]) {
          loss -= scratch[c] - max;
        }
        scratch[c] = e;
      }
      loss += Math.log(sum);
      for (int c = 0; c < k; c++) {
        double zBar = rowSeed * (scratch[c] / sum - (c == y[i] ? 1 : 0));
        double[] wBarC = WBar[c];
        for (int j = 0; j < xi.length; j++) {
          wBarC[j] += zBar * xi[j];
        }
      }
    }
    return loss / m;
  }
}
