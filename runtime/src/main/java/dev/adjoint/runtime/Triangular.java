package dev.adjoint.runtime;

/**
 * Triangular solves and the Cholesky factorization behind {@link LinearAlgebra}'s kernels for
 * symmetric positive-definite matrices. Only the triangle a kernel documents is read.
 */
final class Triangular {
  private Triangular() {}

  /**
   * {@code L} with {@code L Lᵀ = (A + Aᵀ)/2}: reading the symmetric part makes every entry of
   * {@code A} an input, so gradients are symmetric and agree with perturbing one entry.
   */
  static double[][] cholesky(String kernel, double[][] A) {
    int n = A.length;
    double[][] L = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] li = L[i];
      for (int j = 0; j <= i; j++) {
        double[] lj = L[j];
        double s = 0.5 * (A[i][j] + A[j][i]);
        for (int k = 0; k < j; k++) {
          s -= li[k] * lj[k];
        }
        if (i > j) {
          li[j] = s / lj[j];
        } else if (s > 0) {
          li[i] = Math.sqrt(s);
        } else {
          throw new ArithmeticException(kernel + ": the matrix is not positive definite (pivot "
              + s + " at row " + i + ")");
        }
      }
    }
    return L;
  }

  /**
   * Solves {@code E x = b} where {@code E} is {@code T} or {@code Tᵀ} ({@code transposed}) and
   * {@code T} is read as lower-triangular ({@code lower}) or upper-triangular.
   */
  static double[] solve(String kernel, double[][] T, boolean lower, boolean transposed,
      double[] b) {
    int n = T.length;
    double[] x = new double[n];
    boolean forward = lower != transposed; // E is lower-triangular: solve from the top
    for (int step = 0; step < n; step++) {
      int i = forward ? step : n - 1 - step;
      double s = b[i];
      int from = forward ? 0 : i + 1;
      int to = forward ? i : n;
      for (int k = from; k < to; k++) {
        s -= (transposed ? T[k][i] : T[i][k]) * x[k];
      }
      double d = T[i][i];
      if (d == 0) {
        throw new ArithmeticException(kernel + ": the triangular matrix has a zero diagonal at "
            + i);
      }
      x[i] = s / d;
    }
    return x;
  }

  /** {@code (L Lᵀ)⁻¹ b} for a Cholesky factor {@code L}. */
  static double[] cholSolve(String kernel, double[][] L, double[] b) {
    return solve(kernel, L, true, true, solve(kernel, L, true, false, b));
  }

  /** {@code Lᵀ v}, reading the lower triangle of {@code L}. */
  static double[] lowerTransposedTimes(double[][] L, double[] v) {
    int n = L.length;
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      double[] lk = L[k];
      double vk = v[k];
      for (int j = 0; j <= k; j++) {
        out[j] += lk[j] * vk;
      }
    }
    return out;
  }

  /**
   * {@code TBar −= g xᵀ} on the triangle {@code T} was read from: the adjoint of {@code T} in a
   * solve {@code T x = b} with {@code g = T⁻ᵀ x̄}.
   */
  static void subtractOuterOnTriangle(double[][] TBar, boolean lower, double[] g, double[] x) {
    int n = TBar.length;
    for (int i = 0; i < n; i++) {
      double[] row = TBar[i];
      double gi = g[i];
      int from = lower ? 0 : i;
      int to = lower ? i + 1 : n;
      for (int j = from; j < to; j++) {
        row[j] -= gi * x[j];
      }
    }
  }

  /** {@code ABar += c·A⁻¹} for {@code A = L Lᵀ} (symmetric), column by column. */
  static void addInverse(String kernel, double[][] L, double c, double[][] ABar) {
    int n = L.length;
    double[] unit = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1;
      double[] z = cholSolve(kernel, L, unit);
      unit[j] = 0;
      double[] row = ABar[j];
      for (int i = 0; i < n; i++) {
        row[i] += c * z[i];
      }
    }
  }

  /**
   * {@code ABar += L⁻ᵀ M L⁻¹} with {@code M = sym(Φ(Lᵀ L̄))}, where {@code Φ} keeps the lower
   * triangle and halves the diagonal (Murray 2016, "Differentiation of the Cholesky
   * decomposition"); symmetric because the factorization reads {@code A}'s symmetric part.
   */
  static void choleskyAdjoint(String kernel, double[][] L, double[][] LBar, double[][] ABar) {
    int n = L.length;
    // P = Lᵀ tril(L̄): only the lower triangle of L̄ is an adjoint of an entry of L.
    double[][] M = new double[n][n];
    for (int k = 0; k < n; k++) {
      double[] lk = L[k];
      double[] bk = LBar[k];
      for (int i = 0; i <= k; i++) {
        double lki = lk[i];
        double[] mi = M[i];
        for (int j = 0; j <= k; j++) {
          mi[j] += lki * bk[j];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      M[i][i] *= 0.5;
      for (int j = 0; j < i; j++) {
        double half = 0.5 * M[i][j];
        M[i][j] = half;
        M[j][i] = half;
      }
    }
    // W = M L⁻¹ row by row (row j of W solves Lᵀ w = M[j]), then S = L⁻ᵀ W column by column.
    double[][] W = new double[n][];
    for (int j = 0; j < n; j++) {
      W[j] = solve(kernel, L, true, true, M[j]);
    }
    double[] column = new double[n];
    double[][] S = new double[n][];
    for (int c = 0; c < n; c++) {
      for (int r = 0; r < n; r++) {
        column[r] = W[r][c];
      }
      S[c] = solve(kernel, L, true, true, column); // column c of S, = row c by symmetry
    }
    for (int i = 0; i < n; i++) {
      double[] row = ABar[i];
      for (int j = 0; j < n; j++) {
        row[j] += 0.5 * (S[i][j] + S[j][i]);
      }
    }
  }
}
