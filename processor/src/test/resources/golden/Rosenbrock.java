package golden;

import dev.adjoint.Differentiable;

public final class Rosenbrock {
  @Differentiable
  public static double rosenbrock(double x, double y) {
    double a = 1 - x;
    double b = y - x * x;
    return a * a + 100 * b * b;
  }
}
