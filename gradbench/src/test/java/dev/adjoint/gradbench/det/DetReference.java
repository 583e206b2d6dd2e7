package dev.adjoint.gradbench.det;

/**
 * The determinant by Gaussian elimination with partial pivoting, and its gradient, the cofactor
 * matrix det(A)·A⁻ᵀ (A⁻¹ by Gauss–Jordan): a route independent of expansion by minors.
 */
public final class DetReference {
  private DetReference() {
  }

  public static double value(double[] a, int ell) {
    double[][] m = square(a, ell);
    double det = 1;
    for (int c = 0; c < ell; c++) {
      int pivot = c;
      for (int r = c + 1; r < ell; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      if (pivot != c) {
        double[] t = m[c];
        m[c] = m[pivot];
        m[pivot] = t;
        det = -det;
      }
      det *= m[c][c];
      for (int r = c + 1; r < ell; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k < ell; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    return det;
  }

  public static double[] gradient(double[] a, int ell) {
    double[][] m = square(a, ell);
    double[][] inv = new double[ell][ell];
    for (int i = 0; i < ell; i++) {
      inv[i][i] = 1;
    }
    for (int c = 0; c < ell; c++) {
      int pivot = c;
      for (int r = c + 1; r < ell; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      t = inv[c];
      inv[c] = inv[pivot];
      inv[pivot] = t;
      double p = m[c][c];
      for (int k = 0; k < ell; k++) {
        m[c][k] /= p;
        inv[c][k] /= p;
      }
      for (int r = 0; r < ell; r++) {
        if (r != c) {
          double f = m[r][c];
          for (int k = 0; k < ell; k++) {
            m[r][k] -= f * m[c][k];
            inv[r][k] -= f * inv[c][k];
          }
        }
      }
    }
    double det = value(a, ell);
    double[] g = new double[ell * ell];
    for (int i = 0; i < ell; i++) {
      for (int j = 0; j < ell; j++) {
        g[i * ell + j] = det * inv[j][i];
      }
    }
    return g;
  }

  private static double[][] square(double[] a, int ell) {
    double[][] m = new double[ell][ell];
    for (int i = 0; i < ell; i++) {
      System.arraycopy(a, i * ell, m[i], 0, ell);
    }
    return m;
  }
}
