package golden;

import dev.adjoint.Differentiable;

final class Loop {
  /** x to the n by repeated multiplication: each iteration overwrites t. */
  @Differentiable
  static double power(double x, int n) {
    double t = 1;
    for (int i = 0; i < n; i++) {
      t *= x;
    }
    return t;
  }

  /** A data-dependent trip count. */
  @Differentiable
  static double halve(double a) {
    while (Math.abs(a) > 0.1) {
      a /= 2;
    }
    return a;
  }

  /** Weighted sum of squares over an array, skipping negatives. */
  @Differentiable
  static double sumSquares(double[] x, double w) {
    double s = 0;
    for (double v : x) {
      if (v < 0) {
        continue;
      }
      s += w * v * v;
    }
    return s;
  }
}
