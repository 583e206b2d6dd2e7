package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 1 of the notes ("Матричное дифференцирование", задача 1): for a square {@code A},
 *
 * <pre>
 *   xᵀAx = Σ_k Σ_m x_k a_km x_m,   ∂/∂x_i = (Ax)_i + (Aᵀx)_i,   ∇ₓ xᵀAx = (A + Aᵀ) x.
 * </pre>
 *
 * <p>Written twice: with the {@link LinearAlgebra#quadForm} kernel, whose hand-written pullback
 * the generated code calls, and as the notes' double sum, which Adjoint differentiates term by
 * term. Both gradients must equal {@code (A + Aᵀ) x}; note that {@code A} need not be symmetric.
 */
public final class QuadraticForm {

  private QuadraticForm() {}

  /** {@code xᵀAx} with the kernel. */
  @Differentiable(wrt = "x")
  public static double quadraticForm(double[] x, double[][] A) {
    return LinearAlgebra.quadForm(x, A);
  }

  /** {@code Σ_k Σ_m x_k a_km x_m}, the notes' first line. */
  @Differentiable(wrt = "x")
  public static double quadraticFormAsSum(double[] x, double[][] A) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      for (int m = 0; m < x.length; m++) {
        s += x[k] * A[k][m] * x[m];
      }
    }
    return s;
  }

  /** The notes' answer, {@code (A + Aᵀ) x}. */
  public static double[] closedForm(double[] x, double[][] A) {
    return LinearAlgebra.matVec(LinearAlgebra.addMatrices(A, LinearAlgebra.transpose(A)), x);
  }

  /** Both generated gradients against the closed form at a fixed random point. */
  public static String run() {
    Random random = new Random(1);
    int n = 5;
    double[] x = NoteMath.vector(random, n);
    double[][] A = NoteMath.matrix(random, n, n);
    double[] expected = closedForm(x, A);
    double error =
        Math.max(
            NoteMath.maxAbsDiff(QuadraticFormAdjoint.quadraticForm(x, A).dX(), expected),
            NoteMath.maxAbsDiff(QuadraticFormAdjoint.quadraticFormAsSum(x, A).dX(), expected));
    return NoteMath.report("1.", "grad_x x^T A x = (A + A^T) x", "n = " + n, error,
        "kernel and double sum");
  }
}
