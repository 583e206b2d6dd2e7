package dev.adjoint.benchmarks.gradbench;

/** Hand-written adjoints of GradBench's lse and llsq, written as one would by hand. */
public final class SmallEvalsHandWritten {
  private SmallEvalsHandWritten() {
  }

  /**
   * Log-sum-exp of {@code x}; adds its gradient (the softmax) into {@code xBar}, keeping the
   * exponentials in {@code scratch} (length of {@code x}) so each is computed once.
   */
  public static double lse(double[] x, double[] xBar, double[] scratch) {
    double max = x[0];
    for (int i = 1; i < x.length; i++) {
      max = Math.max(max, x[i]);
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      scratch[i] = Math.exp(x[i] - max);
      sum += scratch[i];
    }
    double inv = 1 / sum;
    for (int i = 0; i < x.length; i++) {
      xBar[i] += scratch[i] * inv;
    }
    return Math.log(sum) + max;
  }

  /**
   * Half the squared residual of the polynomial {@code x} against {@code sign(t)} at {@code n}
   * points of [-1, 1]; adds its gradient into {@code xBar}.
   */
  public static double llsq(double[] x, int n, double[] xBar) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double t = -1.0 + i * 2.0 / (n - 1);
      double residual = Math.signum(t);
      double power = 1;
      for (int j = 0; j < x.length; j++) {
        residual -= x[j] * power;
        power *= t;
      }
      sum += residual * residual;
      power = 1;
      for (int j = 0; j < x.length; j++) {
        xBar[j] -= residual * power;
        power *= t;
      }
    }
    return sum / 2;
  }
}
