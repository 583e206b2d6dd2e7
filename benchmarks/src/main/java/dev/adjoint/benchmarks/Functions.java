package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * The benchmarked functions, compiled here so that Adjoint's processor runs alongside JMH's. Same
 * bodies as {@code dev.adjoint.samples.Rosenbrock} and {@code dev.adjoint.samples.Losses}.
 */
public final class Functions {

  private Functions() {}

  /** {@code (1 - x)² + 100 (y - x²)²}. */
  @Differentiable
  public static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }

  /** {@code ½ (σ(w x + b) - t)² + λ ½ w²}, differentiated with respect to {@code w}, {@code b}. */
  @Differentiable(wrt = {"w", "b"})
  public static double logisticLeastSquares(double w, double b, double x, double t, double lambda) {
    double z = w * x + b;
    double y = 1 / (1 + Math.exp(-z));
    double L = 0.5 * (y - t) * (y - t);
    double R = 0.5 * w * w;
    return L + lambda * R;
  }
}
