package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/**
 * Linear least squares, {@code ‖y - X w‖²}, differentiated with respect to the weights only.
 *
 * <p>The loss is a sum over the rows of {@code X} of squared residuals {@code r_i = y_i - Σ_j
 * X_ij w_j}; its gradient is
 *
 * <pre>
 *   ∇_w ‖y - X w‖² = 2 Xᵀ (X w - y)
 * </pre>
 *
 * <p>which is zero exactly at the solution of the normal equations {@code XᵀX w = Xᵀy}. Adjoint
 * generates {@code LeastSquaresAdjoint.sumOfSquares(X, y, w)}, returning the value and {@code dW}
 * (a fresh array), and {@code LeastSquaresAdjoint.sumOfSquaresPullback(X, y, w, seed, wBar)},
 * which adds {@code seed} times the gradient into the caller's {@code wBar}. The data {@code X}
 * and {@code y} are not differentiated.
 *
 * <p>The other methods of this class are plain Java helpers for the sample: a data generator and
 * a Gaussian elimination that solves the normal equations directly.
 */
public final class LeastSquares {

  private LeastSquares() {}

  /** {@code Σ_i (y_i - Σ_j X_ij w_j)²}, for {@code X} with {@code y.length} rows. */
  @Differentiable(wrt = {"w"})
  public static double sumOfSquares(double[][] X, double[] y, double[] w) {
    double loss = 0;
    for (int i = 0; i < y.length; i++) {
      double prediction = 0;
      for (int j = 0; j < w.length; j++) {
        prediction += X[i][j] * w[j];
      }
      double r = y[i] - prediction;
      loss += r * r;
    }
    return loss;
  }

  /** {@code X w}. */
  public static double[] times(double[][] X, double[] w) {
    double[] out = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < w.length; j++) {
        out[i] += X[i][j] * w[j];
      }
    }
    return out;
  }

  /**
   * The minimizer of {@code ‖y - X w‖²}: the solution of the normal equations {@code XᵀX w =
   * Xᵀy}, by Gaussian elimination with partial pivoting. {@code X} must have full column rank.
   */
  public static double[] normalEquations(double[][] X, double[] y) {
    int n = X[0].length;
    // The augmented matrix [XᵀX | Xᵀy].
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          a[j][k] += X[i][j] * X[i][k];
        }
        a[j][n] += X[i][j] * y[i];
      }
    }
    return solve(a);
  }

  /** Solves the {@code n × (n + 1)} augmented system {@code a} in place; returns the solution. */
  static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      if (a[pivot][col] == 0) {
        throw new ArithmeticException("singular system: column " + col);
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double factor = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= factor * a[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int k = row + 1; k < n; k++) {
        sum -= a[row][k] * x[k];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }
}
