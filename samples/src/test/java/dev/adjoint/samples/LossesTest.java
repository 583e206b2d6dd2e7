package dev.adjoint.samples;

import static dev.adjoint.samples.Check.agreesWithFiniteDifferences;
import static dev.adjoint.samples.Check.close;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {

  /** The backward pass from the Javadoc of {@link Losses#logisticLeastSquares}, by hand. */
  private static double[] closedForm(double w, double b, double x, double t, double lambda) {
    double s = 1 / (1 + Math.exp(-(w * x + b)));
    double zbar = (s - t) * s * (1 - s);
    return new double[] {zbar * x + lambda * w, zbar};
  }

  @Test
  void valueAndGradientMatchTheBackwardPass() {
    Random random = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      double w = 6 * random.nextDouble() - 3;
      double b = 4 * random.nextDouble() - 2;
      double x = 4 * random.nextDouble() - 2;
      double t = random.nextBoolean() ? 1.0 : 0.0;
      double lambda = random.nextDouble();
      var g = LossesAdjoint.logisticLeastSquares(w, b, x, t, lambda);
      double[] expected = closedForm(w, b, x, t, lambda);
      close(Losses.logisticLeastSquares(w, b, x, t, lambda), g.value(), "value");
      close(expected[0], g.dW(), "dW");
      close(expected[1], g.dB(), "dB");
      close(expected, g.gradient(), "gradient()");
      agreesWithFiniteDifferences(
          v -> Losses.logisticLeastSquares(v[0], v[1], x, t, lambda),
          new double[] {w, b},
          g.gradient());
    }
  }

  @Test
  void knownPoint() {
    // w = b = 0: z = 0, y = 1/2; with t = 1, ybar = -1/2, zbar = -1/8, so dW = -x/8 and dB = -1/8.
    var g = LossesAdjoint.logisticLeastSquares(0, 0, 2.0, 1.0, 0.5);
    close(0.125, g.value(), "value");
    close(-0.25, g.dW(), "dW");
    close(-0.125, g.dB(), "dB");
  }

  @Test
  void regularizationTermOnlyTouchesTheWeight() {
    double w = 0.7;
    double b = -0.2;
    var without = LossesAdjoint.logisticLeastSquares(w, b, 1.3, 0.0, 0.0);
    var with = LossesAdjoint.logisticLeastSquares(w, b, 1.3, 0.0, 2.0);
    close(without.dW() + 2.0 * w, with.dW(), "dW");
    close(without.dB(), with.dB(), "dB");
    close(without.value() + 2.0 * 0.5 * w * w, with.value(), "value");
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    Random random = new Random(4);
    for (int trial = 0; trial < 20; trial++) {
      double w = 6 * random.nextDouble() - 3;
      double b = 4 * random.nextDouble() - 2;
      double x = 4 * random.nextDouble() - 2;
      double seed = 4 * random.nextDouble() - 2;
      double[] grad = {1.5, -2.5};
      double value = LossesAdjoint.logisticLeastSquaresPullback(w, b, x, 1.0, 0.3, seed, grad);
      double[] expected = closedForm(w, b, x, 1.0, 0.3);
      close(Losses.logisticLeastSquares(w, b, x, 1.0, 0.3), value, "value");
      close(1.5 + seed * expected[0], grad[0], "grad[0]");
      close(-2.5 + seed * expected[1], grad[1], "grad[1]");
    }
  }
}
