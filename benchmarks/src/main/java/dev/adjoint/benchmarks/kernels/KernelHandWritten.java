package dev.adjoint.benchmarks.kernels;

/**
 * Adjoints of {@link KernelFunctions} written by hand, the baseline for the generated ones: same
 * signatures as the generated {@code …Pullback} methods (return the value, add {@code seed} times
 * the gradient into the caller's adjoint arrays). Each fuses the forward and backward pass into
 * one sweep over the matrix, as a person would write it, and allocates nothing, where the
 * generated code calls the kernel and then the kernel's pullback (two sweeps) and allocates the
 * kernels' result vectors and their adjoints.
 */
public final class KernelHandWritten {

  private KernelHandWritten() {}

  /**
   * Adjoint of {@link KernelFunctions#quadForm}: {@code x̄ += seed · (A + Aᵀ) x}. Row {@code i}
   * of {@code A} gives {@code s = (A x)_i}, which adds {@code x_i s} to the value and {@code seed
   * · s} to {@code x̄_i}, and adds {@code seed · x_i A_ij} to {@code x̄_j} (that is {@code (Aᵀ
   * x)_j}), so {@code A} is read once.
   */
  public static double quadFormPullback(double[] x, double[][] A, double seed, double[] xBar) {
    int n = x.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] row = A[i];
      double xi = x[i];
      double cx = seed * xi;
      double s = 0;
      for (int j = 0; j < n; j++) {
        double a = row[j];
        s += a * x[j];
        xBar[j] += cx * a;
      }
      total += xi * s;
      xBar[i] += seed * s;
    }
    return total;
  }

  /**
   * Adjoint of {@link KernelFunctions#layerLoss}: per row {@code i}, {@code z = W_i · x + b_i},
   * {@code h = σ(z)}, the value gains {@code h²}, and with {@code z̄ = seed · 2h · h (1 − h)},
   * {@code b̄_i += z̄} and {@code W̄_i += z̄ x}. One sweep over {@code W} and {@code W̄}.
   */
  public static double layerLossPullback(
      double[][] W, double[] b, double[] x, double seed, double[][] WBar, double[] bBar) {
    int m = W.length;
    int n = x.length;
    double loss = 0;
    for (int i = 0; i < m; i++) {
      double[] row = W[i];
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += row[j] * x[j];
      }
      double h = sigmoid(s + b[i]);
      loss += h * h;
      double zBar = seed * 2 * h * h * (1 - h);
      bBar[i] += zBar;
      double[] barRow = WBar[i];
      for (int j = 0; j < n; j++) {
        barRow[j] += zBar * x[j];
      }
    }
    return loss;
  }

  /**
   * Adjoint of {@link KernelFunctions#leastSquares}: per row {@code i}, the residual {@code r =
   * X_i · w − y_i} adds {@code r²} to the value and {@code 2 seed r X_i} to {@code w̄}, so {@code
   * w̄ += 2 seed Xᵀ (X w − y)} in one sweep over {@code X} (each row is read twice while it is in
   * cache).
   */
  public static double leastSquaresPullback(
      double[][] X, double[] w, double[] y, double seed, double[] wBar) {
    int n = w.length;
    double loss = 0;
    for (int i = 0; i < X.length; i++) {
      double[] row = X[i];
      double p = 0;
      for (int j = 0; j < n; j++) {
        p += row[j] * w[j];
      }
      double r = p - y[i];
      loss += r * r;
      double c = 2 * seed * r;
      for (int j = 0; j < n; j++) {
        wBar[j] += c * row[j];
      }
    }
    return loss;
  }

  /** The logistic sigmoid, in the same overflow-free form as {@code LinearAlgebra.sigmoid}. */
  private static double sigmoid(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }
}
