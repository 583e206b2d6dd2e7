package golden;

import static dev.adjoint.Differentiable.Mode.FORWARD;

import dev.adjoint.Differentiable;

final class Tangent {
  /** A branch and a loop: the tangent sweep keeps both, with no stacks. */
  @Differentiable(modes = FORWARD)
  static double damped(double x, double[] w, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double t = Math.tanh(w[i % w.length] * x);
      if (t > 0) {
        s += t * t;
      } else {
        s -= Math.exp(t) * x;
      }
    }
    return s / n;
  }
}
