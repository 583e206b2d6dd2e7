package dev.adjoint.gradbench.gmm;

import dev.adjoint.gradbench.gmm.GmmModule.Jacobian;

/**
 * The gmm log posterior and its gradient derived by hand, over explicit Q matrices. With
 * c = x_i − μ_k, y = Q_k c, β_ik = α_k + Σ_j q_kj − |y|²/2 and r_ik = softmax_k(β_i):
 * ∂/∂α_k = Σ_i r_ik − n softmax(α)_k; ∂/∂μ_k = Σ_i r_ik Q_kᵀ y;
 * ∂/∂q_kj = Σ_i r_ik (1 − y_j e^{q_kj} c_j) − γ² e^{2 q_kj} + m;
 * ∂/∂Q_k[j][i] (i &lt; j, an l entry) = −Σ_i r_ik y_j c_i − γ² l.
 */
public final class GmmReference {
  private GmmReference() {
  }

  public static double value(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, double gamma, int m) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    double sum = 0;
    for (double[] xi : x) {
      double[] beta = new double[k];
      for (int c = 0; c < k; c++) {
        double[] y = times(matrix(q[c], l[c]), minus(xi, mu[c]));
        beta[c] = alpha[c] + sum(q[c]) - 0.5 * dot(y, y);
      }
      sum += lse(beta);
    }
    double logLikelihood = -n * (0.5 * d * Math.log(2 * Math.PI) + lse(alpha)) + sum;
    int dof = d + m + 1;
    double prior = k * (dof * d * Math.log(gamma / Math.sqrt(2)) - logMultiGamma(0.5 * dof, d));
    for (int c = 0; c < k; c++) {
      double[][] qm = matrix(q[c], l[c]);
      double frobenius = 0;
      for (double[] row : qm) {
        frobenius += dot(row, row);
      }
      prior += -0.5 * gamma * gamma * frobenius + m * sum(q[c]);
    }
    return logLikelihood + prior;
  }

  public static Jacobian gradient(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, double gamma, int m) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    Jacobian g = new Jacobian(new double[k], new double[k][d], new double[k][d],
        new double[k][d * (d - 1) / 2]);
    double[][][] qs = new double[k][][];
    for (int c = 0; c < k; c++) {
      qs[c] = matrix(q[c], l[c]);
    }
    for (double[] xi : x) {
      double[][] centered = new double[k][];
      double[][] ys = new double[k][];
      double[] beta = new double[k];
      for (int c = 0; c < k; c++) {
        centered[c] = minus(xi, mu[c]);
        ys[c] = times(qs[c], centered[c]);
        beta[c] = alpha[c] + sum(q[c]) - 0.5 * dot(ys[c], ys[c]);
      }
      double lse = lse(beta);
      for (int c = 0; c < k; c++) {
        double r = Math.exp(beta[c] - lse);
        double[] cc = centered[c];
        double[] y = ys[c];
        g.alpha()[c] += r;
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            g.mu()[c][b] += r * qs[c][a][b] * y[a];
          }
          g.q()[c][a] += r * (1 - y[a] * Math.exp(q[c][a]) * cc[a]);
        }
        int li = 0;
        for (int col = 0; col < d; col++) {
          for (int row = col + 1; row < d; row++) {
            g.l()[c][li++] -= r * y[row] * cc[col];
          }
        }
      }
    }
    double lseAlpha = lse(alpha);
    for (int c = 0; c < k; c++) {
      g.alpha()[c] -= n * Math.exp(alpha[c] - lseAlpha);
      for (int a = 0; a < d; a++) {
        g.q()[c][a] += -gamma * gamma * Math.exp(2 * q[c][a]) + m;
      }
      for (int j = 0; j < l[c].length; j++) {
        g.l()[c][j] -= gamma * gamma * l[c][j];
      }
    }
    return g;
  }

  /** Q: diagonal exp(q), below it l column by column. */
  static double[][] matrix(double[] q, double[] l) {
    int d = q.length;
    double[][] qm = new double[d][d];
    int li = 0;
    for (int col = 0; col < d; col++) {
      qm[col][col] = Math.exp(q[col]);
      for (int row = col + 1; row < d; row++) {
        qm[row][col] = l[li++];
      }
    }
    return qm;
  }

  /** log Γ_p(a) with log Γ from a Lanczos approximation (independent of the tool's sums). */
  static double logMultiGamma(double a, int p) {
    double s = 0.25 * p * (p - 1) * Math.log(Math.PI);
    for (int j = 1; j <= p; j++) {
      s += logGamma(a + 0.5 * (1 - j));
    }
    return s;
  }

  static double logGamma(double z) {
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    if (z < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
    }
    z -= 1;
    double x = c[0];
    for (int i = 1; i < 9; i++) {
      x += c[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
  }

  private static double lse(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double e : v) {
      max = Math.max(max, e);
    }
    double s = 0;
    for (double e : v) {
      s += Math.exp(e - max);
    }
    return max + Math.log(s);
  }

  private static double[] times(double[][] a, double[] v) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = dot(a[i], v);
    }
    return out;
  }

  private static double[] minus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double e : a) {
      s += e;
    }
    return s;
  }
}
