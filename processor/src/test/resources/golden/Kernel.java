package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

final class Kernel {
  /** A tanh layer and its squared error: each kernel call runs its pullback backwards. */
  @Differentiable(wrt = {"W", "x"})
  static double layer(double[][] W, double[] x, double[] t) {
    double[] y = LinearAlgebra.tanh(LinearAlgebra.matVec(W, x));
    return 0.5 * LinearAlgebra.squaredNorm(LinearAlgebra.sub(y, t));
  }
}
