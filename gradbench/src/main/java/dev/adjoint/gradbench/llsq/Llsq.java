package dev.adjoint.gradbench.llsq;

import dev.adjoint.Differentiable;

/**
 * GradBench's {@code llsq} (cmpad's {@code llsq_obj}): half the squared residual of fitting the
 * polynomial with coefficients {@code x} to {@code sign(t)} at {@code n} points of [-1, 1].
 */
public final class Llsq {
  private Llsq() {
  }

  @Differentiable
  public static double primal(double[] x, int n) {
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
      double ti = t(i, n);
      double residual = Math.signum(ti);
      double power = 1.0;
      for (int j = 0; j < x.length; j++) {
        residual -= x[j] * power;
        power *= ti;
      }
      sum += residual * residual;
    }
    return sum / 2;
  }

  /** The i-th of n points spread evenly over [-1, 1]. */
  static double t(int i, int n) {
    return -1.0 + i * 2.0 / (n - 1);
  }
}
