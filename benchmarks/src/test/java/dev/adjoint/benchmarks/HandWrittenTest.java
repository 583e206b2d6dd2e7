package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
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

  @Test
  void extendedRosenbrockMatchesGenerated() {
    Random random = new Random(10);
    Stacks stacks = new Stacks(); // shared by every size, as in the benchmark, largest first
    for (int n : new int[] {1000, 100, 10, 3, 2, 1, 0}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 4 * random.nextDouble() - 2;
      }
      double seed = random.nextDouble();
      // Pre-filled buffers: both must add into them.
      double[] generated = new double[n];
      Arrays.fill(generated, 0.5);
      double[] hand = generated.clone();
      double v1 = FunctionsAdjoint.extendedRosenbrockPullback(x, seed, generated);
      double v2 = HandWritten.extendedRosenbrockPullback(x, seed, hand);
      assertClose(new double[] {Functions.extendedRosenbrock(x), v1}, new double[] {v2, v2});
      assertClose(generated, hand);
      assertClose(FunctionsAdjoint.extendedRosenbrock(x).dX(), unitSeed(hand, seed, 0.5));
      double[] own = new double[n];
      Arrays.fill(own, 0.5);
      double v3 = FunctionsAdjoint.extendedRosenbrockPullback(x, seed, own, stacks);
      assertClose(new double[] {v2}, new double[] {v3});
      assertClose(hand, own);
    }
  }

  @Test
  void leastSquaresMatchesGenerated() {
    Random random = new Random(11);
    Stacks stacks = new Stacks();
    for (int rows : new int[] {1000, 100, 10, 1, 0}) {
      int columns = 10;
      double[][] X = new double[rows][columns];
      double[] y = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < columns; j++) {
          X[i][j] = random.nextGaussian();
        }
        y[i] = random.nextGaussian();
      }
      double[] w = new double[columns];
      for (int j = 0; j < columns; j++) {
        w[j] = random.nextGaussian();
      }
      double seed = random.nextDouble();
      double[] generated = new double[columns];
      Arrays.fill(generated, 0.5);
      double[] hand = generated.clone();
      double v1 = FunctionsAdjoint.leastSquaresPullback(X, y, w, seed, generated);
      double v2 = HandWritten.leastSquaresPullback(X, y, w, seed, hand);
      assertClose(new double[] {Functions.leastSquares(X, y, w), v1}, new double[] {v2, v2});
      assertClose(generated, hand);
      assertClose(FunctionsAdjoint.leastSquares(X, y, w).dW(), unitSeed(hand, seed, 0.5));
      double[] own = new double[columns];
      Arrays.fill(own, 0.5);
      double v3 = FunctionsAdjoint.leastSquaresPullback(X, y, w, seed, own, stacks);
      assertClose(new double[] {v2}, new double[] {v3});
      assertClose(hand, own);
    }
  }

  /** The gradient from a buffer pre-filled with {@code fill} and pulled back with {@code seed}. */
  private static double[] unitSeed(double[] buffer, double seed, double fill) {
    double[] g = new double[buffer.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = (buffer[i] - fill) / seed;
    }
    return g;
  }
}
