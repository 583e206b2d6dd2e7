package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

final class ParameterWrite {
  /**
   * Scales x in place: the caller sees the new values, and the gradient is with respect to x on
   * entry; what the caller's xBar held is set aside while the stores clear their elements.
   */
  @Differentiable
  static double scaleInPlace(double[] x, double w) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= w;
    }
    return LinearAlgebra.squaredNorm(x);
  }
}
