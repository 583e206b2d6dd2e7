package golden;

import dev.adjoint.Differentiable;

final class MathRules {
  @Differentiable
  static double mix(double x, double y) {
    double p = Math.pow(x, 3) + Math.atan2(y, x) + Math.hypot(x, y);
    double q = Math.tanh(x) * Math.sqrt(y) + Math.max(x, y) - Math.abs(y);
    return p / q + Math.floor(x) + Math.PI;
  }
}
