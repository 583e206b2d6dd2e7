package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/** Loss functions of small models, differentiated with respect to the model's parameters. */
public final class Losses {

  private Losses() {}

  /**
   * Univariate logistic least squares with L2 regularization, the worked example "univariate
   * logistic least squares regression" of the seed notes on automatic differentiation. For one
   * example {@code (x, t)}, the forward pass is
   *
   * <pre>
   *   z = w x + b,   y = σ(z) = 1 / (1 + e^(-z)),   L = ½ (y - t)²,   R = ½ w²,   ℒ = L + λ R
   * </pre>
   *
   * <p>and the seeds' backward pass, which the generated adjoint computes (its pullback starts
   * from {@code ℒ̄ = seed} instead of 1), is
   *
   * <pre>
   *   ℒ̄ = 1,   R̄ = ℒ̄ λ,   L̄ = ℒ̄,   ȳ = L̄ (y - t),   z̄ = ȳ σ'(z) = ȳ y (1 - y),
   *   w̄ = z̄ x + R̄ w,   b̄ = z̄
   * </pre>
   *
   * <p>Only {@code w} and {@code b} are differentiated: the example {@code (x, t)} and the
   * regularization strength {@code λ} are constants, so the seeds' {@code x̄ = z̄ w} is not
   * computed.
   */
  @Differentiable(wrt = {"w", "b"})
  public static double logisticLeastSquares(double w, double b, double x, double t, double lambda) {
    double z = w * x + b;
    double y = 1 / (1 + Math.exp(-z));
    double L = 0.5 * (y - t) * (y - t);
    double R = 0.5 * w * w;
    return L + lambda * R;
  }
}
