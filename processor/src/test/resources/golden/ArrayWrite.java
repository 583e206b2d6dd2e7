package golden;

import dev.adjoint.Differentiable;

final class ArrayWrite {
  /** Prefix sums in a local array, written and then read back. */
  @Differentiable
  static double prefixSquares(double[] x) {
    int n = x.length;
    double[] p = new double[n + 1];
    for (int i = 0; i < n; i++) {
      p[i + 1] = p[i] + x[i];
    }
    double s = 0;
    for (int i = 1; i <= n; i++) {
      s += p[i] * p[i];
    }
    return s;
  }

  /** An element overwritten in place, reading its old value, and a scatter through int[]. */
  @Differentiable
  static double scatter(double[] x, int[] idx, double w) {
    double[] acc = new double[x.length];
    for (int k = 0; k < idx.length; k++) {
      acc[idx[k]] += w * x[idx[k]];
      acc[idx[k]] = Math.sin(acc[idx[k]]);
    }
    return acc[0] + acc[acc.length - 1];
  }
}
