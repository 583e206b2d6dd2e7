package dev.adjoint.benchmarks.loops;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import dev.adjoint.runtime.LinearAlgebra;

/**
 * Functions that call kernels inside a loop over data rows, the shape of ML code; Adjoint
 * generates {@code LoopFunctionsAdjoint}. Each iteration's kernel results are new arrays: the
 * forward sweep keeps a reference to each on the stacks, the backward sweep runs each
 * iteration's kernel pullbacks.
 */
public final class LoopFunctions {

  private LoopFunctions() {}

  /**
   * Softmax regression: the mean cross-entropy {@code −(1/m) Σ_i log softmax(W x_i)[y_i]} of
   * {@code K} classes, gradient in the {@code K × d} weights {@code W}.
   */
  @Differentiable
  public static double softmaxRegression(
      double[][] W, @NoDerivative double[][] x, int[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double[] p = LinearAlgebra.softmax(LinearAlgebra.matVec(W, x[i]));
      loss -= Math.log(p[y[i]]);
    }
    return loss / x.length;
  }
}
