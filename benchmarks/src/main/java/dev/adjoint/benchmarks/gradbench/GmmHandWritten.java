package dev.adjoint.benchmarks.gradbench;

import dev.adjoint.gradbench.gmm.Gmm;

/**
 * A hand-written adjoint of GradBench's gmm objective (log posterior of a Gaussian mixture
 * with a Wishart prior), as a careful person writes one: one forward pass per point keeps the
 * centred points and {@code Q·(x − μ)} of every component in scratch, the softmax weights give
 * each component's share of the point's log-sum-exp, and the backward pass of the point
 * reuses them. Scratch is {@code 2·K·d + K} doubles, allocated by the caller once.
 */
public final class GmmHandWritten {
  private GmmHandWritten() {
  }

  /**
   * The terms without parameters: the Gaussians' normalisation and the Wishart prior's, as
   * GradBench's objective includes them.
   */
  static double constants(int n, int d, int k, int m, double gamma) {
    int dof = d + m + 1;
    double prior = dof * d * (Math.log(gamma) - 0.5 * Math.log(2)) - Gmm.logMultiGamma(dof, d);
    return -n * d * 0.5 * Math.log(2 * Math.PI) + k * prior;
  }

  /** Scratch sized for {@code k} components in dimension {@code d}. */
  public record Scratch(double[][] xc, double[][] qx, double[] main, double[][] qdiags,
      double[] sumQs) {
    public static Scratch of(int k, int d) {
      return new Scratch(new double[k][d], new double[k][d], new double[k], new double[k][d],
          new double[k]);
    }
  }

  /**
   * Returns the objective and adds its gradient with respect to {@code alpha}, {@code mu},
   * {@code q} and {@code l} into the {@code Bar} arrays.
   */
  public static double gradient(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, double gamma, int m, double[] alphaBar, double[][] muBar, double[][] qBar,
      double[][] lBar, Scratch s) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    double[][] qdiags = s.qdiags();
    double[] sumQs = s.sumQs();
    for (int ik = 0; ik < k; ik++) {
      double sum = 0;
      for (int j = 0; j < d; j++) {
        qdiags[ik][j] = Math.exp(q[ik][j]);
        sum += q[ik][j];
      }
      sumQs[ik] = sum;
    }
    double[][] xc = s.xc();
    double[][] qx = s.qx();
    double[] main = s.main();
    double slse = 0;
    for (int ix = 0; ix < n; ix++) {
      double[] xi = x[ix];
      double mx = Double.NEGATIVE_INFINITY;
      for (int ik = 0; ik < k; ik++) {
        double[] c = xc[ik];
        double[] o = qx[ik];
        double[] mk = mu[ik];
        double[] diag = qdiags[ik];
        double[] lk = l[ik];
        for (int j = 0; j < d; j++) {
          c[j] = xi[j] - mk[j];
          o[j] = diag[j] * c[j];
        }
        int li = 0;
        for (int i = 0; i < d; i++) {
          double ci = c[i];
          for (int j = i + 1; j < d; j++) {
            o[j] += lk[li++] * ci;
          }
        }
        double sq = 0;
        for (int j = 0; j < d; j++) {
          sq += o[j] * o[j];
        }
        main[ik] = alpha[ik] + sumQs[ik] - 0.5 * sq;
        mx = Math.max(mx, main[ik]);
      }
      double semx = 0;
      for (int ik = 0; ik < k; ik++) {
        main[ik] = Math.exp(main[ik] - mx);
        semx += main[ik];
      }
      slse += Math.log(semx) + mx;
      // Backward: d lse / d main_k is the softmax weight w_k.
      for (int ik = 0; ik < k; ik++) {
        double w = main[ik] / semx;
        alphaBar[ik] += w;
        double[] c = xc[ik];
        double[] o = qx[ik];
        double[] diag = qdiags[ik];
        double[] lk = l[ik];
        double[] lkBar = lBar[ik];
        double[] mkBar = muBar[ik];
        double[] qkBar = qBar[ik];
        // sq's adjoint is -w/2, so o's adjoint is -w·o.
        int li = 0;
        for (int i = 0; i < d; i++) {
          double ci = c[i];
          double ciBar = -w * o[i] * diag[i];
          qkBar[i] += -w * o[i] * ci * diag[i] + w; // through exp(q), and sum_qs
          for (int j = i + 1; j < d; j++) {
            double ojBar = -w * o[j];
            lkBar[li] += ojBar * ci;
            ciBar += ojBar * lk[li];
            li++;
          }
          mkBar[i] -= ciBar;
        }
      }
    }
    // -n · lse(alpha)
    double amx = Double.NEGATIVE_INFINITY;
    for (double a : alpha) {
      amx = Math.max(amx, a);
    }
    double asum = 0;
    for (double a : alpha) {
      asum += Math.exp(a - amx);
    }
    double lseAlpha = Math.log(asum) + amx;
    for (int ik = 0; ik < k; ik++) {
      alphaBar[ik] -= n * Math.exp(alpha[ik] - amx) / asum;
    }
    // Wishart prior: -Σ_k (γ²/2 · (|Qdiag_k|² + |l_k|²) − m · sum_q_k)
    double out = 0;
    double g2 = gamma * gamma;
    for (int ik = 0; ik < k; ik++) {
      double frob = 0;
      for (int j = 0; j < d; j++) {
        double e = qdiags[ik][j];
        frob += e * e;
        qBar[ik][j] += -g2 * e * e + m;
      }
      for (int j = 0; j < l[ik].length; j++) {
        frob += l[ik][j] * l[ik][j];
        lBar[ik][j] -= g2 * l[ik][j];
      }
      out += 0.5 * g2 * frob - m * sumQs[ik];
    }
    return slse - n * lseAlpha - out + constants(n, d, k, m, gamma);
  }
}
