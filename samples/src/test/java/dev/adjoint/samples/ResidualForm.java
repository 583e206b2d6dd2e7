package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/**
 * {@link LeastSquares#sumOfSquares} written with the residual started from the non-differentiated
 * {@code y[i]} and updated in place. A regression case: an early version of the loop support wrote
 * the adjoint of {@code r = y[i]} into a {@code null} adjoint array for {@code y} (which is not
 * differentiated), a {@code NullPointerException} at run time.
 */
final class ResidualForm {

  private ResidualForm() {}

  @Differentiable(wrt = {"w"})
  static double sumOfSquares(double[][] X, double[] y, double[] w) {
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      double r = y[i];
      for (int j = 0; j < w.length; j++) {
        r -= X[i][j] * w[j];
      }
      loss += r * r;
    }
    return loss;
  }
}
