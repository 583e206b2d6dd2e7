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
}
