package golden;

import dev.adjoint.Differentiable;
import java.util.function.DoubleUnaryOperator;

final class Quadrature {
  /** The trapezoid rule: a plain method taking a function, inlined where one is passed. */
  static double integrate(DoubleUnaryOperator f, double a, double b, int n) {
    double h = (b - a) / n;
    double s = 0.5 * (f.applyAsDouble(a) + f.applyAsDouble(b));
    for (int i = 1; i < n; i++) {
      s += f.applyAsDouble(a + i * h);
    }
    return s * h;
  }

  /** The lambda captures k, so the gradient flows into it through the inlined loop. */
  @Differentiable
  static double gaussianMass(double k, double width) {
    return integrate(x -> Math.exp(-k * x * x), 0, width, 8);
  }
}
