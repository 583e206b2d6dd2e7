package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/** The seeds' univariate logistic least squares with L2 regularization. */
final class Logistic {
  @Differentiable(wrt = {"w", "b"})
  static double loss(double w, double b, double x, double t, double lambda) {
    double z = w * x + b;
    double y = 1 / (1 + Math.exp(-z));
    double L = 0.5 * (y - t) * (y - t);
    double R = 0.5 * w * w;
    return L + lambda * R;
  }
}
