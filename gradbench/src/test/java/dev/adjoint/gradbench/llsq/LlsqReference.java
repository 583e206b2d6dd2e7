package dev.adjoint.gradbench.llsq;

/** llsq's value and gradient written by hand: ∂y/∂x_j = -Σ_i r_i t_i^j, r the residuals. */
public final class LlsqReference {
  private LlsqReference() {
  }

  public static double value(double[] x, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double r = residual(x, i, n);
      sum += r * r;
    }
    return sum / 2;
  }

  public static double[] gradient(double[] x, int n) {
    double[] g = new double[x.length];
    for (int i = 0; i < n; i++) {
      double t = -1 + 2.0 * i / (n - 1);
      double r = residual(x, i, n);
      for (int j = 0; j < x.length; j++) {
        g[j] -= r * Math.pow(t, j);
      }
    }
    return g;
  }

  private static double residual(double[] x, int i, int n) {
    double t = -1 + 2.0 * i / (n - 1);
    double r = Math.signum(t);
    for (int j = 0; j < x.length; j++) {
      r -= x[j] * Math.pow(t, j);
    }
    return r;
  }
}
