package dev.adjoint.gradbench.det;

import dev.adjoint.Differentiable;

/**
 * GradBench's {@code det} (cmpad's {@code det_by_minor}): the determinant of the row-major
 * {@code ell × ell} matrix {@code a} by expansion by minors along the first row, recursively.
 */
public final class Det {
  private Det() {
  }

  @Differentiable
  public static double det(double[] a, int ell) {
    return minor(a, ell, 0, 0);
  }

  /**
   * The determinant of the minor of rows {@code row..ell-1} and of the columns not in
   * {@code usedColumns} (a bit mask), expanded along its first row.
   */
  @Differentiable
  static double minor(double[] a, int ell, int row, int usedColumns) {
    if (row == ell - 1) {
      int last = 0;
      while ((usedColumns & (1 << last)) != 0) {
        last++;
      }
      return a[row * ell + last];
    }
    double sum = 0.0;
    double sign = 1.0;
    for (int column = 0; column < ell; column++) {
      if ((usedColumns & (1 << column)) == 0) {
        double rest = minor(a, ell, row + 1, usedColumns | (1 << column));
        sum += sign * a[row * ell + column] * rest;
        sign = -sign;
      }
    }
    return sum;
  }
}
