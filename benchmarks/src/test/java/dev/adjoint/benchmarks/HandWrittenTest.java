package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The baseline is only meaningful if it computes the same thing as the generated code. */
class HandWrittenTest {

  private static void assertClose(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-10 * Math.max(1, Math.abs(expected[i])));
    }
  }

  @Test
  void rosenbrockMatchesGenerated() {
    Random random = new Random(8);
    for (int trial = 0; trial < 20; trial++) {
      double x = 4 * random.nextDouble() - 2;
      double y = 4 * random.nextDouble() - 1;
      double seed = random.nextDouble();
      double[] generated = new double[2];
      double[] hand = new double[2];
      double v1 = FunctionsAdjoint.rosenbrockPullback(x, y, seed, generated);
      double v2 = HandWritten.rosenbrockPullback(x, y, seed, hand);
      assertClose(new double[] {v1}, new double[] {v2});
      assertClose(generated, hand);
    }
  }

  @Test
  void logisticMatchesGenerated() {
    Random random = new Random(9);
    for (int trial = 0; trial < 20; trial++) {
      double w = 4 * random.nextDouble() - 2;
      double b = 2 * random.nextDouble() - 1;
      double x = 4 * random.nextDouble() - 2;
      double t = random.nextBoolean() ? 1 : 0;
      double lambda = random.nextDouble();
      double seed = random.nextDouble();
      double[] generated = new double[2];
      double[] hand = new double[2];
      double v1 =
          FunctionsAdjoint.logisticLeastSquaresPullback(w, b, x, t, lambda, seed, generated);
      double v2 = HandWritten.logisticLeastSquaresPullback(w, b, x, t, lambda, seed, hand);
      assertClose(new double[] {v1}, new double[] {v2});
      assertClose(generated, hand);
    }
  }
}
