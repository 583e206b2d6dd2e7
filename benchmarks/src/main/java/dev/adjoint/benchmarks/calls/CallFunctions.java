package dev.adjoint.benchmarks.calls;

import dev.adjoint.Differentiable;

/** Objectives whose gradients go through calls: a helper in a loop, and recursion. */
public final class CallFunctions {
  private CallFunctions() {}

  static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** Logistic regression's mean log-loss, through a {@code sigmoid} helper per example. */
  @Differentiable(wrt = {"w"})
  public static double logisticLoss(double[] w, double[][] x, double[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z += w[j] * x[i][j];
      }
      double p = sigmoid(z);
      loss -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
    }
    return loss / x.length;
  }

  /** A damped product recursion of depth {@code n}: one level per call. */
  @Differentiable
  public static double recurse(double x, int n) {
    if (n == 0) {
      return x;
    }
    return Math.sin(recurse(x, n - 1)) * 0.5 + x;
  }
}
