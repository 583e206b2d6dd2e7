package golden;

import dev.adjoint.Differentiable;

final class Options {
  enum Penalty { NONE, RIDGE, LASSO }

  static final Penalty DEFAULT_PENALTY = Penalty.RIDGE;
  static final String DEFAULT_REDUCTION = "mean";

  /** A loss chosen by an enum and a String: compared and switched on, never differentiated. */
  @Differentiable
  static double loss(double[] w, double[] xs, double t, Penalty penalty, String reduction) {
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      double r = w[i] * xs[i] - t;
      total += r * r;
    }
    double data = switch (reduction) {
      case "sum" -> total;
      case "mean" -> total / w.length;
      default -> Math.sqrt(total);
    };
    return data + regularizer(w, penalty);
  }

  @Differentiable
  static double regularizer(double[] w, Penalty penalty) {
    if (penalty == Penalty.NONE) {
      return 0;
    }
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += penalty == Penalty.RIDGE ? w[i] * w[i] : Math.abs(w[i]);
    }
    return 0.1 * s;
  }

  /** The loss with the defaults: enum and String fields are read as data, like constants. */
  @Differentiable
  static double defaultLoss(double[] w, double[] xs, double t) {
    return loss(w, xs, t, DEFAULT_PENALTY, DEFAULT_REDUCTION);
  }
}
