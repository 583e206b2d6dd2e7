package dev.adjoint.gradbench.gmm;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * GradBench's {@code gmm}: the log posterior of a Gaussian mixture with a Wishart prior on the
 * precision matrices {@code Qᵀ Q}, {@code Q} lower triangular with diagonal {@code exp(q[k])}
 * and {@code l[k]} below it, column by column (the simplified form of the eval's README).
 */
public final class Gmm {
  private Gmm() {
  }

  @Differentiable(wrt = {"alpha", "mu", "q", "l"})
  public static double objective(double[] alpha, double[][] mu, double[][] q, double[][] l,
      @NoDerivative double[][] x, double gamma, int m) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    double[][] qdiags = new double[k][d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      for (int j = 0; j < d; j++) {
        qdiags[ik][j] = Math.exp(q[ik][j]);
        sumQs[ik] += q[ik][j];
      }
    }
    double[] centered = new double[d];
    double[] qx = new double[d];
    double slse = 0.0;
    for (int ix = 0; ix < n; ix++) {
      // One array per point: a reused one would be copied per call for logsumexp's reverse half.
      double[] mainTerm = new double[k];
      for (int ik = 0; ik < k; ik++) {
        for (int j = 0; j < d; j++) {
          centered[j] = x[ix][j] - mu[ik][j];
        }
        qTimesX(qdiags[ik], l[ik], centered, qx);
        // Summed here, not by squaredNorm(qx): qx is written again for the next component.
        double sq = 0.0;
        for (int j = 0; j < d; j++) {
          sq += qx[j] * qx[j];
        }
        mainTerm[ik] = alpha[ik] + sumQs[ik] - 0.5 * sq;
      }
      slse += logsumexp(mainTerm);
    }
    double likelihood = -n * d * 0.5 * Math.log(2 * Math.PI) + slse - n * logsumexp(alpha);
    return likelihood + logWishartPrior(qdiags, sumQs, l, gamma, m);
  }

  /** {@code out = Q x} for Q's diagonal {@code qdiag} and strictly lower part {@code l}. */
  static void qTimesX(double[] qdiag, double[] l, double[] x, double[] out) {
    int d = x.length;
    for (int j = 0; j < d; j++) {
      out[j] = qdiag[j] * x[j];
    }
    int li = 0;
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        out[j] += l[li] * x[i];
        li++;
      }
    }
  }

  static double logWishartPrior(double[][] qdiags, double[] sumQs, double[][] l, double gamma,
      int m) {
    int k = qdiags.length;
    int d = qdiags[0].length;
    int n = d + m + 1;
    double constant = n * d * (Math.log(gamma) - 0.5 * Math.log(2)) - logMultiGamma(n, d);
    double out = 0.0;
    for (int ik = 0; ik < k; ik++) {
      double frobenius = squaredNorm(qdiags[ik]) + squaredNorm(l[ik]);
      out += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
    }
    return k * constant - out;
  }

  static double squaredNorm(double[] v) {
    double sum = 0.0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i] * v[i];
    }
    return sum;
  }

  static double logsumexp(double[] v) {
    double max = v[0];
    for (int i = 1; i < v.length; i++) {
      max = Math.max(max, v[i]);
    }
    double sum = 0.0;
    for (int i = 0; i < v.length; i++) {
      sum += Math.exp(v[i] - max);
    }
    return Math.log(sum) + max;
  }

  /** log Γ_p(n / 2), the multivariate gamma function's logarithm: data, never differentiated. */
  public static double logMultiGamma(int n, int p) {
    double sum = 0.25 * p * (p - 1) * Math.log(Math.PI);
    for (int j = 1; j <= p; j++) {
      sum += logGammaOfHalf(n + 1 - j);
    }
    return sum;
  }

  /** log Γ(twice / 2) for a positive integer {@code twice}, exactly as a sum of logarithms. */
  static double logGammaOfHalf(int twice) {
    double sum = 0.0;
    if (twice % 2 == 0) {
      for (int i = 2; i < twice / 2; i++) {
        sum += Math.log(i);
      }
    } else {
      sum = 0.5 * Math.log(Math.PI);
      for (int i = 0; i < twice / 2; i++) {
        sum += Math.log(i + 0.5);
      }
    }
    return sum;
  }
}
