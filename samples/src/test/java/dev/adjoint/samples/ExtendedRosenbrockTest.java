package dev.adjoint.samples;

import static dev.adjoint.samples.Check.agreesWithFiniteDifferences;
import static dev.adjoint.samples.Check.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtendedRosenbrockTest {

  private static final int[] SIZES = {2, 3, 4, 7, 10, 50, 200};

  /** The closed form from the Javadoc of {@link ExtendedRosenbrock}. */
  private static double[] closedForm(double[] x) {
    int n = x.length;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      if (i < n - 1) {
        g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
      }
      if (i > 0) {
        g[i] += 200 * (x[i] - x[i - 1] * x[i - 1]);
      }
    }
    return g;
  }

  private static double[] point(Random random, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4 * random.nextDouble() - 2;
    }
    return x;
  }

  @Test
  void valueAndGradientMatchClosedForm() {
    Random random = new Random(21);
    for (int n : SIZES) {
      for (int trial = 0; trial < 10; trial++) {
        double[] x = point(random, n);
        double[] copy = x.clone();
        var g = ExtendedRosenbrockAdjoint.rosenbrock(x);
        assertArrayEquals(copy, x, 0.0, "x is not modified");
        close(ExtendedRosenbrock.rosenbrock(x), g.value(), "value");
        close(closedForm(x), g.dX(), "dX (n = " + n + ")");
        agreesWithFiniteDifferences(ExtendedRosenbrock::rosenbrock, x, g.dX());
      }
    }
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    Random random = new Random(22);
    for (int n : SIZES) {
      double[] x = point(random, n);
      double seed = 4 * random.nextDouble() - 2;
      double[] before = point(random, n);
      double[] xBar = before.clone();
      double value = ExtendedRosenbrockAdjoint.rosenbrockPullback(x, seed, xBar);
      close(ExtendedRosenbrock.rosenbrock(x), value, "value");
      double[] expected = closedForm(x);
      for (int i = 0; i < n; i++) {
        close(before[i] + seed * expected[i], xBar[i], "xBar[" + i + "] (n = " + n + ")");
      }
    }
  }

  @Test
  void callerOwnedStacksGiveTheSameResultAndCanBeReused() {
    Random random = new Random(24);
    Stacks stacks = new Stacks(1);
    for (int n : new int[] {200, 3, 50, 0, 10}) { // grows, then shorter and longer calls
      double[] x = point(random, n);
      double[] fresh = new double[n];
      double[] reused = new double[n];
      double v1 = ExtendedRosenbrockAdjoint.rosenbrockPullback(x, 0.75, fresh);
      double v2 = ExtendedRosenbrockAdjoint.rosenbrockPullback(x, 0.75, reused, stacks);
      assertEquals(v1, v2, 0.0, "value (n = " + n + ")");
      assertArrayEquals(fresh, reused, 0.0, "xBar (n = " + n + ")");
      assertTrue(stacks.isEmpty(), "the backward sweep pops everything it pushed");
    }
  }

  @Test
  void twoDimensionsIsTheRosenbrockSample() {
    Random random = new Random(23);
    for (int trial = 0; trial < 20; trial++) {
      double[] x = point(random, 2);
      var nd = ExtendedRosenbrockAdjoint.rosenbrock(x);
      var twoD = RosenbrockAdjoint.rosenbrock(x[0], x[1]);
      close(twoD.value(), nd.value(), "value");
      close(twoD.gradient(), nd.dX(), "gradient");
    }
  }

  @Test
  void knownPoints() {
    double[] ones = new double[10];
    Arrays.fill(ones, 1.0);
    var atMinimum = ExtendedRosenbrockAdjoint.rosenbrock(ones);
    assertEquals(0.0, atMinimum.value(), 0.0);
    assertArrayEquals(new double[10], atMinimum.dX(), 0.0);

    // (-1.2, 1, -1.2, 1): two copies of the 2-D start (24.2 each, gradient (-215.6, -88)) and
    // the middle term 100 (x_2 - x_1²)² + (1 - x_1)² = 484, whose gradient in (x_1, x_2) is
    // (-400 x_1 (x_2 - x_1²) - 2 (1 - x_1), 200 (x_2 - x_1²)) = (880, -440).
    var start = ExtendedRosenbrockAdjoint.rosenbrock(new double[] {-1.2, 1, -1.2, 1});
    close(24.2 + 484 + 24.2, start.value(), "value");
    close(new double[] {-215.6, -88 + 880, -215.6 - 440, -88}, start.dX(), "dX");
  }

  @Test
  void fewerThanTwoCoordinatesGiveZero() {
    for (double[] x : new double[][] {{}, {3.0}}) {
      var g = ExtendedRosenbrockAdjoint.rosenbrock(x);
      assertEquals(0.0, g.value(), 0.0);
      assertArrayEquals(new double[x.length], g.dX(), 0.0);
    }
  }

  @Test
  void dXIsAFreshArray() {
    double[] x = {0.5, -0.5, 0.25};
    var g = ExtendedRosenbrockAdjoint.rosenbrock(x);
    assertNotSame(x, g.dX());
    g.dX()[0] = 1e300;
    close(closedForm(x), ExtendedRosenbrockAdjoint.rosenbrock(x).dX(), "a second call");
  }

  @Test
  void gradientDescentApproachesTheMinimum() {
    double[] x = {-1.2, 1, -1.2, 1, -1.2, 1};
    double[] xBar = new double[x.length];
    for (int step = 0; step < 20_000; step++) {
      Arrays.fill(xBar, 0.0);
      ExtendedRosenbrockAdjoint.rosenbrockPullback(x, 1.0, xBar);
      for (int i = 0; i < x.length; i++) {
        x[i] -= 1e-3 * xBar[i];
      }
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(1.0, x[i], 1e-3, "x[" + i + "]");
    }
  }
}
