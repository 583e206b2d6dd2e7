package dev.adjoint.benchmarks.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.benchmarks.kernels.KernelData;
import dev.adjoint.runtime.Stacks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written softmax-regression adjoint is only a fair baseline if it computes what the
 * generated one does: at the benchmarked sizes and small ones, with a non-unit seed into a
 * pre-filled {@code W̄}, both agree to rounding; and the generated gradient agrees with central
 * finite differences, so the two cannot agree on something wrong.
 */
class LoopHandWrittenTest {

  private static final int[] ROWS = {1000, 100, 3, 1};

  @Test
  void softmaxRegressionMatchesGenerated() {
    Random random = new Random(3);
    Stacks stacks = new Stacks();
    for (int m : ROWS) {
      double[][] W = KernelData.matrix(SoftmaxRegressionBenchmark.CLASSES,
          SoftmaxRegressionBenchmark.FEATURES, 0.3, random);
      double[][] x = KernelData.matrix(m, SoftmaxRegressionBenchmark.FEATURES, 1.0, random);
      int[] y = new int[m];
      for (int i = 0; i < m; i++) {
        y[i] = random.nextInt(SoftmaxRegressionBenchmark.CLASSES);
      }
      double seed = 0.5 + random.nextDouble();
      double[][] start = KernelData.matrix(W.length, W[0].length, 1.0, random);
      double[][] generated = copy(start);
      double[][] handWritten = copy(start);
      double[][] ownStacks = copy(start);
      double value = LoopFunctionsAdjoint.softmaxRegressionPullback(W, x, y, seed, generated);
      double reused = LoopFunctionsAdjoint.softmaxRegressionPullback(W, x, y, seed, ownStacks,
          stacks);
      double hand = LoopHandWritten.softmaxRegressionPullback(W, x, y, seed, handWritten,
          new double[W.length]);
      assertEquals(LoopFunctions.softmaxRegression(W, x, y), value, 1e-12);
      assertEquals(value, reused, 1e-12);
      assertEquals(value, hand, 1e-10);
      for (int c = 0; c < W.length; c++) {
        for (int j = 0; j < W[c].length; j++) {
          assertEquals(generated[c][j], handWritten[c][j], 1e-10, "W̄[" + c + "][" + j + "]");
          assertEquals(generated[c][j], ownStacks[c][j], 1e-12, "W̄[" + c + "][" + j + "]");
        }
      }
    }
  }

  @Test
  void generatedGradientMatchesFiniteDifferences() {
    Random random = new Random(5);
    double[][] W = KernelData.matrix(3, 4, 0.5, random);
    double[][] x = KernelData.matrix(6, 4, 1.0, random);
    int[] y = {0, 2, 1, 1, 0, 2};
    double[][] bar = new double[3][4];
    LoopFunctionsAdjoint.softmaxRegressionPullback(W, x, y, 1.0, bar);
    double h = 1e-6;
    double worst = 0;
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        double keep = W[c][j];
        W[c][j] = keep + h;
        double up = LoopFunctions.softmaxRegression(W, x, y);
        W[c][j] = keep - h;
        double down = LoopFunctions.softmaxRegression(W, x, y);
        W[c][j] = keep;
        worst = Math.max(worst, Math.abs((up - down) / (2 * h) - bar[c][j]));
      }
    }
    assertTrue(worst < 1e-7, "worst finite-difference error " + worst);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
