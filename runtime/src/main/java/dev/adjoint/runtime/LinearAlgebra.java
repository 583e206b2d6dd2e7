package dev.adjoint.runtime;

/**
 * A small linear-algebra vocabulary over {@code double[]} (vectors) and {@code double[][]}
 * (row-major, rectangular matrices), each kernel with a hand-written adjoint that generated code
 * calls mechanically.
 *
 * <h2>The pullback convention</h2>
 *
 * <p>For every kernel {@code f} there is a pullback {@code fPullback} whose parameters are, in
 * this order:
 *
 * <ol>
 *   <li>the kernel's arguments, in the kernel's order;
 *   <li>the kernel's result, as returned by {@code f} for those arguments ({@code double} or an
 *       array);
 *   <li>the result's adjoint, of the same type and shape as the result;
 *   <li>one adjoint per <em>array</em> argument, in the arguments' order, each of the same shape
 *       as its argument.
 * </ol>
 *
 * <p>For example {@code matMul(A, B)} has {@code matMulPullback(A, B, C, CBar, ABar, BBar)}.
 *
 * <ul>
 *   <li><b>Array adjoints are accumulated</b>: the pullback adds {@code resultBar · ∂f/∂arg} into
 *       them ({@code +=}) and never overwrites; zero them yourself for a fresh gradient.
 *   <li><b>{@code null} means "not needed"</b>: an array adjoint may be {@code null}, and the work
 *       that only it needs is skipped.
 *   <li><b>Scalar arguments' adjoints are returned.</b> A kernel with exactly one {@code double}
 *       argument ({@link #scale}, {@link #scaleMatrix}) has a pullback returning that argument's
 *       adjoint {@code resultBar · ∂f/∂a} as a {@code double}, for the caller to add to its own
 *       accumulator; there is no adjoint parameter for it. Every other pullback returns {@code
 *       void}. ({@code int} arguments would likewise get no adjoint parameter; no kernel has
 *       one.)
 * </ul>
 *
 * <p>Pullbacks only read the arguments, the result and the result's adjoint, and only write the
 * argument adjoints, so the same adjoint array may be passed twice when the same array was passed
 * twice (for {@code dot(x, x)}, pass {@code xBar} as both {@code xBar} and {@code yBar}). An
 * adjoint must not alias an argument, the result or the result's adjoint. Kernels never modify
 * their arguments and always return fresh arrays.
 *
 * <h2>Errors</h2>
 *
 * <p>Mismatched shapes (including ragged matrices and wrongly-shaped adjoints) throw {@link
 * IllegalArgumentException} naming the kernel and the shapes; {@code null} arguments throw
 * {@link NullPointerException}. {@link #inverse} and {@link #solve} of an exactly singular matrix
 * (a zero pivot in LU with partial pivoting) throw {@link ArithmeticException}, as do the
 * pullbacks of {@link #det} and {@link #logDet} there; {@link #det} itself returns 0 and {@link
 * #logDet} returns {@code -∞}. A matrix with no rows is 0×0.
 *
 * <p>All methods are static, pure and thread-safe.
 */
public final class LinearAlgebra {
  private LinearAlgebra() {}

  // ---------------------------------------------------------------------------------------------
  // Products

  /** {@code xᵀy}. */
  public static double dot(double[] x, double[] y) {
    sameLength("dot", x, "x", y, "y");
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** {@code x̄ += r̄·y}, {@code ȳ += r̄·x}. */
  public static void dotPullback(
      double[] x, double[] y, double result, double resultBar, double[] xBar, double[] yBar) {
    int n = sameLength("dotPullback", x, "x", y, "y");
    bar("dotPullback", xBar, n, "xBar");
    bar("dotPullback", yBar, n, "yBar");
    for (int i = 0; i < n; i++) {
      if (xBar != null) {
        xBar[i] += resultBar * y[i];
      }
      if (yBar != null) {
        yBar[i] += resultBar * x[i];
      }
    }
  }

  /** {@code A x} for an m×n matrix {@code A} and a vector {@code x} of length n. */
  public static double[] matVec(double[][] A, double[] x) {
    int n = columns("matVec", A, "A");
    length("matVec", x, n, "x", "A's columns");
    double[] y = new double[A.length];
    for (int i = 0; i < A.length; i++) {
      double[] row = A[i];
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += row[j] * x[j];
      }
      y[i] = s;
    }
    return y;
  }

  /** {@code Ā += ȳ xᵀ}, {@code x̄ += Aᵀ ȳ}. */
  public static void matVecPullback(
      double[][] A, double[] x, double[] result, double[] resultBar, double[][] ABar,
      double[] xBar) {
    String k = "matVecPullback";
    int n = columns(k, A, "A");
    int m = A.length;
    length(k, x, n, "x", "A's columns");
    length(k, resultBar, m, "resultBar", "A's rows");
    barMatrix(k, ABar, m, n, "ABar");
    bar(k, xBar, n, "xBar");
    for (int i = 0; i < m; i++) {
      double yb = resultBar[i];
      if (ABar != null) {
        double[] abRow = ABar[i];
        for (int j = 0; j < n; j++) {
          abRow[j] += yb * x[j];
        }
      }
      if (xBar != null) {
        double[] row = A[i];
        for (int j = 0; j < n; j++) {
          xBar[j] += row[j] * yb;
        }
      }
    }
  }

  /** {@code xᵀA} for a vector {@code x} of length m and an m×n matrix {@code A}. */
  public static double[] vecMat(double[] x, double[][] A) {
    int n = columns("vecMat", A, "A");
    length("vecMat", x, A.length, "x", "A's rows");
    double[] y = new double[n];
    for (int i = 0; i < A.length; i++) {
      double xi = x[i];
      double[] row = A[i];
      for (int j = 0; j < n; j++) {
        y[j] += xi * row[j];
      }
    }
    return y;
  }

