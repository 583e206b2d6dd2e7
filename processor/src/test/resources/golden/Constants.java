package golden;

import dev.adjoint.Differentiable;

/** A Gaussian mixture density with fixed weights, means and widths: constants and tables. */
final class Constants {
  static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  static final double[] WEIGHTS = {0.3, 0.7};
  static final double[][] PARAMS = {{-1, 0.5}, {2, 1.5}};

  @Differentiable
  static double mixture(double x) {
    double p = 0;
    for (int k = 0; k < WEIGHTS.length; k++) {
      double sigma = PARAMS[k][1];
      double z = (x - PARAMS[k][0]) / sigma;
      p += WEIGHTS[k] * Math.exp(-0.5 * z * z) / (sigma * SQRT2PI);
    }
    return Math.log(p);
  }
}
