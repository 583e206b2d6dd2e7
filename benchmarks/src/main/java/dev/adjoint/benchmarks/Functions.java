package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;

/**
 * The benchmarked functions, compiled here so that Adjoint's processor runs alongside JMH's. Same
 * bodies as {@code dev.adjoint.samples.Rosenbrock}, {@code dev.adjoint.samples.Logistic}, {@code
 * dev.adjoint.samples.ExtendedRosenbrock} and {@code dev.adjoint.samples.LeastSquares}.
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

  /**
   * {@code Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)²} over consecutive pairs: Rosenbrock in n-D; its
   * JVP and HVP too ({@link SecondOrderBenchmark}).
   */
  @Differentiable(modes = {Differentiable.Mode.FORWARD, Differentiable.Mode.HESSIAN})
  public static double extendedRosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += 100 * b * b + a * a;
    }
    return sum;
  }

  /** {@code ‖y - X w‖²}, differentiated with respect to {@code w} only. */
  @Differentiable(wrt = {"w"})
  public static double leastSquares(double[][] X, double[] y, double[] w) {
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      double prediction = 0;
      for (int j = 0; j < w.length; j++) {
        prediction += X[i][j] * w[j];
      }
      double r = y[i] - prediction;
      loss += r * r;
    }
    return loss;
  }
}
