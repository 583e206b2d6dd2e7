package dev.adjoint.runtime;

/**
 * The array operations of the adjoint storage Adjoint generates for a record ({@code MlpBar}
 * for {@code record Mlp(double[][] w1, double[] b1, double b2)}): allocation, zeroing, {@code
 * y += a·x}, and copies to and from one flat {@code double[]} for optimizers that work on a
 * vector.
 */
public final class RecordStorage {
  private RecordStorage() {}

  /** Zeros of the length of {@code a}. */
  public static double[] zerosLike(double[] a) {
    return new double[a.length];
  }

  /** Zeros of the shape of {@code a}, row by row (rows may differ in length). */
  public static double[][] zerosLike(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new double[a[i].length];
    }
    return out;
  }

  /** A copy of {@code a}. */
  public static double[] copyOf(double[] a) {
    return a.clone();
  }

  /** A copy of {@code a}, row by row. */
  public static double[][] copyOf(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  /** Sets every element of {@code a} to 0. */
  public static void zero(double[] a) {
    java.util.Arrays.fill(a, 0);
  }

  /** Sets every element of {@code a} to 0. */
  public static void zero(double[][] a) {
    for (double[] row : a) {
      java.util.Arrays.fill(row, 0);
    }
  }

  /** {@code y[i] += a * x[i]}. */
  public static void axpy(double a, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("lengths " + x.length + " and " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  /** {@code y[i][j] += a * x[i][j]}. */
  public static void axpy(double a, double[][] x, double[][] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("row counts " + x.length + " and " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      axpy(a, x[i], y[i]);
    }
  }

  /** The number of elements of {@code a}. */
  public static int size(double[][] a) {
    int n = 0;
    for (double[] row : a) {
      n += row.length;
    }
    return n;
  }

  /** Copies {@code a} into {@code flat} from {@code offset}; returns the offset after it. */
  public static int writeTo(double[] a, double[] flat, int offset) {
    System.arraycopy(a, 0, flat, offset, a.length);
    return offset + a.length;
  }

  /** Copies {@code a}, row by row, into {@code flat} from {@code offset}; returns the end. */
  public static int writeTo(double[][] a, double[] flat, int offset) {
    for (double[] row : a) {
      offset = writeTo(row, flat, offset);
    }
    return offset;
  }

  /** Fills {@code a} from {@code flat} at {@code offset}; returns the offset after it. */
  public static int readFrom(double[] a, double[] flat, int offset) {
    System.arraycopy(flat, offset, a, 0, a.length);
    return offset + a.length;
  }

  /** Fills {@code a}, row by row, from {@code flat} at {@code offset}; returns the end. */
  public static int readFrom(double[][] a, double[] flat, int offset) {
    for (double[] row : a) {
      offset = readFrom(row, flat, offset);
    }
    return offset;
  }
}
