package dev.adjoint.samples;

import static dev.adjoint.samples.Check.agreesWithFiniteDifferences;
import static dev.adjoint.samples.Check.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class PiecewiseTest {

  private static final ToDoubleFunction<double[]> F =
      v -> Piecewise.asymmetricHuber(v[0], v[1], v[2], v[3]);

  /** (dPrediction, dTarget, dDelta, dUnder), worked out per branch. */
  private static double[] closedForm(double prediction, double target, double delta, double under) {
    double r = prediction - target;
    if (r > delta) {
      return new double[] {delta, -delta, r - delta, 0};
    } else if (r < -delta) {
      return new double[] {
        -under * delta, under * delta, -under * (r + delta), -delta * (r + 0.5 * delta)
      };
    } else {
      double weight = r < 0 ? under : 1;
      return new double[] {weight * r, -weight * r, 0, r < 0 ? 0.5 * r * r : 0};
    }
  }

  @Test
  void valueAndGradientMatchClosedFormInEveryBranch() {
    Random random = new Random(5);
    boolean[] seen = new boolean[4]; // r > delta, r < -delta, 0 <= r <= delta, -delta <= r < 0
    for (int trial = 0; trial < 200; trial++) {
      double prediction = 8 * random.nextDouble() - 4;
      double target = 4 * random.nextDouble() - 2;
      double delta = 0.2 + 2 * random.nextDouble();
      double under = 0.5 + 4 * random.nextDouble();
      double r = prediction - target;
      double kink = Math.min(Math.abs(r), Math.min(Math.abs(r - delta), Math.abs(r + delta)));
      if (kink < 1e-3) {
        continue; // finite differences straddling a kink measure neither side
      }
      seen[r > delta ? 0 : r < -delta ? 1 : r >= 0 ? 2 : 3] = true;

      var g = PiecewiseAdjoint.asymmetricHuber(prediction, target, delta, under);
      double[] expected = closedForm(prediction, target, delta, under);
      close(Piecewise.asymmetricHuber(prediction, target, delta, under), g.value(), "value");
      close(expected[0], g.dPrediction(), "dPrediction");
      close(expected[1], g.dTarget(), "dTarget");
      close(expected[2], g.dDelta(), "dDelta");
      close(expected[3], g.dUnder(), "dUnder");
      close(expected, g.gradient(), "gradient()");
      agreesWithFiniteDifferences(F, new double[] {prediction, target, delta, under}, g.gradient());
    }
    for (boolean s : seen) {
      assertTrue(s, "every branch was exercised");
    }
  }

  @Test
  void piecesJoinSmoothlyInPrediction() {
    // Approaching r = delta from both sides, the prediction slope tends to delta on both.
    double delta = 1.5;
    var below = PiecewiseAdjoint.asymmetricHuber(delta - 1e-9, 0, delta, 3);
    var above = PiecewiseAdjoint.asymmetricHuber(delta + 1e-9, 0, delta, 3);
    assertEquals(delta, below.dPrediction(), 1e-8, "slope left of r = delta");
    assertEquals(delta, above.dPrediction(), 1e-8, "slope right of r = delta");
    // At r = -delta the under-forecast weight applies on both sides: slope -under * delta.
    var left = PiecewiseAdjoint.asymmetricHuber(-delta - 1e-9, 0, delta, 3);
    var right = PiecewiseAdjoint.asymmetricHuber(-delta + 1e-9, 0, delta, 3);
    assertEquals(-3 * delta, left.dPrediction(), 1e-8, "slope left of r = -delta");
    assertEquals(-3 * delta, right.dPrediction(), 1e-8, "slope right of r = -delta");
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    double[] grad = {1, 2, 3, 4};
    double value = PiecewiseAdjoint.asymmetricHuberPullback(0.5, 3.0, 1.0, 2.0, -0.5, grad);
    double[] expected = closedForm(0.5, 3.0, 1.0, 2.0);
    close(Piecewise.asymmetricHuber(0.5, 3.0, 1.0, 2.0), value, "value");
    for (int i = 0; i < 4; i++) {
      close(i + 1 - 0.5 * expected[i], grad[i], "grad[" + i + "]");
    }
  }
}
