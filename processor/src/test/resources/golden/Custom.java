package golden;

import dev.adjoint.DerivativeOf;
import dev.adjoint.Differentiable;

final class Custom {
  /** log(1 + e^x), stable for large |x|: Adjoint does not read it, it uses the pullback below. */
  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  @DerivativeOf(value = Custom.class, method = "softplus")
  static double softplusPullback(double x, double result, double resultBar) {
    return resultBar / (1 + Math.exp(-x));
  }

  @Differentiable
  static double smoothHinge(double w, double x) {
    return softplus(1 - w * x) + 0.5 * w * w;
  }
}
