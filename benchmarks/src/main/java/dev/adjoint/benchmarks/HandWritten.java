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

  /**
   * Adjoint of {@link Functions#extendedRosenbrock}, fused into the forward loop as a person would
   * write it: each term {@code 100 b² + a²} with {@code a = 1 - x_i}, {@code b = x_{i+1} - x_i²}
   * adds {@code -2 a - 2 x_i b̄} to {@code x̄_i} and {@code b̄ = 200 b} to {@code x̄_{i+1}}. No
   * stack: nothing is overwritten that the backward pass needs.
   */
  public static double extendedRosenbrockPullback(double[] x, double seed, double[] xBar) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double xi = x[i];
      double a = 1 - xi;
      double b = x[i + 1] - xi * xi;
      sum += 100 * b * b + a * a;
      double bBar = seed * 200 * b;
      xBar[i] += -2 * seed * a - 2 * xi * bBar;
      xBar[i + 1] += bBar;
    }
    return sum;
  }

  /**
   * Adjoint of {@link Functions#leastSquares}: per row, the residual {@code r = y_i - X_i · w}
   * and then {@code w̄ += -2 r X_i}, so {@code w̄ = 2 Xᵀ (X w - y)} in one pass over {@code X}.
   */
  public static double leastSquaresPullback(
      double[][] X, double[] y, double[] w, double seed, double[] wBar) {
    double loss = 0;
    int n = w.length;
    for (int i = 0; i < y.length; i++) {
      double[] row = X[i];
      double prediction = 0;
      for (int j = 0; j < n; j++) {
        prediction += row[j] * w[j];
      }
      double r = y[i] - prediction;
      loss += r * r;
      double predictionBar = -2 * seed * r;
      for (int j = 0; j < n; j++) {
        wBar[j] += predictionBar * row[j];
      }
    }
    return loss;
  }
}
