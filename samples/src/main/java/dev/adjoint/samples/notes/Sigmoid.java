package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 7 of the notes (задача 2, "для начала найдём её производную"):
 *
 * <pre>
 *   σ(x) = 1 / (1 + e⁻ˣ),   σ'(x) = e⁻ˣ / (1 + e⁻ˣ)² = σ(x)(1 − σ(x)).
 * </pre>
 *
 * <p>{@link #sigma} is the definition; Adjoint differentiates it with the quotient and {@code
 * exp} rules, and the result must be {@code σ(1 − σ)}. {@link #weightedSigmoid} is the vector
 * version through the {@link LinearAlgebra#sigmoid} kernel, whose pullback is written with the
 * same identity: {@code ∇_z ⟨v, σ(z)⟩ = v ⊙ σ(z) ⊙ (1 − σ(z))}.
 */
public final class Sigmoid {

  private Sigmoid() {}

  /** {@code σ(x) = 1 / (1 + e⁻ˣ)}. */
  @Differentiable
  public static double sigma(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** {@code ⟨v, σ(z)⟩}, σ applied element-wise. */
  @Differentiable(wrt = "z")
  public static double weightedSigmoid(double[] z, double[] v) {
    return LinearAlgebra.dot(v, LinearAlgebra.sigmoid(z));
  }

  /** The notes' answer, {@code σ(x)(1 − σ(x))}. */
  public static double closedForm(double x) {
    double s = sigma(x);
    return s * (1 - s);
  }

  /** {@code v ⊙ σ(z) ⊙ (1 − σ(z))}. */
  public static double[] closedForm(double[] z, double[] v) {
    double[] g = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      g[i] = v[i] * closedForm(z[i]);
    }
    return g;
  }

  /** The generated derivative at a few points and the vector version at one. */
  public static String run() {
    Random random = new Random(7);
    double error = 0;
    for (double x : new double[] {-6, -1.5, 0, 0.3, 2, 8}) {
      error = Math.max(error, Math.abs(SigmoidAdjoint.sigma(x).dX() - closedForm(x)));
    }
    double[] z = NoteMath.vector(random, 6);
    double[] v = NoteMath.vector(random, 6);
    error =
        Math.max(
            error,
            NoteMath.maxAbsDiff(SigmoidAdjoint.weightedSigmoid(z, v).dZ(), closedForm(z, v)));
    return NoteMath.report("7.", "sigma'(x) = sigma(x)(1 - sigma(x))", "6 points, n = 6", error,
        "scalar and element-wise kernel");
  }
}
