package dev.adjoint.samples.notes;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Locale;
import java.util.Random;

/**
 * Plain Java for the notes' samples: seeded random points, the identity, element-wise maximum
 * differences and the one-line report format. Nothing here is differentiated.
 */
final class NoteMath {

  private NoteMath() {}

  /** {@code n} values uniform in {@code [-1, 1)}. */
  static double[] vector(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 2 * random.nextDouble() - 1;
    }
    return v;
  }

  /** An {@code m × n} matrix with entries uniform in {@code [-1, 1)}. */
  static double[][] matrix(Random random, int m, int n) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = vector(random, n);
    }
    return a;
  }

  /**
   * A random {@code n × n} matrix plus {@code n·I}: strictly diagonally dominant, so invertible
   * and well conditioned, for the derivations with {@code X⁻¹}.
   */
  static double[][] invertible(Random random, int n) {
    double[][] a = matrix(random, n, n);
    for (int i = 0; i < n; i++) {
      a[i][i] += n;
    }
    return a;
  }

  /** The {@code n × n} identity. */
  static double[][] identity(int n) {
    double[][] id = new double[n][n];
    for (int i = 0; i < n; i++) {
      id[i][i] = 1;
    }
    return id;
  }

  /** {@code max_i |a_i - b_i|}; infinite when the lengths differ. */
  static double maxAbsDiff(double[] a, double[] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  /** {@code max_ij |a_ij - b_ij|}; infinite when the shapes differ. */
  static double maxAbsDiff(double[][] a, double[][] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, maxAbsDiff(a[i], b[i]));
    }
    return worst;
  }

  /** {@code max_i |v_i|}. */
  static double maxAbs(double[] v) {
    return maxAbsDiff(v, new double[v.length]);
  }

  /** {@code XᵀX + λI}. */
  static double[][] gram(double[][] X, double lambda) {
    double[][] g = LinearAlgebra.matMul(LinearAlgebra.transpose(X), X);
    for (int i = 0; i < g.length; i++) {
      g[i][i] += lambda;
    }
    return g;
  }

  /**
   * One report line: {@code " 1. grad_x x^T A x = (A + A^T) x   [n = 5]  max |generated -
   * closed form| = 4.4e-16"}, then any extra text. {@code number} is the derivation's number
   * with its dot ({@code "1."}), or another short label.
   */
  static String report(String number, String formula, String setting, double error,
      String extra) {
    return String.format(
        Locale.ROOT,
        "%3s %-44s %-22s max |generated - closed form| = %.1e%s",
        number,
        formula,
        "[" + setting + "]",
        error,
        extra.isEmpty() ? "" : "; " + extra);
  }

  static String report(String number, String formula, String setting, double error) {
    return report(number, formula, setting, error, "");
  }

  /** {@code String.format} in the root locale. */
  static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
