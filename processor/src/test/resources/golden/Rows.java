package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

final class Rows {
  /**
   * A recurrent network unrolled over T steps, each state a new row: the forward sweep keeps the
   * row each assignment replaces, the backward sweep moves the row's adjoint into the kernel's
   * and puts the old row back.
   */
  @Differentiable(wrt = {"W", "h0"})
  static double unrolled(double[][] W, double[] h0, int T) {
    double[][] h = new double[T + 1][];
    h[0] = h0.clone();
    for (int t = 0; t < T; t++) {
      h[t + 1] = LinearAlgebra.tanh(LinearAlgebra.matVec(W, h[t]));
    }
    return LinearAlgebra.sum(h[T]);
  }
}
