package dev.adjoint.samples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** Assertions of the notes' tests: closed forms to rounding, finite differences to 1e-6. */
final class NotesAssert {

  /** Relative tolerance against a closed form: {@code |got − want| ≤ 1e-10 · max(1, |want|)}. */
  static final double CLOSED_FORM = 1e-10;

  /** {@link GradientCheck#maxRelativeError} bound; a wrong sign or a missing term gives ~1. */
  static final double FINITE_DIFFERENCES = 1e-6;

  private NotesAssert() {}

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, CLOSED_FORM * Math.max(1, Math.abs(expected)), what);
  }

  static void close(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      close(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  static void close(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      close(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  static void agreesWithFiniteDifferences(
      ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
    double error = GradientCheck.maxRelativeError(f, x, gradient);
    assertTrue(
        error < FINITE_DIFFERENCES,
        () -> "max relative error " + error + " vs finite differences at " + Arrays.toString(x));
  }

  /** The same for a function of a matrix, every entry perturbed. */
  static void agreesWithFiniteDifferences(
      ToDoubleFunction<double[][]> f, double[][] X, double[][] gradient) {
    int cols = X.length == 0 ? 0 : X[0].length;
    agreesWithFiniteDifferences(
        v -> f.applyAsDouble(unflatten(v, X.length, cols)), flatten(X), flatten(gradient));
  }

  static double[] flatten(double[][] m) {
    int cols = m.length == 0 ? 0 : m[0].length;
    double[] out = new double[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * cols, cols);
    }
    return out;
  }

  static double[][] unflatten(double[] v, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * cols, m[i], 0, cols);
    }
    return m;
  }

  static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
