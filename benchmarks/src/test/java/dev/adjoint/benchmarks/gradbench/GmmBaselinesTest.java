package dev.adjoint.benchmarks.gradbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.gradbench.gmm.Gmm;
import dev.adjoint.gradbench.gmm.GmmAdjoint;
import dev.adjoint.runtime.Stacks;
import org.junit.jupiter.api.Test;

/**
 * The gmm baselines compute what the generated gradient computes: the hand-written adjoint
 * and finmath-lib's, against the generated pullback and against central finite differences of
 * the primal (so a wrong generated gradient cannot pass by agreeing with a wrong baseline).
 */
class GmmBaselinesTest {

  private static double[] flat(double[] a, double[][]... ms) {
    int size = a.length;
    for (double[][] m : ms) {
      for (double[] row : m) {
        size += row.length;
      }
    }
    double[] out = new double[size];
    System.arraycopy(a, 0, out, 0, a.length);
    int at = a.length;
    for (double[][] m : ms) {
      for (double[] row : m) {
        System.arraycopy(row, 0, out, at, row.length);
        at += row.length;
      }
    }
    return out;
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])),
          "coordinate " + i);
    }
  }

  @Test
  void handWrittenFinmathAndGeneratedAgreeWithFiniteDifferences() {
    for (String dk : new String[] {"2x5", "4x3", "5x2"}) {
      GmmInput in = new GmmInput(13, Integer.parseInt(dk.split("x")[0]),
          Integer.parseInt(dk.split("x")[1]), 7);
      double[] a1 = in.alphaBar();
      double[][] m1 = in.muBar();
      double[][] q1 = in.qBar();
      double[][] l1 = in.lBar();
      double v1 = GmmAdjoint.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x,
          in.gamma, in.m, 1.0, a1, m1, q1, l1, new Stacks());
      double[] a2 = in.alphaBar();
      double[][] m2 = in.muBar();
      double[][] q2 = in.qBar();
      double[][] l2 = in.lBar();
      double v2 = GmmHandWritten.gradient(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m,
          a2, m2, q2, l2, GmmHandWritten.Scratch.of(in.alpha.length, in.x[0].length));
      double[] a3 = in.alphaBar();
      double[][] m3 = in.muBar();
      double[][] q3 = in.qBar();
      double[][] l3 = in.lBar();
      double v3 = GmmFinmath.gradient(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m, a3,
          m3, q3, l3);
      double primal = Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m);
      assertClose(new double[] {primal, primal, primal}, new double[] {v1, v2, v3}, 1e-12);
      double[] fd = finiteDifferences(in);
      double[] generated = flat(a1, m1, q1, l1);
      assertClose(fd, generated, 1e-6);
      assertClose(generated, flat(a2, m2, q2, l2), 1e-10);
      assertClose(generated, flat(a3, m3, q3, l3), 1e-10);
    }
  }

  private static double[] finiteDifferences(GmmInput in) {
    double[] out = new double[flat(in.alpha, in.mu, in.q, in.l).length];
    int at = 0;
    for (double[][] p : new double[][][] {{in.alpha}, in.mu, in.q, in.l}) {
      for (double[] row : p) {
        for (int j = 0; j < row.length; j++) {
          double saved = row[j];
          double h = 1e-5 * Math.max(1, Math.abs(saved));
          row[j] = saved + h;
          double up = Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m);
          row[j] = saved - h;
          double down =
              Gmm.objective(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m);
          row[j] = saved;
          out[at++] = (up - down) / (2 * h);
        }
      }
    }
    return out;
  }
}
