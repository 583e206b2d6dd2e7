package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;

/**
 * Derivation 8 of the notes ("Univariate logistic least squares regression"): the forward pass
 * and the backward pass the notes list line by line,
 *
 * <pre>
 *   z = wx + b          ℒ̄ = 1
 *   y = σ(z)            R̄ = ℒ̄ λ,   L̄ = ℒ̄
 *   L = ½(y − t)²       ȳ = L̄ (y − t)
 *   R = ½w²             z̄ = ȳ σ'(z)
 *   ℒ = L + λR          w̄ = z̄ x + R̄ w,   b̄ = z̄,   x̄ = z̄ w
 * </pre>
 *
 * <p>The forward pass is the method body, {@code σ} the {@link Sigmoid#sigma} of derivation 7
 * (a call to another {@code @Differentiable} method, differentiated through its generated
 * pullback). {@link #backwardPass} is the notes' listing typed in by hand; the generated {@code
 * (dW, dB, dX)} must equal its {@code (w̄, b̄, x̄)}.
 */
public final class LogisticLeastSquares {

  private LogisticLeastSquares() {}

  /** {@code ℒ = ½(σ(wx + b) − t)² + λ · ½w²}. */
  @Differentiable(wrt = {"w", "b", "x"})
  public static double loss(double w, double b, double x, double t, double lambda) {
    double z = w * x + b;
    double y = Sigmoid.sigma(z);
    double L = 0.5 * (y - t) * (y - t);
    double R = 0.5 * w * w;
    return L + lambda * R;
  }

  /** The notes' backward pass: {@code {w̄, b̄, x̄}}. */
  public static double[] backwardPass(double w, double b, double x, double t, double lambda) {
    double z = w * x + b;
    double y = 1 / (1 + Math.exp(-z));
    double lossBar = 1;
    double RBar = lossBar * lambda;
    double LBar = lossBar;
    double yBar = LBar * (y - t);
    double zBar = yBar * y * (1 - y); // σ'(z) = σ(z)(1 − σ(z)), derivation 7
    double wBar = zBar * x + RBar * w;
    double bBar = zBar;
    double xBar = zBar * w;
    return new double[] {wBar, bBar, xBar};
  }

  /** The generated {@code (w̄, b̄, x̄)} against the notes' listing at a few points. */
  public static String run() {
    double[][] points = {{0.4, -0.3, 1.5, 1.0, 0.1}, {-1.2, 0.8, -0.7, 0.0, 0.5},
        {2.0, 0.1, 0.9, 1.0, 0.0}};
    double error = 0;
    for (double[] p : points) {
      double[] generated =
          LogisticLeastSquaresAdjoint.loss(p[0], p[1], p[2], p[3], p[4]).gradient();
      double[] notes = backwardPass(p[0], p[1], p[2], p[3], p[4]);
      error = Math.max(error, NoteMath.maxAbsDiff(generated, notes));
    }
    return NoteMath.report("8.", "logistic LS backward pass: wBar, bBar, xBar", "3 points",
        error, "wBar = zBar x + RBar w, bBar = zBar, xBar = zBar w");
  }
}
