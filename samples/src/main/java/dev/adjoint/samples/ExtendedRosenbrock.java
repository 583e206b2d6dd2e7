package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/**
 * Rosenbrock's function in {@code n} dimensions, the chained form
 *
 * <pre>
 *   f(x) = Σ_{i=0}^{n-2} 100 (x_{i+1} - x_i²)² + (1 - x_i)²
 * </pre>
 *
 * <p>(for {@code n = 2} it is {@link Rosenbrock#rosenbrock}). Its minimum is {@code f(1, …, 1) =
 * 0}. Each {@code x_i} appears in up to two terms, so its partial derivative is
 *
 * <pre>
 *   ∂f/∂x_i = -400 x_i (x_{i+1} - x_i²) - 2 (1 - x_i)     (i &lt; n - 1)
 *           + 200 (x_i - x_{i-1}²)                         (i &gt; 0)
 * </pre>
 *
 * <p>Adjoint generates {@code ExtendedRosenbrockAdjoint.rosenbrock(x)}, returning the value and
 * {@code dX} (a fresh array), and {@code ExtendedRosenbrockAdjoint.rosenbrockPullback(x, seed,
 * xBar)}, which adds {@code seed} times the gradient into the caller's {@code xBar}.
 */
public final class ExtendedRosenbrock {

  private ExtendedRosenbrock() {}

  /** {@code Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)²} over consecutive pairs. */
  @Differentiable
  public static double rosenbrock(double[] x) {
    double sum = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      sum += 100 * b * b + a * a;
    }
    return sum;
  }
}
