package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 13 of the notes (differential properties): with {@code d(X⁻¹) = −X⁻¹ (dX) X⁻¹} and
 * {@code d tr Y = ⟨I, dY⟩},
 *
 * <pre>
 *   d tr(C X⁻¹) = −tr(C X⁻¹ dX X⁻¹) = −tr(X⁻¹ C X⁻¹ dX) = ⟨−X⁻ᵀ Cᵀ X⁻ᵀ, dX⟩,
 *   ∇_X tr(C X⁻¹) = −X⁻ᵀ Cᵀ X⁻ᵀ.
 * </pre>
 *
 * <p>The generated code chains three pullbacks: {@code trace}, {@code matMul} and {@code
 * inverse} (the last one is {@code d(X⁻¹)} transposed: {@code X̄ += −X⁻ᵀ B̄ X⁻ᵀ}).
 */
public final class TraceOfInverse {

  private TraceOfInverse() {}

  /** {@code tr(C X⁻¹)}. */
  @Differentiable(wrt = "X")
  public static double traceOfInverse(double[][] C, double[][] X) {
    double[][] Xinv = LinearAlgebra.inverse(X);
    return LinearAlgebra.trace(LinearAlgebra.matMul(C, Xinv));
  }

  /** The notes' answer, {@code −X⁻ᵀ Cᵀ X⁻ᵀ}. */
  public static double[][] closedForm(double[][] C, double[][] X) {
    double[][] XinvT = LinearAlgebra.transpose(LinearAlgebra.inverse(X));
    return LinearAlgebra.scaleMatrix(
        -1, LinearAlgebra.matMul(XinvT, LinearAlgebra.matMul(LinearAlgebra.transpose(C), XinvT)));
  }

  /** The generated gradient against {@code −X⁻ᵀCᵀX⁻ᵀ} at a fixed random point. */
  public static String run() {
    Random random = new Random(13);
    int n = 4;
    double[][] C = NoteMath.matrix(random, n, n);
    double[][] X = NoteMath.invertible(random, n);
    double error =
        NoteMath.maxAbsDiff(TraceOfInverseAdjoint.traceOfInverse(C, X).dX(), closedForm(C, X));
    return NoteMath.report("13.", "grad tr(C X^-1) = -X^-T C^T X^-T", "n = " + n, error);
  }
}
