package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * A {@code @DerivativeOf} in use: logistic regression's cross-entropy calls {@link
 * Logistic#sigmoid}, which Adjoint differentiates with the pullback declared beside it. With
 * {@code y = σ(wᵀx + b)},
 *
 * <pre>
 *   ℓ = −t log y − (1 − t) log(1 − y),   ∂ℓ/∂y = (y − t) / (y(1 − y)),
 *   ∇_w ℓ = (y − t) x,   ∂ℓ/∂b = y − t,
 * </pre>
 *
 * <p>the {@code y(1 − y)} of the custom pullback cancelling the denominator.
 */
public final class CrossEntropy {

  private CrossEntropy() {}

  /** {@code −t log σ(wᵀx + b) − (1 − t) log(1 − σ(wᵀx + b))}. */
  @Differentiable(wrt = {"w", "b"})
  public static double crossEntropy(double[] w, double b, double[] x, double t) {
    double z = LinearAlgebra.dot(w, x) + b;
    double y = Logistic.sigmoid(z);
    return -t * Math.log(y) - (1 - t) * Math.log(1 - y);
  }

  /** {@code {(y − t) x, y − t}}, with {@code (y − t) x} first. */
  public static double[] closedForm(double[] w, double b, double[] x, double t) {
    double y = Logistic.sigmoid(LinearAlgebra.dot(w, x) + b);
    double[] g = new double[w.length + 1];
    for (int i = 0; i < w.length; i++) {
      g[i] = (y - t) * x[i];
    }
    g[w.length] = y - t;
    return g;
  }

  /** The generated gradient, through the custom pullback, against the closed form. */
  public static String run() {
    Random random = new Random(15);
    int n = 4;
    double[] w = NoteMath.vector(random, n);
    double b = 0.25;
    double[] x = NoteMath.vector(random, n);
    double t = 1;
    var g = CrossEntropyAdjoint.crossEntropy(w, b, x, t);
    double[] generated = new double[n + 1];
    System.arraycopy(g.dW(), 0, generated, 0, n);
    generated[n] = g.dB();
    double error = NoteMath.maxAbsDiff(generated, closedForm(w, b, x, t));
    return NoteMath.report("+", "@DerivativeOf sigmoid: grad = (y - t)(x, 1)", "n = " + n,
        error, "cross-entropy through a custom pullback");
  }
}
