package dev.adjoint.gradbench.ode;

/**
 * Hand-written reference for {@code ode}: the Runge–Kutta scheme with its tangent carried
 * alongside (forward mode by hand), one input direction at a time.
 */
final class OdeReference {
  private OdeReference() {
  }

  /** ∂y(2)[n−1]/∂x: one tangent sweep per coordinate of x. */
  static double[] gradientOfLast(double[] x, int s) {
    int n = x.length;
    double[] g = new double[n];
    for (int dir = 0; dir < n; dir++) {
      double[] dx = new double[n];
      dx[dir] = 1;
      g[dir] = tangent(x, dx, s)[n - 1];
    }
    return g;
  }

  /** dy(2) for the direction dx; the primal runs beside it. */
  static double[] tangent(double[] x, double[] dx, int s) {
    int n = x.length;
    double h = 2.0 / s;
    double[] y = new double[n];
    double[] dy = new double[n];
    for (int step = 0; step < s; step++) {
      double[][] k = new double[4][];
      double[][] dk = new double[4][];
      double[] yt = y;
      double[] dyt = dy;
      double[] factor = {0.5, 0.5, 1};
      for (int stage = 0; stage < 4; stage++) {
        k[stage] = new double[n];
        dk[stage] = new double[n];
        k[stage][0] = x[0];
        dk[stage][0] = dx[0];
        for (int i = 1; i < n; i++) {
          k[stage][i] = x[i] * yt[i - 1];
          dk[stage][i] = dx[i] * yt[i - 1] + x[i] * dyt[i - 1];
        }
        if (stage < 3) {
          double[] ynext = new double[n];
          double[] dynext = new double[n];
          for (int i = 0; i < n; i++) {
            ynext[i] = y[i] + h * factor[stage] * k[stage][i];
            dynext[i] = dy[i] + h * factor[stage] * dk[stage][i];
          }
          yt = ynext;
          dyt = dynext;
        }
      }
      for (int i = 0; i < n; i++) {
        y[i] += h * (k[0][i] + 2 * k[1][i] + 2 * k[2][i] + k[3][i]) / 6;
        dy[i] += h * (dk[0][i] + 2 * dk[1][i] + 2 * dk[2][i] + dk[3][i]) / 6;
      }
    }
    return dy;
  }
}
