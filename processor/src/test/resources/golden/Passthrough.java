package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

final class Passthrough {
  /** The data xs and the target t are passed through: no adjoint, no gradient slot. */
  @Differentiable
  static double squaredError(double[] w, @NoDerivative double[] xs, double b,
      @NoDerivative double t) {
    double s = b - t;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * xs[i];
    }
    return s * s;
  }
}
