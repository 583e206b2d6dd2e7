package dev.adjoint.benchmarks.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.benchmarks.kernels.KernelData;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordMlpBenchmark} compares two pullbacks of one function: they must agree (into
 * storage that already holds something, with a non-unit seed), and agree with finite
 * differences, so the comparison is of equals.
 */
class RecordMlpTest {

  @Test
  void recordAndFlatPullbacksAgree() {
    Random random = new Random(2);
    RecordFunctions.Mlp p = new RecordFunctions.Mlp(KernelData.matrix(4, 3, 0.5, random),
        KernelData.vector(4, 0.5, random), KernelData.matrix(2, 4, 0.5, random),
        KernelData.vector(2, 0.5, random));
    double[][] x = KernelData.matrix(5, 3, 1.0, random);
    int[] y = {0, 1, 1, 0, 1};
    RecordFunctions_MlpBar pBar = RecordFunctions_MlpBar.zerosLike(p);
    pBar.b2[1] = 0.25;
    double[][] w1Bar = new double[4][3];
    double[] b1Bar = new double[4];
    double[][] w2Bar = new double[2][4];
    double[] b2Bar = {0, 0.25};
    double value = RecordFunctionsAdjoint.mlpLossPullback(p, x, y, 1.5, pBar);
    double flat = RecordFunctionsAdjoint.mlpLossFlatPullback(p.w1(), p.b1(), p.w2(), p.b2(), x,
        y, 1.5, w1Bar, b1Bar, w2Bar, b2Bar);
    assertEquals(RecordFunctions.mlpLoss(p, x, y), value, 1e-12);
    assertEquals(value, flat, 1e-12);
    for (int i = 0; i < 4; i++) {
      assertEquals(b1Bar[i], pBar.b1[i], 1e-12);
      for (int j = 0; j < 3; j++) {
        assertEquals(w1Bar[i][j], pBar.w1[i][j], 1e-12);
      }
    }
    for (int k = 0; k < 2; k++) {
      assertEquals(b2Bar[k], pBar.b2[k], 1e-12);
      for (int i = 0; i < 4; i++) {
        assertEquals(w2Bar[k][i], pBar.w2[k][i], 1e-12);
      }
    }
    // Finite differences on W1, the component deepest in the chain.
    double h = 1e-6;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        double keep = p.w1()[i][j];
        p.w1()[i][j] = keep + h;
        double up = RecordFunctions.mlpLoss(p, x, y);
        p.w1()[i][j] = keep - h;
        double down = RecordFunctions.mlpLoss(p, x, y);
        p.w1()[i][j] = keep;
        double expected = 1.5 * (up - down) / (2 * h);
        assertTrue(Math.abs(expected - pBar.w1[i][j]) < 1e-7,
            "W1[" + i + "][" + j + "]: " + expected + " vs " + pBar.w1[i][j]);
      }
    }
  }
}
