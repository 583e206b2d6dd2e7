package dev.adjoint.gradbench.lse;

import dev.adjoint.Differentiable;

/** GradBench's {@code lse}: log-sum-exp written from its primitives (max, then a sum). */
public final class Lse {
  private Lse() {
  }

  @Differentiable
  public static double logsumexp(double[] x) {
    double max = x[0];
    for (int i = 1; i < x.length; i++) {
      max = Math.max(max, x[i]);
    }
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.exp(x[i] - max);
    }
    return Math.log(sum) + max;
  }
}
