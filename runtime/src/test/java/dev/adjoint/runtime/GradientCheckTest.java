package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

  /** f(x, y, z) = sin(x) * exp(y) + x * z^2, a function with a gradient known in closed form. */
  private static final ToDoubleFunction<double[]> F =
      v -> Math.sin(v[0]) * Math.exp(v[1]) + v[0] * v[2] * v[2];

  private static double[] gradF(double[] v) {
    double x = v[0];
    double y = v[1];
    double z = v[2];
    return new double[] {
      Math.cos(x) * Math.exp(y) + z * z, Math.sin(x) * Math.exp(y), 2 * x * z,
    };
  }

  private static double[] randomPoint(Random random) {
    return new double[] {
      4 * random.nextDouble() - 2, 2 * random.nextDouble() - 1, 4 * random.nextDouble() - 2
    };
  }

  @Test
  void finiteDifferencesAgreeWithClosedForm() {
    Random random = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      double[] x = randomPoint(random);
      assertArrayEquals(gradF(x), GradientCheck.finiteDifferences(F, x), 1e-7);
    }
  }

  @Test
  void finiteDifferencesAreExactForQuadraticsUpToRounding() {
    ToDoubleFunction<double[]> q = v -> 3 * v[0] * v[0] - 2 * v[0] * v[1] + v[1];
    double[] x = {0.75, -1.5};
    double[] exact = {6 * x[0] - 2 * x[1], -2 * x[0] + 1};
    assertArrayEquals(exact, GradientCheck.finiteDifferences(q, x), 1e-9);
  }

  @Test
  void stepScalesWithMagnitudeOfInput() {
    // With an absolute step of ~6e-6, f(x + h) - f(x - h) ~ 2.4e4 would be of the order of the
    // rounding of f(x) ~ 1e18 (one ulp is 128); the relative step keeps the estimate accurate.
    ToDoubleFunction<double[]> square = v -> v[0] * v[0];
    double[] x = {1e9};
    double[] estimate = GradientCheck.finiteDifferences(square, x);
    assertEquals(2e9, estimate[0], 2e9 * 1e-8);
    assertTrue(GradientCheck.maxRelativeError(square, x, new double[] {2e9}) < 1e-8);
  }

  @Test
  void explicitStepOverloadIsUsed() {
    // For f = x^3 the central difference has truncation error exactly h^2, so a coarse step shows.
    ToDoubleFunction<double[]> cube = v -> v[0] * v[0] * v[0];
    double[] x = {0.5};
    double[] coarse = GradientCheck.finiteDifferences(cube, x, 0.1);
    assertEquals(3 * 0.25 + 0.01, coarse[0], 1e-12);
  }

  @Test
  void inputIsNotModified() {
    double[] x = {0.3, -0.7, 1.1};
    double[] copy = x.clone();
    GradientCheck.finiteDifferences(F, x);
    GradientCheck.maxRelativeError(F, x, gradF(x));
    assertArrayEquals(copy, x, 0.0);
  }

  @Test
  void exactGradientGivesTinyError() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      double[] x = randomPoint(random);
      double error = GradientCheck.maxRelativeError(F, x, gradF(x));
      assertTrue(error < 1e-7, () -> "error " + error + " at trial");
    }
  }

  @Test
  void flippedSignGivesLargeError() {
    // d/dx of x^2 + y at x = 3 is 6; claiming -6 is off by 12 on a scale of 6, i.e. 2.
    ToDoubleFunction<double[]> g = v -> v[0] * v[0] + v[1];
    double[] x = {3.0, 0.5};
    double error = GradientCheck.maxRelativeError(g, x, new double[] {-6.0, 1.0});
    assertEquals(2.0, error, 1e-6);

    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      double[] p = randomPoint(random);
      double[] wrong = gradF(p);
      int i = trial % 3;
      if (Math.abs(wrong[i]) < 0.1) {
        continue; // flipping a near-zero component changes almost nothing
      }
      wrong[i] = -wrong[i];
      assertTrue(GradientCheck.maxRelativeError(F, p, wrong) > 0.19);
    }
  }

  @Test
  void missingTermGivesErrorNearOne() {
    // f = x * y + 10 x^2, so df/dx = y + 20 x; dropping the dominant 20 x term is caught.
    ToDoubleFunction<double[]> h = v -> v[0] * v[1] + 10 * v[0] * v[0];
    double[] x = {2.0, 0.5};
    double error = GradientCheck.maxRelativeError(h, x, new double[] {0.5, 2.0});
    assertEquals(40.0 / 40.5, error, 1e-6);
  }

  @Test
  void smallAbsoluteErrorsOnSmallComponentsAreMeasuredAbsolutely() {
    // Components below 1 are compared absolutely: 1e-3 off on a gradient of 1e-4 is 1e-3.
    ToDoubleFunction<double[]> tiny = v -> 1e-4 * v[0];
    double error = GradientCheck.maxRelativeError(tiny, new double[] {1.0}, new double[] {1.1e-3});
    assertEquals(1e-3, error, 1e-9);
  }

  @Test
  void mismatchedLengthsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheck.maxRelativeError(F, new double[] {1, 2, 3}, new double[] {1, 2}));
  }
}
