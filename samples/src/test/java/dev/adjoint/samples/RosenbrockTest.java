package dev.adjoint.samples;

import static dev.adjoint.samples.Check.agreesWithFiniteDifferences;
import static dev.adjoint.samples.Check.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class RosenbrockTest {

  private static final ToDoubleFunction<double[]> F = v -> Rosenbrock.rosenbrock(v[0], v[1]);

  private static double[] closedForm(double x, double y) {
    return new double[] {-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)};
  }

  @Test
  void valueAndGradientMatchClosedForm() {
    Random random = new Random(1);
    for (int trial = 0; trial < 50; trial++) {
      double x = 4 * random.nextDouble() - 2;
      double y = 4 * random.nextDouble() - 1;
      var g = RosenbrockAdjoint.rosenbrock(x, y);
      close(Rosenbrock.rosenbrock(x, y), g.value(), "value");
      close(closedForm(x, y)[0], g.dX(), "dX");
      close(closedForm(x, y)[1], g.dY(), "dY");
      close(closedForm(x, y), g.gradient(), "gradient()");
      agreesWithFiniteDifferences(F, new double[] {x, y}, g.gradient());
    }
  }

  @Test
  void knownPoints() {
    var atMinimum = RosenbrockAdjoint.rosenbrock(1, 1);
    // A delta of 0 accepts -0.0 as well as 0.0.
    assertEquals(0.0, atMinimum.value(), 0.0);
    assertEquals(0.0, atMinimum.dX(), 0.0);
    assertEquals(0.0, atMinimum.dY(), 0.0);

    // The usual starting point: f = 24.2, gradient (-215.6, -88).
    var start = RosenbrockAdjoint.rosenbrock(-1.2, 1);
    close(24.2, start.value(), "value");
    close(-215.6, start.dX(), "dX");
    close(-88.0, start.dY(), "dY");
  }

  @Test
  void gradientReturnsAFreshArray() {
    var g = RosenbrockAdjoint.rosenbrock(0.5, 0.5);
    double[] first = g.gradient();
    first[0] = 1e300;
    close(closedForm(0.5, 0.5), g.gradient(), "gradient() after modifying an earlier copy");
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    Random random = new Random(2);
    for (int trial = 0; trial < 20; trial++) {
      double x = 4 * random.nextDouble() - 2;
      double y = 4 * random.nextDouble() - 1;
      double seed = 4 * random.nextDouble() - 2;
      double[] grad = {10.0, -20.0};
      double value = RosenbrockAdjoint.rosenbrockPullback(x, y, seed, grad);
      double[] expected = closedForm(x, y);
      close(Rosenbrock.rosenbrock(x, y), value, "value");
      close(10.0 + seed * expected[0], grad[0], "grad[0]");
      close(-20.0 + seed * expected[1], grad[1], "grad[1]");
    }
  }

  @Test
  void gradientDescentApproachesTheMinimum() {
    double x = -1.2;
    double y = 1.0;
    double[] grad = new double[2];
    for (int i = 0; i < 20_000; i++) {
      grad[0] = 0;
      grad[1] = 0;
      RosenbrockAdjoint.rosenbrockPullback(x, y, 1.0, grad);
      x -= 1e-3 * grad[0];
      y -= 1e-3 * grad[1];
    }
    assertEquals(1.0, x, 1e-3);
    assertEquals(1.0, y, 1e-3);
  }
}