  /** {@code x̄ += A ȳ}, {@code Ā += x ȳᵀ}. */
  public static void vecMatPullback(
      double[] x, double[][] A, double[] result, double[] resultBar, double[] xBar,
      double[][] ABar) {
    String k = "vecMatPullback";
    int n = columns(k, A, "A");
    int m = A.length;
    length(k, x, m, "x", "A's rows");
    length(k, resultBar, n, "resultBar", "A's columns");
    bar(k, xBar, m, "xBar");
    barMatrix(k, ABar, m, n, "ABar");
    for (int i = 0; i < m; i++) {
      if (xBar != null) {
        double[] row = A[i];
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += row[j] * resultBar[j];
        }
        xBar[i] += s;
      }
      if (ABar != null) {
        double xi = x[i];
        double[] abRow = ABar[i];
        for (int j = 0; j < n; j++) {
          abRow[j] += xi * resultBar[j];
        }
      }
    }
  }

  /** {@code A B} for an m×p matrix {@code A} and a p×n matrix {@code B} (i-k-j loop order). */
  public static double[][] matMul(double[][] A, double[][] B) {
    int p = columns("matMul", A, "A");
    int n = columns("matMul", B, "B");
    if (B.length != p) {
      throw new IllegalArgumentException(
          "matMul: A is " + shape(A) + " and B is " + shape(B)
              + "; A's columns must equal B's rows");
    }
    int m = A.length;
    double[][] C = new double[m][n];
    for (int i = 0; i < m; i++) {
      double[] aRow = A[i];
      double[] cRow = C[i];
      for (int q = 0; q < p; q++) {
        double a = aRow[q];
        double[] bRow = B[q];
        for (int j = 0; j < n; j++) {
          cRow[j] += a * bRow[j];
        }
      }
    }
    return C;
  }

  /** {@code Ā += C̄ Bᵀ}, {@code B̄ += Aᵀ C̄}. */
  public static void matMulPullback(
      double[][] A, double[][] B, double[][] result, double[][] resultBar, double[][] ABar,
      double[][] BBar) {
    String k = "matMulPullback";
    int p = columns(k, A, "A");
    int n = columns(k, B, "B");
    if (B.length != p) {
      throw new IllegalArgumentException(
          k + ": A is " + shape(A) + " and B is " + shape(B) + "; A's columns must equal B's rows");
    }
    int m = A.length;
    matrix(k, resultBar, m, n, "resultBar");
    barMatrix(k, ABar, m, p, "ABar");
    barMatrix(k, BBar, p, n, "BBar");
    for (int i = 0; i < m; i++) {
      double[] cbRow = resultBar[i];
      double[] aRow = A[i];
      double[] abRow = ABar == null ? null : ABar[i];
      for (int q = 0; q < p; q++) {
        double[] bRow = B[q];
        if (abRow != null) {
          double s = 0;
          for (int j = 0; j < n; j++) {
            s += cbRow[j] * bRow[j];
          }
          abRow[q] += s;
        }
        if (BBar != null) {
          double a = aRow[q];
          double[] bbRow = BBar[q];
          for (int j = 0; j < n; j++) {
            bbRow[j] += a * cbRow[j];
          }
        }
      }
    }
  }

  /** {@code Aᵀ}, a fresh n×m matrix for an m×n {@code A}. */
  public static double[][] transpose(double[][] A) {
    int n = columns("transpose", A, "A");
    int m = A.length;
    double[][] T = new double[n][m];
    for (int i = 0; i < m; i++) {
      double[] row = A[i];
      for (int j = 0; j < n; j++) {
        T[j][i] = row[j];
      }
    }
    return T;
  }

  /** {@code Ā += B̄ᵀ}. */
  public static void transposePullback(
      double[][] A, double[][] result, double[][] resultBar, double[][] ABar) {
    String k = "transposePullback";
    int n = columns(k, A, "A");
    int m = A.length;
    matrix(k, resultBar, n, m, "resultBar");
    barMatrix(k, ABar, m, n, "ABar");
    if (ABar == null) {
      return;
    }
    for (int i = 0; i < m; i++) {
      double[] abRow = ABar[i];
      for (int j = 0; j < n; j++) {
        abRow[j] += resultBar[j][i];
      }
    }
  }

  /** {@code x yᵀ}, the m×n matrix with entries {@code x_i y_j}. */
  public static double[][] outer(double[] x, double[] y) {
    vector("outer", x, "x");
    vector("outer", y, "y");
    double[][] C = new double[x.length][y.length];
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double[] row = C[i];
      for (int j = 0; j < y.length; j++) {
        row[j] = xi * y[j];
      }
    }
    return C;
  }

  /** {@code x̄ += C̄ y}, {@code ȳ += C̄ᵀ x}. */
  public static void outerPullback(
      double[] x, double[] y, double[][] result, double[][] resultBar, double[] xBar,
      double[] yBar) {
    String k = "outerPullback";
    vector(k, x, "x");
    vector(k, y, "y");
    int m = x.length;
    int n = y.length;
    matrix(k, resultBar, m, n, "resultBar");
    bar(k, xBar, m, "xBar");
    bar(k, yBar, n, "yBar");
    for (int i = 0; i < m; i++) {
      double[] cbRow = resultBar[i];
      if (xBar != null) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += cbRow[j] * y[j];
        }
        xBar[i] += s;
      }
      if (yBar != null) {
        double xi = x[i];
        for (int j = 0; j < n; j++) {
          yBar[j] += xi * cbRow[j];
        }
      }
    }
  }

  /** {@code tr A = Σ A_ii} of a square matrix. */
  public static double trace(double[][] A) {
    int n = square("trace", A, "A");
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += A[i][i];
    }
    return s;
  }

  /** {@code Ā += t̄·I}. */
  public static void tracePullback(
      double[][] A, double result, double resultBar, double[][] ABar) {
    String k = "tracePullback";
    int n = square(k, A, "A");
    barMatrix(k, ABar, n, n, "ABar");
    if (ABar == null) {
      return;
    }
    for (int i = 0; i < n; i++) {
      ABar[i][i] += resultBar;
    }
  }

  /** The quadratic form {@code xᵀ A x} for a square {@code A}. */
  public static double quadForm(double[] x, double[][] A) {
    int n = square("quadForm", A, "A");
    length("quadForm", x, n, "x", "A's size");
    return bilinearUnchecked(x, A, x);
  }

  /** {@code x̄ += q̄·(A + Aᵀ) x}, {@code Ā += q̄·x xᵀ}. */
  public static void quadFormPullback(
      double[] x, double[][] A, double result, double resultBar, double[] xBar, double[][] ABar) {
    String k = "quadFormPullback";
    int n = square(k, A, "A");
    length(k, x, n, "x", "A's size");
    bar(k, xBar, n, "xBar");
    barMatrix(k, ABar, n, n, "ABar");
    for (int i = 0; i < n; i++) {
      double[] row = A[i];
      double cx = resultBar * x[i];
      if (xBar != null) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += row[j] * x[j];
          xBar[j] += cx * row[j]; // (Aᵀx)_j
        }
        xBar[i] += resultBar * s; // (Ax)_i
      }
      if (ABar != null) {
        double[] abRow = ABar[i];
        for (int j = 0; j < n; j++) {
          abRow[j] += cx * x[j];
        }
      }
    }
  }

  /** The bilinear form {@code xᵀ A y} for an m×n {@code A}, {@code x} of length m, {@code y} n. */
  public static double bilinear(double[] x, double[][] A, double[] y) {
    int n = columns("bilinear", A, "A");
    length("bilinear", x, A.length, "x", "A's rows");
    length("bilinear", y, n, "y", "A's columns");
    return bilinearUnchecked(x, A, y);
  }

  /** {@code x̄ += b̄·A y}, {@code Ā += b̄·x yᵀ}, {@code ȳ += b̄·Aᵀ x}. */
  public static void bilinearPullback(
      double[] x, double[][] A, double[] y, double result, double resultBar, double[] xBar,
      double[][] ABar, double[] yBar) {
    String k = "bilinearPullback";
    int n = columns(k, A, "A");
    int m = A.length;
    length(k, x, m, "x", "A's rows");
    length(k, y, n, "y", "A's columns");
    bar(k, xBar, m, "xBar");
    barMatrix(k, ABar, m, n, "ABar");
    bar(k, yBar, n, "yBar");
    for (int i = 0; i < m; i++) {
      double[] row = A[i];
      double cx = resultBar * x[i];
      if (xBar != null) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += row[j] * y[j];
        }
        xBar[i] += resultBar * s;
      }
      if (yBar != null) {
        for (int j = 0; j < n; j++) {
          yBar[j] += cx * row[j];
        }
      }
      if (ABar != null) {
        double[] abRow = ABar[i];
        for (int j = 0; j < n; j++) {
          abRow[j] += cx * y[j];
        }
      }
    }
  }

  private static double bilinearUnchecked(double[] x, double[][] A, double[] y) {
    double total = 0;
    for (int i = 0; i < A.length; i++) {
      double[] row = A[i];
      double s = 0;
      for (int j = 0; j < row.length; j++) {
        s += row[j] * y[j];
      }
      total += x[i] * s;
    }
    return total;
  }

  // ---------------------------------------------------------------------------------------------
  // Reductions

  /** {@code Σ x_i}. */
  public static double sum(double[] x) {
    vector("sum", x, "x");
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  /** {@code x̄_i += s̄}. */
  public static void sumPullback(double[] x, double result, double resultBar, double[] xBar) {
    vector("sumPullback", x, "x");
    bar("sumPullback", xBar, x.length, "xBar");
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      xBar[i] += resultBar;
    }
  }

  /** The Euclidean norm {@code ‖x‖₂}, rescaled so it neither overflows nor underflows. */
  public static double norm2(double[] x) {
    vector("norm2", x, "x");
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    if (s > 0x1p-900 && s < 0x1p900) {
      return Math.sqrt(s);
    }
    if (Double.isNaN(s)) {
      return Double.NaN;
    }
    // The squares over- or underflowed (or x = 0): scale by the largest magnitude.
    double max = 0;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    if (max == 0 || Double.isInfinite(max)) {
      return max;
    }
    double scaled = 0;
    for (double v : x) {
      double r = v / max;
      scaled += r * r;
    }
    return max * Math.sqrt(scaled);
  }

  /**
   * {@code x̄ += r̄·x / ‖x‖}, reusing the norm {@code result}; at {@code x = 0}, where the norm
   * has no gradient, it adds 0 (the midpoint of the subgradient, as for {@code abs}).
   */
  public static void norm2Pullback(double[] x, double result, double resultBar, double[] xBar) {
    vector("norm2Pullback", x, "x");
    bar("norm2Pullback", xBar, x.length, "xBar");
    if (xBar == null || result == 0) {
      return;
    }
    double c = resultBar / result;
    for (int i = 0; i < x.length; i++) {
      xBar[i] += c * x[i];
    }
  }

  /** {@code ‖x‖₂² = xᵀx}. */
  public static double squaredNorm(double[] x) {
    vector("squaredNorm", x, "x");
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  /** {@code x̄ += 2 s̄·x}. */
  public static void squaredNormPullback(
      double[] x, double result, double resultBar, double[] xBar) {
    vector("squaredNormPullback", x, "x");
    bar("squaredNormPullback", xBar, x.length, "xBar");
    if (xBar == null) {
      return;
    }
    double c = 2 * resultBar;
    for (int i = 0; i < x.length; i++) {
      xBar[i] += c * x[i];
    }
  }

  /**
   * {@code log Σ exp(x_i)}, shifted by {@code max x_i} so it does not overflow; {@code -∞} for an
   * empty {@code x}.
   */
  public static double logSumExp(double[] x) {
    vector("logSumExp", x, "x");
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (v > max) {
        max = v;
      }
    }
    if (Double.isInfinite(max)) {
      return max; // empty, all -∞, or some +∞
    }
    double s = 0;
    for (double v : x) {
      s += Math.exp(v - max);
    }
    return max + Math.log(s);
  }

  /**
   * {@code x̄_i += l̄·softmax(x)_i = l̄·exp(x_i − l)}, reusing {@code l = result}; adds nothing
   * when {@code l = -∞} (every weight is 0).
   */
  public static void logSumExpPullback(
      double[] x, double result, double resultBar, double[] xBar) {
    vector("logSumExpPullback", x, "x");
    bar("logSumExpPullback", xBar, x.length, "xBar");
    if (xBar == null || result == Double.NEGATIVE_INFINITY) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      xBar[i] += resultBar * Math.exp(x[i] - result);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Element-wise

  /** {@code x + y}. */
  public static double[] add(double[] x, double[] y) {
    int n = sameLength("add", x, "x", y, "y");
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = x[i] + y[i];
    }
    return r;
  }

  /** {@code x̄ += r̄}, {@code ȳ += r̄}. */
  public static void addPullback(
      double[] x, double[] y, double[] result, double[] resultBar, double[] xBar, double[] yBar) {
    int n = sameLength("addPullback", x, "x", y, "y");
    length("addPullback", resultBar, n, "resultBar", "x");
    bar("addPullback", xBar, n, "xBar");
    bar("addPullback", yBar, n, "yBar");
    accumulate(xBar, 1, resultBar);
    accumulate(yBar, 1, resultBar);
  }

  /** {@code x − y}. */
  public static double[] sub(double[] x, double[] y) {
    int n = sameLength("sub", x, "x", y, "y");
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = x[i] - y[i];
    }
    return r;
  }

  /** {@code x̄ += r̄}, {@code ȳ −= r̄}. */
  public static void subPullback(
      double[] x, double[] y, double[] result, double[] resultBar, double[] xBar, double[] yBar) {
    int n = sameLength("subPullback", x, "x", y, "y");
    length("subPullback", resultBar, n, "resultBar", "x");
    bar("subPullback", xBar, n, "xBar");
    bar("subPullback", yBar, n, "yBar");
    accumulate(xBar, 1, resultBar);
    accumulate(yBar, -1, resultBar);
  }

  /** {@code a·x}. */
  public static double[] scale(double a, double[] x) {
    vector("scale", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = a * x[i];
    }
    return r;
  }

  /** {@code x̄ += a·r̄}; returns {@code ā = r̄ᵀx}, for the caller to add to its own adjoint. */
  public static double scalePullback(
      double a, double[] x, double[] result, double[] resultBar, double[] xBar) {
    vector("scalePullback", x, "x");
    length("scalePullback", resultBar, x.length, "resultBar", "x");
    bar("scalePullback", xBar, x.length, "xBar");
    accumulate(xBar, a, resultBar);
    double aBar = 0;
    for (int i = 0; i < x.length; i++) {
      aBar += resultBar[i] * x[i];
    }
    return aBar;
  }

  /** The element-wise product {@code x ∘ y}. */
  public static double[] hadamard(double[] x, double[] y) {
    int n = sameLength("hadamard", x, "x", y, "y");
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = x[i] * y[i];
    }
    return r;
  }

  /** {@code x̄ += r̄ ∘ y}, {@code ȳ += r̄ ∘ x}. */
  public static void hadamardPullback(
      double[] x, double[] y, double[] result, double[] resultBar, double[] xBar, double[] yBar) {
    String k = "hadamardPullback";
    int n = sameLength(k, x, "x", y, "y");
    length(k, resultBar, n, "resultBar", "x");
    bar(k, xBar, n, "xBar");
    bar(k, yBar, n, "yBar");
    for (int i = 0; i < n; i++) {
      if (xBar != null) {
        xBar[i] += resultBar[i] * y[i];
      }
      if (yBar != null) {
        yBar[i] += resultBar[i] * x[i];
      }
    }
  }

  /** Element-wise {@code exp}. */
  public static double[] exp(double[] x) {
    vector("exp", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = Math.exp(x[i]);
    }
    return r;
  }

  /** {@code x̄_i += r̄_i·r_i}, reusing {@code r = exp(x)}. */
  public static void expPullback(double[] x, double[] result, double[] resultBar, double[] xBar) {
    elementwisePullbackShapes("expPullback", x, result, resultBar, xBar);
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      xBar[i] += resultBar[i] * result[i];
    }
  }

  /** Element-wise natural {@code log}. */
  public static double[] log(double[] x) {
    vector("log", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = Math.log(x[i]);
    }
    return r;
  }

  /** {@code x̄_i += r̄_i / x_i}. */
  public static void logPullback(double[] x, double[] result, double[] resultBar, double[] xBar) {
    vector("logPullback", x, "x");
    length("logPullback", resultBar, x.length, "resultBar", "x");
    bar("logPullback", xBar, x.length, "xBar");
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      xBar[i] += resultBar[i] / x[i];
    }
  }

  /** Element-wise {@code tanh}. */
  public static double[] tanh(double[] x) {
    vector("tanh", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = Math.tanh(x[i]);
    }
    return r;
  }

  /** {@code x̄_i += r̄_i·(1 − r_i²)}, reusing {@code r = tanh(x)}. */
  public static void tanhPullback(double[] x, double[] result, double[] resultBar, double[] xBar) {
    elementwisePullbackShapes("tanhPullback", x, result, resultBar, xBar);
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      double r = result[i];
      xBar[i] += resultBar[i] * (1 - r * r);
    }
  }

  /** Element-wise logistic sigmoid {@code 1 / (1 + e^{-x})}, without overflow for either sign. */
  public static double[] sigmoid(double[] x) {
    vector("sigmoid", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = sigmoidOf(x[i]);
    }
    return r;
  }

  /** {@code x̄_i += r̄_i·r_i(1 − r_i)}, reusing {@code r = sigmoid(x)}. */
  public static void sigmoidPullback(
      double[] x, double[] result, double[] resultBar, double[] xBar) {
    elementwisePullbackShapes("sigmoidPullback", x, result, resultBar, xBar);
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      double r = result[i];
      xBar[i] += resultBar[i] * r * (1 - r);
    }
  }

  /** Element-wise {@code max(x, 0)}. */
  public static double[] relu(double[] x) {
    vector("relu", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = Math.max(x[i], 0.0);
    }
    return r;
  }

  /** {@code x̄_i += r̄_i} where {@code x_i > 0}; the derivative at 0 is taken to be 0. */
  public static void reluPullback(double[] x, double[] result, double[] resultBar, double[] xBar) {
    vector("reluPullback", x, "x");
    length("reluPullback", resultBar, x.length, "resultBar", "x");
    bar("reluPullback", xBar, x.length, "xBar");
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0) {
        xBar[i] += resultBar[i];
      }
    }
  }

  /** Element-wise {@code log(1 + e^x)}, as {@code max(x, 0) + log1p(e^{-|x|})} (no overflow). */
  public static double[] softplus(double[] x) {
    vector("softplus", x, "x");
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      r[i] = Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
    }
    return r;
  }

  /** {@code x̄_i += r̄_i·sigmoid(x_i)}. */
  public static void softplusPullback(
      double[] x, double[] result, double[] resultBar, double[] xBar) {
    vector("softplusPullback", x, "x");
    length("softplusPullback", resultBar, x.length, "resultBar", "x");
    bar("softplusPullback", xBar, x.length, "xBar");
    if (xBar == null) {
      return;
    }
    for (int i = 0; i < x.length; i++) {
      xBar[i] += resultBar[i] * sigmoidOf(x[i]);
    }
  }

  /** {@code softmax(x)_i = exp(x_i − max x) / Σ_j exp(x_j − max x)}: sums to 1, never overflows. */
  public static double[] softmax(double[] x) {
    vector("softmax", x, "x");
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (v > max) {
        max = v;
      }
    }
    double[] r = new double[x.length];
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(x[i] - max);
      r[i] = e;
      s += e;
    }
    for (int i = 0; i < x.length; i++) {
      r[i] /= s;
    }
    return r;
  }

  /** {@code x̄_i += s_i·(s̄_i − s̄ᵀs)}, reusing {@code s = softmax(x)}. */
  public static void softmaxPullback(
      double[] x, double[] result, double[] resultBar, double[] xBar) {
    elementwisePullbackShapes("softmaxPullback", x, result, resultBar, xBar);
    if (xBar == null) {
      return;
    }
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      d += resultBar[i] * result[i];
    }
    for (int i = 0; i < x.length; i++) {
      xBar[i] += result[i] * (resultBar[i] - d);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Matrix element-wise

  /** {@code A + B}. */
  public static double[][] addMatrices(double[][] A, double[][] B) {
    int n = sameShape("addMatrices", A, B);
    double[][] C = new double[A.length][n];
    for (int i = 0; i < A.length; i++) {
      double[] a = A[i];
      double[] b = B[i];
      double[] c = C[i];
      for (int j = 0; j < n; j++) {
        c[j] = a[j] + b[j];
      }
    }
    return C;
  }

  /** {@code Ā += C̄}, {@code B̄ += C̄}. */
  public static void addMatricesPullback(
      double[][] A, double[][] B, double[][] result, double[][] resultBar, double[][] ABar,
      double[][] BBar) {
    String k = "addMatricesPullback";
    int n = sameShape(k, A, B);
    matrix(k, resultBar, A.length, n, "resultBar");
    barMatrix(k, ABar, A.length, n, "ABar");
    barMatrix(k, BBar, A.length, n, "BBar");
    for (int i = 0; i < A.length; i++) {
      accumulate(ABar == null ? null : ABar[i], 1, resultBar[i]);
      accumulate(BBar == null ? null : BBar[i], 1, resultBar[i]);
    }
  }

  /** {@code A − B}. */
  public static double[][] subMatrices(double[][] A, double[][] B) {
    int n = sameShape("subMatrices", A, B);
    double[][] C = new double[A.length][n];
    for (int i = 0; i < A.length; i++) {
      double[] a = A[i];
      double[] b = B[i];
      double[] c = C[i];
      for (int j = 0; j < n; j++) {
        c[j] = a[j] - b[j];
      }
    }
    return C;
  }

  /** {@code Ā += C̄}, {@code B̄ −= C̄}. */
  public static void subMatricesPullback(
      double[][] A, double[][] B, double[][] result, double[][] resultBar, double[][] ABar,
      double[][] BBar) {
    String k = "subMatricesPullback";
    int n = sameShape(k, A, B);
    matrix(k, resultBar, A.length, n, "resultBar");
    barMatrix(k, ABar, A.length, n, "ABar");
    barMatrix(k, BBar, A.length, n, "BBar");
    for (int i = 0; i < A.length; i++) {
      accumulate(ABar == null ? null : ABar[i], 1, resultBar[i]);
      accumulate(BBar == null ? null : BBar[i], -1, resultBar[i]);
    }
  }

  /** {@code a·A}. */
  public static double[][] scaleMatrix(double a, double[][] A) {
    int n = columns("scaleMatrix", A, "A");
    double[][] C = new double[A.length][n];
    for (int i = 0; i < A.length; i++) {
      double[] row = A[i];
      double[] c = C[i];
      for (int j = 0; j < n; j++) {
        c[j] = a * row[j];
      }
    }
    return C;
  }

  /** {@code Ā += a·C̄}; returns {@code ā = Σ C̄_ij A_ij}, for the caller to add to its adjoint. */
  public static double scaleMatrixPullback(
      double a, double[][] A, double[][] result, double[][] resultBar, double[][] ABar) {
    String k = "scaleMatrixPullback";
    int n = columns(k, A, "A");
    matrix(k, resultBar, A.length, n, "resultBar");
    barMatrix(k, ABar, A.length, n, "ABar");
    double aBar = 0;
    for (int i = 0; i < A.length; i++) {
      double[] row = A[i];
      double[] cb = resultBar[i];
      for (int j = 0; j < n; j++) {
        aBar += cb[j] * row[j];
      }
      accumulate(ABar == null ? null : ABar[i], a, cb);
    }
    return aBar;
  }

  // ---------------------------------------------------------------------------------------------
  // Matrix functions (LU with partial pivoting)

  /** The determinant of a square matrix, from its LU factorization; 0 when a pivot is exactly 0. */
  public static double det(double[][] A) {
    square("det", A, "A");
    return new Lu(A).det();
  }

  /**
   * {@code Ā += d̄·det(A)·A⁻ᵀ}, reusing {@code det(A) = result}; row {@code j} of {@code A⁻ᵀ} is
   * the solution of {@code A z = e_j}. Throws {@link ArithmeticException} when {@code A} is
   * singular (its gradient, the cofactor matrix, is not computed).
   */
  public static void detPullback(double[][] A, double result, double resultBar, double[][] ABar) {
    String k = "detPullback";
    int n = square(k, A, "A");
    barMatrix(k, ABar, n, n, "ABar");
    if (ABar == null) {
      return;
    }
    addInverseTranspose(k, A, resultBar * result, ABar);
  }

  /**
   * {@code log |det A|} of a square matrix, summed from the LU pivots (no overflow); {@code -∞}
   * if singular.
   */
  public static double logDet(double[][] A) {
    square("logDet", A, "A");
    return new Lu(A).logAbsDet();
  }

  /** {@code Ā += l̄·A⁻ᵀ}. Throws {@link ArithmeticException} when {@code A} is singular. */
  public static void logDetPullback(
      double[][] A, double result, double resultBar, double[][] ABar) {
    String k = "logDetPullback";
    int n = square(k, A, "A");
    barMatrix(k, ABar, n, n, "ABar");
    if (ABar == null) {
      return;
    }
    addInverseTranspose(k, A, resultBar, ABar);
  }

  /**
   * {@code A⁻¹}, row {@code i} solved from {@code Aᵀ z = e_i} with one LU factorization. Throws
   * {@link ArithmeticException} when {@code A} is singular.
   */
  public static double[][] inverse(double[][] A) {
    int n = square("inverse", A, "A");
    Lu lu = new Lu(A).requireNonsingular("inverse");
    double[][] inv = new double[n][n];
    double[] unit = new double[n];
    for (int i = 0; i < n; i++) {
      unit[i] = 1;
      lu.solveTransposed(unit, inv[i]);
      unit[i] = 0;
    }
    return inv;
  }

  /** {@code Ā += −Bᵀ B̄ Bᵀ} for {@code B = A⁻¹ = result}. */
  public static void inversePullback(
      double[][] A, double[][] result, double[][] resultBar, double[][] ABar) {
    String k = "inversePullback";
    int n = square(k, A, "A");
    matrix(k, result, n, n, "result");
    matrix(k, resultBar, n, n, "resultBar");
    barMatrix(k, ABar, n, n, "ABar");
    if (ABar == null) {
      return;
    }
    // W = B̄ Bᵀ (row-by-row dot products), then Ā −= Bᵀ W (row p of W scaled by B[p][i]).
    double[][] W = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] bbRow = resultBar[i];
      double[] wRow = W[i];
      for (int j = 0; j < n; j++) {
        double[] bRow = result[j];
        double s = 0;
        for (int q = 0; q < n; q++) {
          s += bbRow[q] * bRow[q];
        }
        wRow[j] = s;
      }
    }
    for (int p = 0; p < n; p++) {
      double[] bRow = result[p];
      double[] wRow = W[p];
      for (int i = 0; i < n; i++) {
        double b = bRow[i];
        double[] abRow = ABar[i];
        for (int j = 0; j < n; j++) {
          abRow[j] -= b * wRow[j];
        }
      }
    }
  }

  /**
   * The solution {@code x} of {@code A x = b} for a square {@code A}, by LU with partial pivoting.
   * Throws {@link ArithmeticException} when {@code A} is singular.
   */
  public static double[] solve(double[][] A, double[] b) {
    int n = square("solve", A, "A");
    length("solve", b, n, "b", "A's size");
    Lu lu = new Lu(A).requireNonsingular("solve");
    double[] x = new double[n];
    lu.solve(b, x);
    return x;
  }

  /**
   * With {@code g = A⁻ᵀ x̄} (one solve with {@code Aᵀ}): {@code b̄ += g}, {@code Ā += −g xᵀ}
   * reusing {@code x = result}.
   */
  public static void solvePullback(
      double[][] A, double[] b, double[] result, double[] resultBar, double[][] ABar,
      double[] bBar) {
    String k = "solvePullback";
    int n = solvePullbackShapes(k, A, "A", b, result, resultBar, ABar, bBar);
    if (ABar == null && bBar == null) {
      return;
    }
    double[] g = new double[n];
    new Lu(A).requireNonsingular(k).solveTransposed(resultBar, g);
    accumulate(bBar, 1, g);
    if (ABar != null) {
      for (int i = 0; i < n; i++) {
        double gi = g[i];
        double[] abRow = ABar[i];
        for (int j = 0; j < n; j++) {
          abRow[j] -= gi * result[j];
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Symmetric positive-definite matrices (Cholesky) and triangular solves

  /**
   * The Cholesky factor of a symmetric positive-definite matrix: the lower-triangular {@code L}
   * with a positive diagonal and {@code L Lᵀ = A}, zeros above the diagonal. It factors the
   * symmetric part {@code (A + Aᵀ)/2}, so its gradient is symmetric. Throws {@link
   * ArithmeticException} when that part is not positive definite.
   */
  public static double[][] cholesky(double[][] A) {
    square("cholesky", A, "A");
    return Triangular.cholesky("cholesky", A);
  }

  /**
   * {@code Ā += sym(L⁻ᵀ Φ(Lᵀ L̄) L⁻¹)} for {@code L = result}, where {@code Φ} keeps the lower
   * triangle and halves the diagonal; entries of {@code L̄} above the diagonal are ignored.
   */
  public static void choleskyPullback(
      double[][] A, double[][] result, double[][] resultBar, double[][] ABar) {
    String k = "choleskyPullback";
    int n = square(k, A, "A");
    matrix(k, result, n, n, "result");
    matrix(k, resultBar, n, n, "resultBar");
    barMatrix(k, ABar, n, n, "ABar");
    if (ABar != null) {
      Triangular.choleskyAdjoint(k, result, resultBar, ABar);
    }
  }

  /** {@code log det(L Lᵀ) = 2 Σ log L_ii} from a Cholesky factor {@code L}. */
  public static double choleskyLogDet(double[][] L) {
    int n = square("choleskyLogDet", L, "L");
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.log(L[i][i]);
    }
    return 2 * s;
  }

  /** {@code L̄_ii += 2 l̄ / L_ii}. */
  public static void choleskyLogDetPullback(
      double[][] L, double result, double resultBar, double[][] LBar) {
    String k = "choleskyLogDetPullback";
    int n = square(k, L, "L");
    barMatrix(k, LBar, n, n, "LBar");
    if (LBar != null) {
      for (int i = 0; i < n; i++) {
        LBar[i][i] += 2 * resultBar / L[i][i];
      }
    }
  }

  /** The solution of {@code L Lᵀ x = b} for a Cholesky factor {@code L}: two triangular solves. */
  public static double[] choleskySolve(double[][] L, double[] b) {
    int n = square("choleskySolve", L, "L");
    length("choleskySolve", b, n, "b", "L's size");
    return Triangular.cholSolve("choleskySolve", L, b);
  }

  /**
   * With {@code g = (L Lᵀ)⁻¹ x̄}: {@code b̄ += g}, {@code L̄ −= tril(g (Lᵀx)ᵀ + x (Lᵀg)ᵀ)}, reusing
   * {@code x = result}.
   */
  public static void choleskySolvePullback(double[][] L, double[] b, double[] result,
      double[] resultBar, double[][] LBar, double[] bBar) {
    String k = "choleskySolvePullback";
    solvePullbackShapes(k, L, "L", b, result, resultBar, LBar, bBar);
    if (LBar == null && bBar == null) {
      return;
    }
    double[] g = Triangular.cholSolve(k, L, resultBar);
    accumulate(bBar, 1, g);
    if (LBar != null) {
      Triangular.subtractOuterOnTriangle(LBar, true, g, Triangular.lowerTransposedTimes(L, result));
      Triangular.subtractOuterOnTriangle(LBar, true, result, Triangular.lowerTransposedTimes(L, g));
    }
  }

  /**
   * {@code log det A} of a symmetric positive-definite matrix (of its symmetric part), from its
   * Cholesky factor. Throws {@link ArithmeticException} when it is not positive definite.
   */
  public static double logDetSpd(double[][] A) {
    square("logDetSpd", A, "A");
    return choleskyLogDet(Triangular.cholesky("logDetSpd", A));
  }

  /** {@code Ā += l̄·A⁻¹} (symmetric), with one Cholesky factorization. */
  public static void logDetSpdPullback(
      double[][] A, double result, double resultBar, double[][] ABar) {
    String k = "logDetSpdPullback";
    int n = square(k, A, "A");
    barMatrix(k, ABar, n, n, "ABar");
    if (ABar != null) {
      Triangular.addInverse(k, Triangular.cholesky(k, A), resultBar, ABar);
    }
  }

  /**
   * The solution {@code x} of {@code A x = b} for a symmetric positive-definite {@code A} (its
   * symmetric part), by Cholesky: half the work of {@link #solve}'s LU and no pivoting. Throws
   * {@link ArithmeticException} when it is not positive definite.
   */
  public static double[] solveSpd(double[][] A, double[] b) {
    int n = square("solveSpd", A, "A");
    length("solveSpd", b, n, "b", "A's size");
    return Triangular.cholSolve("solveSpd", Triangular.cholesky("solveSpd", A), b);
  }

  /** With {@code g = A⁻¹ x̄}: {@code b̄ += g}, {@code Ā −= (g xᵀ + x gᵀ)/2}, reusing {@code x}. */
  public static void solveSpdPullback(double[][] A, double[] b, double[] result,
      double[] resultBar, double[][] ABar, double[] bBar) {
    String k = "solveSpdPullback";
    int n = solvePullbackShapes(k, A, "A", b, result, resultBar, ABar, bBar);
    if (ABar == null && bBar == null) {
      return;
    }
    double[] g = Triangular.cholSolve(k, Triangular.cholesky(k, A), resultBar);
    accumulate(bBar, 1, g);
    if (ABar != null) {
      for (int i = 0; i < n; i++) {
        double[] row = ABar[i];
        for (int j = 0; j < n; j++) {
          row[j] -= 0.5 * (g[i] * result[j] + result[i] * g[j]);
        }
      }
    }
  }

  /**
   * The solution of {@code L x = b}, reading only the lower triangle (diagonal included) of
   * {@code L}. Throws {@link ArithmeticException} on a zero diagonal entry.
   */
  public static double[] solveLower(double[][] L, double[] b) {
    return triangularSolve("solveLower", L, true, b);
  }

  /** With {@code g = L⁻ᵀ x̄}: {@code b̄ += g}, {@code L̄ −= tril(g xᵀ)}, reusing {@code x}. */
  public static void solveLowerPullback(double[][] L, double[] b, double[] result,
      double[] resultBar, double[][] LBar, double[] bBar) {
    triangularSolvePullback("solveLowerPullback", L, true, b, result, resultBar, LBar, bBar);
  }

  /**
   * The solution of {@code U x = b}, reading only the upper triangle (diagonal included) of
   * {@code U}. Throws {@link ArithmeticException} on a zero diagonal entry.
   */
  public static double[] solveUpper(double[][] U, double[] b) {
    return triangularSolve("solveUpper", U, false, b);
  }

  /** With {@code g = U⁻ᵀ x̄}: {@code b̄ += g}, {@code Ū −= triu(g xᵀ)}, reusing {@code x}. */
  public static void solveUpperPullback(double[][] U, double[] b, double[] result,
      double[] resultBar, double[][] UBar, double[] bBar) {
    triangularSolvePullback("solveUpperPullback", U, false, b, result, resultBar, UBar, bBar);
  }

  private static double[] triangularSolve(String k, double[][] T, boolean lower, double[] b) {
    int n = square(k, T, lower ? "L" : "U");
    length(k, b, n, "b", (lower ? "L" : "U") + "'s size");
    return Triangular.solve(k, T, lower, false, b);
  }

  private static void triangularSolvePullback(String k, double[][] T, boolean lower, double[] b,
      double[] result, double[] resultBar, double[][] TBar, double[] bBar) {
    solvePullbackShapes(k, T, lower ? "L" : "U", b, result, resultBar, TBar, bBar);
    if (TBar == null && bBar == null) {
      return;
    }
    double[] g = Triangular.solve(k, T, lower, true, resultBar);
    accumulate(bBar, 1, g);
    if (TBar != null) {
      Triangular.subtractOuterOnTriangle(TBar, lower, g, result);
    }
  }

  /** The shapes of a solve's pullback arguments: a square matrix, vectors of its size. */
  private static int solvePullbackShapes(String k, double[][] A, String name, double[] b,
      double[] result, double[] resultBar, double[][] ABar, double[] bBar) {
    int n = square(k, A, name);
    length(k, b, n, "b", name + "'s size");
    length(k, result, n, "result", name + "'s size");
    length(k, resultBar, n, "resultBar", name + "'s size");
    barMatrix(k, ABar, n, n, name + "Bar");
    bar(k, bBar, n, "bBar");
    return n;
  }

  /** {@code ABar += c·A⁻ᵀ}; row j of A⁻ᵀ is column j of A⁻¹, the solution of A z = e_j. */
  private static void addInverseTranspose(String kernel, double[][] A, double c, double[][] ABar) {
    int n = A.length;
    Lu lu = new Lu(A).requireNonsingular(kernel);
    double[] unit = new double[n];
    double[] z = new double[n];
    for (int j = 0; j < n; j++) {
      unit[j] = 1;
      lu.solve(unit, z);
      unit[j] = 0;
      accumulate(ABar[j], c, z);
    }
  }

  /** {@code P A = L U} with partial pivoting; L (unit lower-triangular) and U share {@code lu}. */
  private static final class Lu {
    private final double[][] lu;
    /** Row {@code i} of {@code P A} is row {@code perm[i]} of {@code A}. */
    private final int[] perm;

    private final boolean negative;
    private final boolean singular;
    private final double[] work;

    Lu(double[][] A) {
      int n = A.length;
      lu = new double[n][];
      perm = new int[n];
      for (int i = 0; i < n; i++) {
        lu[i] = A[i].clone();
        perm[i] = i;
      }
      work = new double[n];
      boolean neg = false;
      boolean sing = false;
      for (int k = 0; k < n; k++) {
        int p = k;
        double best = Math.abs(lu[k][k]);
        for (int i = k + 1; i < n; i++) {
          double v = Math.abs(lu[i][k]);
          if (v > best) {
            best = v;
            p = i;
          }
        }
        if (p != k) {
          double[] row = lu[p];
          lu[p] = lu[k];
          lu[k] = row;
          int t = perm[p];
          perm[p] = perm[k];
          perm[k] = t;
          neg = !neg;
        }
        double[] kRow = lu[k];
        double pivot = kRow[k];
        if (pivot == 0) {
          sing = true; // the column below is all zero too: nothing to eliminate
          continue;
        }
        for (int i = k + 1; i < n; i++) {
          double[] iRow = lu[i];
          double f = iRow[k] / pivot;
          iRow[k] = f;
          for (int j = k + 1; j < n; j++) {
            iRow[j] -= f * kRow[j];
          }
        }
      }
      negative = neg;
      singular = sing;
    }

    Lu requireNonsingular(String kernel) {
      if (singular) {
        throw new ArithmeticException(
            kernel + ": the " + lu.length + "x" + lu.length + " matrix A is singular");
      }
      return this;
    }

    double det() {
      if (singular) {
        return 0;
      }
      double d = negative ? -1 : 1;
      for (int i = 0; i < lu.length; i++) {
        d *= lu[i][i];
      }
      return d;
    }

    double logAbsDet() {
      double s = 0;
      for (int i = 0; i < lu.length; i++) {
        s += Math.log(Math.abs(lu[i][i]));
      }
      return s;
    }

    /** Solves {@code A x = b} into {@code x} ({@code x} must not be {@code b}). */
    void solve(double[] b, double[] x) {
      int n = lu.length;
      for (int i = 0; i < n; i++) {
        x[i] = b[perm[i]];
      }
      for (int i = 0; i < n; i++) { // L y = P b
        double[] row = lu[i];
        double s = x[i];
        for (int k = 0; k < i; k++) {
          s -= row[k] * x[k];
        }
        x[i] = s;
      }
      for (int i = n - 1; i >= 0; i--) { // U x = y
        double[] row = lu[i];
        double s = x[i];
        for (int k = i + 1; k < n; k++) {
          s -= row[k] * x[k];
        }
        x[i] = s / row[i];
      }
    }

    /** Solves {@code Aᵀ x = b} into {@code x}: {@code Uᵀ u = b}, {@code Lᵀ v = u}, x = Pᵀ v. */
    void solveTransposed(double[] b, double[] x) {
      int n = lu.length;
      double[] v = work;
      System.arraycopy(b, 0, v, 0, n);
      for (int k = 0; k < n; k++) { // Uᵀ is lower-triangular: column-oriented over U's rows
        double[] row = lu[k];
        double vk = v[k] / row[k];
        v[k] = vk;
        for (int i = k + 1; i < n; i++) {
          v[i] -= row[i] * vk;
        }
      }
      for (int k = n - 1; k >= 0; k--) { // Lᵀ is unit upper-triangular
        double[] row = lu[k];
        double vk = v[k];
        for (int i = 0; i < k; i++) {
          v[i] -= row[i] * vk;
        }
      }
      for (int i = 0; i < n; i++) {
        x[perm[i]] = v[i];
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static double sigmoidOf(double v) {
    if (v >= 0) {
      return 1 / (1 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1 + e);
  }

  /** {@code bar += c·v} when {@code bar} is not null. */
  private static void accumulate(double[] bar, double c, double[] v) {
    if (bar == null) {
      return;
    }
    for (int i = 0; i < bar.length; i++) {
      bar[i] += c * v[i];
    }
  }

  private static void elementwisePullbackShapes(
      String kernel, double[] x, double[] result, double[] resultBar, double[] xBar) {
    vector(kernel, x, "x");
    length(kernel, result, x.length, "result", "x");
    length(kernel, resultBar, x.length, "resultBar", "x");
    bar(kernel, xBar, x.length, "xBar");
  }

  private static void vector(String kernel, double[] v, String name) {
    if (v == null) {
      throw new NullPointerException(kernel + ": " + name + " is null");
    }
  }

  private static void length(String kernel, double[] v, int n, String name, String what) {
    vector(kernel, v, name);
    if (v.length != n) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " has length " + v.length + " but must match " + what + " (" + n
              + ")");
    }
  }

  private static int sameLength(String kernel, double[] x, String xName, double[] y, String yName) {
    vector(kernel, x, xName);
    length(kernel, y, x.length, yName, xName + "'s length");
    return x.length;
  }

  /** Checks a non-null adjoint's length. */
  private static void bar(String kernel, double[] bar, int n, String name) {
    if (bar != null && bar.length != n) {
      throw new IllegalArgumentException(
          kernel + ": adjoint " + name + " has length " + bar.length + ", expected " + n);
    }
  }

  /** Checks that {@code m} is non-null and rectangular and returns its column count. */
  private static int columns(String kernel, double[][] m, String name) {
    if (m == null) {
      throw new NullPointerException(kernel + ": " + name + " is null");
    }
    if (m.length == 0) {
      return 0;
    }
    if (m[0] == null) {
      throw new NullPointerException(kernel + ": row 0 of " + name + " is null");
    }
    int n = m[0].length;
    for (int i = 1; i < m.length; i++) {
      if (m[i] == null) {
        throw new NullPointerException(kernel + ": row " + i + " of " + name + " is null");
      }
      if (m[i].length != n) {
        throw new IllegalArgumentException(
            kernel + ": " + name + " is ragged: row 0 has " + n + " columns but row " + i
                + " has " + m[i].length);
      }
    }
    return n;
  }

  private static int square(String kernel, double[][] m, String name) {
    int n = columns(kernel, m, name);
    if (n != m.length) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " must be square but is " + m.length + "x" + n);
    }
    return m.length;
  }

  private static void matrix(String kernel, double[][] m, int rows, int cols, String name) {
    int n = columns(kernel, m, name);
    if (m.length != rows || (rows > 0 && n != cols)) {
      throw new IllegalArgumentException(
          kernel + ": " + name + " is " + m.length + "x" + n + ", expected " + rows + "x" + cols);
    }
  }

  /** Checks a non-null adjoint's shape. */
  private static void barMatrix(String kernel, double[][] bar, int rows, int cols, String name) {
    if (bar != null) {
      matrix(kernel, bar, rows, cols, "adjoint " + name);
    }
  }

  private static int sameShape(String kernel, double[][] A, double[][] B) {
    int n = columns(kernel, A, "A");
    int nb = columns(kernel, B, "B");
    if (A.length != B.length || (A.length > 0 && n != nb)) {
      throw new IllegalArgumentException(
          kernel + ": A is " + shape(A) + " but B is " + shape(B) + "; they must have one shape");
    }
    return n;
  }

  private static String shape(double[][] m) {
    return m.length + "x" + (m.length == 0 ? 0 : m[0].length);
  }
}
