package golden;

import dev.adjoint.Differentiable;

final class NestedLoop {
  /** x to the ninth: a 3 x 3 nested loop. */
  @Differentiable
  static double ninthPower(double x) {
    double t = 1;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        t = t * x;
      }
    }
    return t;
  }

  /** Least squares |y - Xw|^2 over a matrix, row by row. */
  @Differentiable(wrt = {"w"})
  static double leastSquares(double[][] X, double[] w, double[] y) {
    double s = 0;
    for (int i = 0; i < X.length; i++) {
      double r = -y[i];
      for (int j = 0; j < w.length; j++) {
        r += X[i][j] * w[j];
      }
      s += r * r;
    }
    return s;
  }
}
