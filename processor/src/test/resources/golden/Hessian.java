package golden;

import static dev.adjoint.Differentiable.Mode.HESSIAN;

import dev.adjoint.Differentiable;

final class Hessian {
  /** The extended Rosenbrock function: Newton-CG's test problem. */
  @Differentiable(modes = HESSIAN)
  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = 1 - x[i];
      double b = x[i + 1] - x[i] * x[i];
      s += a * a + 100 * b * b;
    }
    return s;
  }
}
