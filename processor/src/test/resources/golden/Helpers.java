package golden;

import dev.adjoint.Differentiable;

final class Helpers {
  /** A plain helper: its source is compiled here, so it is differentiated as if annotated. */
  static double softplus(double z) {
    return Math.log1p(Math.exp(z));
  }

  /** A plain helper of ints only: a constant, called but not differentiated. */
  static double weight(int i) {
    return 1.0 / (i + 1);
  }

  @Differentiable
  static double loss(double w, double b, double x) {
    return weight(2) * softplus(w * x + b) + softplus(-b);
  }
}
