package dev.adjoint.benchmarks.loops;

import dev.adjoint.Differentiable;

/**
 * A logistic regression over rows with a sigmoid helper: loops whose bounds are parameters and
 * lengths, the shapes counted loops cover (gmm is measured on the GradBench tool's own objective,
 * in {@code gradbench.GmmBenchmark}). Adjoint generates
 * {@code CountedLoopFunctionsAdjoint}.
 */
public final class CountedLoopFunctions {

  private CountedLoopFunctions() {}

  @Differentiable
  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Mean logistic loss of weights {@code w} over the rows of {@code x}, labels 0 or 1. */
  @Differentiable(wrt = "w")
  public static double logisticLoss(double[] w, double[][] x, double[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double z = 0;
      for (int j = 0; j < w.length; j++) {
        z = z + w[j] * x[i][j];
      }
      double p = sigmoid(z);
      loss -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
    }
    return loss / x.length;
  }
}
