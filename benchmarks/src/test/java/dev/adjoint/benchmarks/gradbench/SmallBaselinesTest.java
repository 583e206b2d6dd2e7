package dev.adjoint.benchmarks.gradbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.gradbench.llsq.LlsqAdjoint;
import dev.adjoint.gradbench.lse.LseAdjoint;
import dev.adjoint.gradbench.lstm.Lstm;
import dev.adjoint.gradbench.lstm.LstmAdjoint;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lse, llsq and lstm baselines compute the generated gradients; the lstm one is also
 * checked against central differences of the primal.
 */
class SmallBaselinesTest {
  @Test
  void lseAndLlsq() {
    Random random = new Random(3);
    double[] x = new double[17];
    for (int i = 0; i < x.length; i++) {
      x[i] = 3 * random.nextGaussian();
    }
    double[] generated = new double[x.length];
    double[] hand = new double[x.length];
    assertEquals(LseAdjoint.logsumexpPullback(x, 1.0, generated),
        SmallEvalsHandWritten.lse(x, hand, new double[x.length]), 1e-12);
    assertArrayEquals(generated, hand, 1e-12);
    double[] c = {0.5, -1, 2, 0.25, -0.75};
    double[] g2 = new double[c.length];
    double[] h2 = new double[c.length];
    assertEquals(LlsqAdjoint.primalPullback(c, 101, 1.0, g2),
        SmallEvalsHandWritten.llsq(c, 101, h2), 1e-9);
    assertArrayEquals(g2, h2, 1e-9);
  }

  @Test
  void lstm() {
    Random r = new Random(4);
    int layers = 2;
    int b = 3;
    int c = 6;
    double[][] main = new double[2 * layers][4 * b];
    double[][] extra = new double[3][b];
    double[][] state = new double[2 * layers][b];
    double[][] seq = new double[c][b];
    for (double[][] m : new double[][][] {main, extra, state, seq}) {
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = 0.7 * r.nextGaussian();
        }
      }
    }
    double[][] mg = new double[2 * layers][4 * b];
    double[][] eg = new double[3][b];
    double[][] mh = new double[2 * layers][4 * b];
    double[][] eh = new double[3][b];
    double v1 = LstmAdjoint.objectivePullback(main, extra, state, seq, 1.0, mg, eg);
    double v2 = LstmHandWritten.gradient(main, extra, state, seq, mh, eh,
        LstmHandWritten.Scratch.of(layers, b, c));
    assertEquals(v1, v2, 1e-12);
    for (int i = 0; i < main.length; i++) {
      assertArrayEquals(mg[i], mh[i], 1e-12);
    }
    for (int i = 0; i < extra.length; i++) {
      assertArrayEquals(eg[i], eh[i], 1e-12);
    }
    double h = 1e-6;
    double saved = main[1][5];
    main[1][5] = saved + h;
    double up = Lstm.objective(main, extra, state, seq);
    main[1][5] = saved - h;
    double down = Lstm.objective(main, extra, state, seq);
    main[1][5] = saved;
    assertEquals((up - down) / (2 * h), mh[1][5], 1e-7);
  }
}
