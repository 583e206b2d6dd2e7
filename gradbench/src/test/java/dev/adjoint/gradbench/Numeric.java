package dev.adjoint.gradbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToDoubleFunction;

/** Central finite differences and tolerant comparisons for the evals' tests. */
public final class Numeric {
  private Numeric() {
  }

  /** The central-difference gradient of {@code f} at {@code x} (which it leaves unchanged). */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double saved = x[i];
      double h = 1e-6 * Math.max(1.0, Math.abs(saved));
      x[i] = saved + h;
      double up = f.applyAsDouble(x);
      x[i] = saved - h;
      double down = f.applyAsDouble(x);
      x[i] = saved;
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }

  /** The rows of {@code m} one after the other. */
  public static double[] flatten(double[]... rows) {
    int size = 0;
    for (double[] row : rows) {
      size += row.length;
    }
    double[] flat = new double[size];
    int at = 0;
    for (double[] row : rows) {
      System.arraycopy(row, 0, flat, at, row.length);
      at += row.length;
    }
    return flat;
  }

  /** {@code flat} back into rows of the lengths of {@code like}'s rows (new arrays). */
  public static double[][] unflatten(double[] flat, double[][] like, int offset) {
    double[][] rows = new double[like.length][];
    int at = offset;
    for (int i = 0; i < like.length; i++) {
      rows[i] = java.util.Arrays.copyOfRange(flat, at, at + like[i].length);
      at += like[i].length;
    }
    return rows;
  }

  /** Each element within {@code relative} of the expected one (relative to max(1, |e|)). */
  public static void assertClose(double[] expected, double[] actual, double relative,
      String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double tolerance = relative * Math.max(1.0, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
    }
  }

  public static void assertClose(double[][] expected, double[][] actual, double relative,
      String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], relative, what + "[" + i + "]");
    }
  }

  /** A deterministic pseudo-random matrix with entries in [lo, hi). */
  public static double[][] matrix(java.util.Random random, int rows, int columns, double lo,
      double hi) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = lo + (hi - lo) * random.nextDouble();
      }
    }
    return m;
  }
}
