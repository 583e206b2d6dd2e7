package golden;

import dev.adjoint.Differentiable;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

final class Functions {
  @Differentiable
  static double softplus(double v) {
    return Math.log1p(Math.exp(v));
  }

  /** A lambda inlined where it is applied; a method reference called through its pullback. */
  @Differentiable
  static double score(double[] w, double[] xs, double temperature) {
    DoubleUnaryOperator scaled = v -> v / temperature;
    DoubleUnaryOperator activation = Functions::softplus;
    DoubleBinaryOperator weighted = (a, b) -> a * b;
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += activation.applyAsDouble(scaled.applyAsDouble(weighted.applyAsDouble(w[i], xs[i])));
    }
    return s;
  }
}
