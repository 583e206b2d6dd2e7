package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 3 of the notes (задача 3): for {@code x ∈ ℝⁿ}, {@code A ∈ ℝⁿˣᵐ}, {@code y ∈ ℝᵐ},
 * {@code xᵀAy} is a number, so it equals its trace, and by the cyclic property
 *
 * <pre>
 *   xᵀAy = tr(xᵀAy) = tr(A y xᵀ),   ∇_A tr(A (y xᵀ)) = (y xᵀ)ᵀ = x yᵀ.
 * </pre>
 *
 * <p>Written both ways: with the {@link LinearAlgebra#bilinear} kernel, and the way the notes
 * derive it, as the trace of {@code A} times the outer product {@code y xᵀ} (derivation 2 with
 * {@code B = y xᵀ}). Both gradients must be {@code x yᵀ}.
 */
public final class BilinearForm {

  private BilinearForm() {}

  /** {@code xᵀAy} with the kernel. */
  @Differentiable(wrt = "A")
  public static double bilinearForm(double[] x, double[][] A, double[] y) {
    return LinearAlgebra.bilinear(x, A, y);
  }

  /** {@code tr(A y xᵀ)}, the notes' cyclic shift. */
  @Differentiable(wrt = "A")
  public static double bilinearFormAsTrace(double[] x, double[][] A, double[] y) {
    double[][] yxT = LinearAlgebra.outer(y, x);
    return LinearAlgebra.trace(LinearAlgebra.matMul(A, yxT));
  }

  /** The notes' answer, {@code x yᵀ}. */
  public static double[][] closedForm(double[] x, double[][] A, double[] y) {
    return LinearAlgebra.outer(x, y);
  }

  /** Both generated gradients against {@code x yᵀ} at a fixed random point. */
  public static String run() {
    Random random = new Random(3);
    int n = 4;
    int m = 3;
    double[] x = NoteMath.vector(random, n);
    double[][] A = NoteMath.matrix(random, n, m);
    double[] y = NoteMath.vector(random, m);
    double[][] expected = closedForm(x, A, y);
    double error =
        Math.max(
            NoteMath.maxAbsDiff(BilinearFormAdjoint.bilinearForm(x, A, y).dA(), expected),
            NoteMath.maxAbsDiff(BilinearFormAdjoint.bilinearFormAsTrace(x, A, y).dA(), expected));
    return NoteMath.report("3.", "grad_A x^T A y = x y^T", "A " + n + "x" + m, error,
        "kernel and tr(A y x^T)");
  }
}
