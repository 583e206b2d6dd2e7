package dev.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** Assertions shared by the sample tests. */
final class Check {

  /** Relative tolerance against closed forms: only rounding differences are allowed. */
  static final double CLOSED_FORM = 1e-10;

  /** Tolerance against finite differences; a wrong sign or a missing term gives about 1. */
  static final double FINITE_DIFFERENCES = 1e-6;

  private Check() {}

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, CLOSED_FORM * Math.max(1, Math.abs(expected)), what);
  }

  static void close(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      close(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  static void agreesWithFiniteDifferences(
      ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
    double error = GradientCheck.maxRelativeError(f, x, gradient);
    assertTrue(
        error < FINITE_DIFFERENCES,
        () -> "max relative error " + error + " at " + Arrays.toString(x));
  }
}
