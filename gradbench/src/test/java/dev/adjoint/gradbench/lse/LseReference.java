package dev.adjoint.gradbench.lse;

/** Log-sum-exp and its gradient, the softmax, written by hand. */
public final class LseReference {
  private LseReference() {
  }

  public static double value(double[] x) {
    double max = java.util.Arrays.stream(x).max().orElseThrow();
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  public static double[] gradient(double[] x) {
    double lse = value(x);
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = Math.exp(x[i] - lse);
    }
    return g;
  }
}
