package dev.adjoint.runtime;

/**
 * Small array operations that generated pullbacks call on adjoint arrays. A method that writes
 * into an array parameter sets aside what the caller's adjoint array holds ({@link #moveInto}),
 * works in the zeroed array, and adds it back ({@link #addInto}), so the caller's adjoint
 * accumulates as for any other parameter.
 */
public final class Adjoints {
  private Adjoints() {}

  /** {@code into[i] += from[i]} for every {@code i}. */
  public static void addInto(double[] into, double[] from) {
    if (into.length != from.length) {
      throw new IllegalArgumentException("adjoint of length " + into.length + " for an array of"
          + " length " + from.length);
    }
    for (int i = 0; i < from.length; i++) {
      into[i] += from[i];
    }
  }

  /** {@code into[i][j] += from[i][j]}, row by row. */
  public static void addInto(double[][] into, double[][] from) {
    if (into.length != from.length) {
      throw new IllegalArgumentException("adjoint with " + into.length + " rows for a matrix"
          + " with " + from.length);
    }
    for (int i = 0; i < from.length; i++) {
      addInto(into[i], from[i]);
    }
  }

  /** {@code into[i] = from[i]; from[i] = 0} for every {@code i}. */
  public static void moveInto(double[] into, double[] from) {
    if (into.length != from.length) {
      throw new IllegalArgumentException("adjoint of length " + from.length + " for an array of"
          + " length " + into.length);
    }
    for (int i = 0; i < from.length; i++) {
      into[i] = from[i];
      from[i] = 0;
    }
  }

  /** {@code into[i][j] = from[i][j]; from[i][j] = 0}, row by row. */
  public static void moveInto(double[][] into, double[][] from) {
    if (into.length != from.length) {
      throw new IllegalArgumentException("adjoint with " + from.length + " rows for a matrix"
          + " with " + into.length);
    }
    for (int i = 0; i < from.length; i++) {
      moveInto(into[i], from[i]);
    }
  }

  /**
   * A zero adjoint for an array of length {@code n}: {@code previous} cleared when it has that
   * length, else a new array. A loop that creates an array per iteration gets one adjoint per
   * iteration in its backward sweep; each is consumed before the next, so one can serve all.
   */
  public static double[] zeroed(double[] previous, int n) {
    if (previous == null || previous.length != n) {
      return new double[n];
    }
    java.util.Arrays.fill(previous, 0.0);
    return previous;
  }

  /** Zeros of {@code row}'s length, or null for a row not assigned yet. */
  public static double[] zerosLike(double[] row) {
    return row == null ? null : new double[row.length];
  }

  /**
   * Zeros of {@code m}'s shape, row by row, a row not assigned yet ({@code new double[n][]})
   * staying null: the adjoint of a matrix whose rows are assigned whole.
   */
  public static double[][] zerosLike(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = zerosLike(m[i]);
    }
    return out;
  }

  /**
   * A copy of {@code a}'s values: what a caller gives a callee's reverse half when it writes
   * the array between the call and that half, which reads the values again.
   */
  public static double[] snapshot(double[] a) {
    return a.clone();
  }

  /** A copy of {@code m}'s values, row by row (a row not assigned yet stays null). */
  public static double[][] snapshot(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i] == null ? null : m[i].clone();
    }
    return out;
  }
}
