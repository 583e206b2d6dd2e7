package dev.adjoint.benchmarks;

/**
 * Adjoints written by hand, the baseline for the generated ones: same signature as the generated
 * {@code ...Pullback} methods (returns the value, adds {@code seed} times the gradient to {@code
 * grad}).
 */
public final class HandWritten {

  private HandWritten() {}

  /** Adjoint of {@link Functions#rosenbrock}. */
  public static double rosenbrockPullback(double x, double y, double seed, double[] grad) {
    double a = 1 - x;
    double b = y - x * x;
    double abar = seed * 2 * a;
    double bbar = seed * 200 * b;
    grad[0] += -abar - 2 * x * bbar;
    grad[1] += bbar;
    return a * a + 100 * b * b;
  }

  /**
   * Adjoint of {@link Functions#logisticLeastSquares}, the seeds' backward pass: {@code L̄ = 1,
   * R̄ = λ, ȳ = y - t, z̄ = ȳ σ(z) (1 - σ(z)), w̄ = z̄ x + R̄ w, b̄ = z̄}.
   */
  public static double logisticLeastSquaresPullback(
      double w, double b, double x, double t, double lambda, double seed, double[] grad) {
    double z = w * x + b;
    double y = 1 / (1 + Math.exp(-z));
    double ybar = seed * (y - t);
    double zbar = ybar * y * (1 - y);
    grad[0] += zbar * x + seed * lambda * w;
    grad[1] += zbar;
    return 0.5 * (y - t) * (y - t) + lambda * 0.5 * w * w;
  }
}
