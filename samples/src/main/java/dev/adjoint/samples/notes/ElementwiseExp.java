package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 10 of the notes ("Jacobian vector product", example: element-wise exponent):
 *
 * <pre>
 *   y = exp(z),   J = diag(exp(z)),   z̄ = ȳ J = ȳ ⊙ exp(z)
 * </pre>
 *
 * <p>without ever forming {@code J}. A pullback is exactly this vector–Jacobian product: for
 * {@code f(z) = ⟨v, exp(z)⟩} the adjoint of {@code y = exp(z)} is {@code ȳ = seed · v}, so {@code
 * fPullback(z, v, seed, zBar)} must add {@code seed · v ⊙ exp(z)} into {@code zBar}. Written with
 * the {@link LinearAlgebra#exp} kernel, whose pullback multiplies by the saved result instead of
 * recomputing {@code exp}, and as a loop over {@code Math.exp}.
 */
public final class ElementwiseExp {

  private ElementwiseExp() {}

  /** {@code ⟨v, exp(z)⟩} with the kernels. */
  @Differentiable(wrt = "z")
  public static double weightedExp(double[] z, double[] v) {
    double[] y = LinearAlgebra.exp(z);
    return LinearAlgebra.dot(v, y);
  }

  /** {@code Σ_i v_i exp(z_i)}. */
  @Differentiable(wrt = "z")
  public static double weightedExpAsSum(double[] z, double[] v) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += v[i] * Math.exp(z[i]);
    }
    return s;
  }

  /** The notes' VJP {@code ȳ ⊙ exp(z)}. */
  public static double[] vectorJacobianProduct(double[] yBar, double[] z) {
    return LinearAlgebra.hadamard(yBar, LinearAlgebra.exp(z));
  }

  /** Both pullbacks, seed 2.5 into a zero {@code zBar}, against {@code (2.5 v) ⊙ exp(z)}. */
  public static String run() {
    Random random = new Random(10);
    int n = 6;
    double[] z = NoteMath.vector(random, n);
    double[] v = NoteMath.vector(random, n);
    double seed = 2.5;
    double[] expected = vectorJacobianProduct(LinearAlgebra.scale(seed, v), z);
    double[] zBar = new double[n];
    ElementwiseExpAdjoint.weightedExpPullback(z, v, seed, zBar);
    double[] zBarLoop = new double[n];
    ElementwiseExpAdjoint.weightedExpAsSumPullback(z, v, seed, zBarLoop);
    double error = Math.max(NoteMath.maxAbsDiff(zBar, expected),
        NoteMath.maxAbsDiff(zBarLoop, expected));
    return NoteMath.report("10.", "VJP of exp: zBar = yBar (.) exp(z)",
        "n = " + n + ", seed " + seed, error, "pullbacks of kernel and loop");
  }
}
