package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

final class KernelInLoop {
  /**
   * Softmax regression over the rows of x: each iteration's probabilities are a new array, its
   * reference kept on the stacks, its adjoint allocated by the backward sweep.
   */
  @Differentiable(wrt = {"W"})
  static double loss(double[][] W, double[][] x, int[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double[] p = LinearAlgebra.softmax(LinearAlgebra.matVec(W, x[i]));
      loss -= Math.log(p[y[i]]);
    }
    return loss;
  }
}
