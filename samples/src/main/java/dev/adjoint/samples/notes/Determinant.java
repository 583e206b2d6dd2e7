package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 12 of the notes (differential properties): {@code d(det X) = det X ⟨X⁻ᵀ, dX⟩}, and
 * since {@code df = ⟨∇f, dX⟩},
 *
 * <pre>
 *   ∇ det X = det X · X⁻ᵀ.
 * </pre>
 *
 * <p>The {@link LinearAlgebra#det} kernel's pullback is written with that formula (one LU
 * factorization); the check computes {@code det X · (X⁻¹)ᵀ} with the forward kernels.
 */
public final class Determinant {

  private Determinant() {}

  /** {@code det X}. */
  @Differentiable
  public static double determinant(double[][] X) {
    return LinearAlgebra.det(X);
  }

  /** The notes' answer, {@code det X · X⁻ᵀ}. */
  public static double[][] closedForm(double[][] X) {
    return LinearAlgebra.scaleMatrix(
        LinearAlgebra.det(X), LinearAlgebra.transpose(LinearAlgebra.inverse(X)));
  }

  /** The generated gradient against {@code det X · X⁻ᵀ} at a fixed random invertible X. */
  public static String run() {
    Random random = new Random(12);
    int n = 4;
    double[][] X = NoteMath.matrix(random, n, n);
    double error =
        NoteMath.maxAbsDiff(DeterminantAdjoint.determinant(X).dX(), closedForm(X));
    return NoteMath.report("12.", "grad det X = det X * X^-T", "n = " + n, error,
        NoteMath.format("det X = %.3f", LinearAlgebra.det(X)));
  }
}
