package golden;

import dev.adjoint.Differentiable;

final class WritingCalls {
  /** Writes into y: read into each caller, so no pullback of its own. */
  static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += a * x[i];
    }
  }

  static void softmaxInPlace(double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.exp(v[i]);
      s += v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= s;
    }
  }

  @Differentiable
  static double loss(double a, double[] x, double[] t) {
    double[] y = new double[x.length];
    axpy(a, x, y);
    softmaxInPlace(y);
    double[] unused = new double[t.length];
    axpy(2, t, unused);
    return y[0] * t[0];
  }
}
