package golden;

import dev.adjoint.DerivativeOf;
import dev.adjoint.Differentiable;

final class CustomPair {
  /** log(e^a + e^b), stable: two double parameters, so its pullback takes grad. */
  static double logAddExp(double a, double b) {
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }

  @DerivativeOf(value = CustomPair.class, method = "logAddExp")
  static void logAddExpPullback(double a, double b, double result, double resultBar,
      double[] grad) {
    grad[0] += resultBar * Math.exp(a - result);
    grad[1] += resultBar * Math.exp(b - result);
  }

  @Differentiable
  static double softMax(double w, double x) {
    return logAddExp(w * x, 0) + 0.5 * w * w;
  }
}
