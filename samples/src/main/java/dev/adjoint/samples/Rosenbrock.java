package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/**
 * The Rosenbrock "banana" function, the classic test problem for optimizers.
 *
 * <p>{@code f(x, y) = (a - x)² + b (y - x²)²} with {@code a = 1}, {@code b = 100}. Its global
 * minimum is {@code f(1, 1) = 0}, at the end of a long, flat, curved valley. The gradient is
 *
 * <pre>
 *   ∂f/∂x = -2 (1 - x) - 400 x (y - x²)
 *   ∂f/∂y = 200 (y - x²)
 * </pre>
 *
 * <p>Adjoint generates {@code RosenbrockAdjoint.rosenbrock(x, y)}, returning the value and both
 * partial derivatives, and the allocation-free {@code RosenbrockAdjoint.rosenbrockPullback}.
 */
public final class Rosenbrock {

  private Rosenbrock() {}

  /** {@code (1 - x)² + 100 (y - x²)²}. */
  @Differentiable
  public static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }
}
