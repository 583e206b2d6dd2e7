package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 2 of the notes (задача 2): for {@code A, B ∈ ℝⁿˣⁿ},
 *
 * <pre>
 *   tr(AB) = Σ_m (AB)_mm = Σ_m Σ_k a_mk b_km,   ∂ tr(AB) / ∂a_ij = b_ji,   ∇_A tr(AB) = Bᵀ.
 * </pre>
 *
 * <p>Written with the kernels exactly as the formula reads, {@code trace(matMul(A, B))}: the
 * generated code runs {@code tracePullback} (which puts {@code t̄} on the diagonal of the product's
 * adjoint) and then {@code matMulPullback} ({@code Ā += C̄ Bᵀ}); and as the notes' double sum.
 */
public final class TraceOfProduct {

  private TraceOfProduct() {}

  /** {@code tr(AB)} with the kernels. */
  @Differentiable(wrt = "A")
  public static double traceOfProduct(double[][] A, double[][] B) {
    return LinearAlgebra.trace(LinearAlgebra.matMul(A, B));
  }

  /** {@code Σ_m Σ_k a_mk b_km}. */
  @Differentiable(wrt = "A")
  public static double traceOfProductAsSum(double[][] A, double[][] B) {
    double s = 0;
    for (int m = 0; m < A.length; m++) {
      for (int k = 0; k < B.length; k++) {
        s += A[m][k] * B[k][m];
      }
    }
    return s;
  }

  /** The notes' answer, {@code Bᵀ}. */
  public static double[][] closedForm(double[][] A, double[][] B) {
    return LinearAlgebra.transpose(B);
  }

  /** Both generated gradients against {@code Bᵀ} at a fixed random point. */
  public static String run() {
    Random random = new Random(2);
    int n = 4;
    double[][] A = NoteMath.matrix(random, n, n);
    double[][] B = NoteMath.matrix(random, n, n);
    double[][] expected = closedForm(A, B);
    double error =
        Math.max(
            NoteMath.maxAbsDiff(TraceOfProductAdjoint.traceOfProduct(A, B).dA(), expected),
            NoteMath.maxAbsDiff(TraceOfProductAdjoint.traceOfProductAsSum(A, B).dA(), expected));
    return NoteMath.report("2.", "grad_A tr(AB) = B^T", "n = " + n, error,
        "kernels and double sum");
  }
}
