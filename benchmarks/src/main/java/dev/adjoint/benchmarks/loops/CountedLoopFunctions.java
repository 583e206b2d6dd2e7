package dev.adjoint.benchmarks.loops;

import dev.adjoint.Differentiable;

/**
 * GradBench's gmm objective as a user writes it (plain loops, a logsumexp helper), and a
 * logistic regression over rows with a sigmoid helper: loops whose bounds are parameters,
 * lengths and enclosing indices, the shapes counted loops cover. Adjoint generates
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

  @Differentiable
  public static double logsumexp(double[] x) {
    double mx = x[0];
    for (int i = 1; i < x.length; i++) {
      mx = Math.max(mx, x[i]);
    }
    double semx = 0.0;
    for (int i = 0; i < x.length; i++) {
      semx = semx + Math.exp(x[i] - mx);
    }
    return Math.log(semx) + mx;
  }

  @Differentiable
  public static double objective(double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, double gamma, int m) {
    int n = x.length;
    int k = alpha.length;
    int d = x[0].length;
    double constant = -n * d * 0.5 * Math.log(2 * Math.PI);
    double[][] qdiags = new double[k][d];
    double[] sumQs = new double[k];
    for (int ik = 0; ik < k; ik++) {
      for (int j = 0; j < d; j++) {
        qdiags[ik][j] = Math.exp(q[ik][j]);
        sumQs[ik] += q[ik][j];
      }
    }
    double[] xcentered = new double[d];
    double[] qx = new double[d];
    double slse = 0.0;
    for (int ix = 0; ix < n; ix++) {
      double[] mainTerm = new double[k];
      for (int ik = 0; ik < k; ik++) {
        for (int j = 0; j < d; j++) {
          xcentered[j] = x[ix][j] - mu[ik][j];
        }
        for (int j = 0; j < d; j++) {
          qx[j] = qdiags[ik][j] * xcentered[j];
        }
        int li = 0;
        for (int i = 0; i < d; i++) {
          for (int j = i + 1; j < d; j++) {
            qx[j] = qx[j] + l[ik][li] * xcentered[i];
            li++;
          }
        }
        double sq = 0.0;
        for (int j = 0; j < d; j++) {
          sq += qx[j] * qx[j];
        }
        mainTerm[ik] = alpha[ik] + sumQs[ik] - 0.5 * sq;
      }
      slse += logsumexp(mainTerm);
    }
    double err = constant + slse - n * logsumexp(alpha);
    double out = 0.0;
    for (int ik = 0; ik < k; ik++) {
      double frob = 0.0;
      for (int j = 0; j < d; j++) {
        frob += qdiags[ik][j] * qdiags[ik][j];
      }
      for (int j = 0; j < l[ik].length; j++) {
        frob += l[ik][j] * l[ik][j];
      }
      out += 0.5 * gamma * gamma * frob - m * sumQs[ik];
    }
    return err - out;
  }
}
