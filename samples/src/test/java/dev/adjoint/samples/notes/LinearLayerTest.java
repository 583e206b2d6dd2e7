package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.close;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 5: {@code ∇ₓ ⟨y − Wx, y − Wx⟩ = 2Wᵀ(Wx − y)}, the notes' two ways. */
class LinearLayerTest {

  @Test
  void bothWaysGiveTheSameAnswer() {
    Random random = new Random(501);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(5);
      int m = 1 + random.nextInt(5);
      double[][] W = NoteMath.matrix(random, n, m);
      double[] x = NoteMath.vector(random, m);
      double[] y = NoteMath.vector(random, n);
      double[] expected = LinearLayer.closedForm(W, x, y);
      var composed = LinearLayerAdjoint.loss(W, x, y);
      var expanded = LinearLayerAdjoint.lossExpanded(W, x, y);
      close(composed.value(), expanded.value(), "value, both ways");
      close(expected, composed.dX(), "composed dX, trial " + trial);
      close(expected, expanded.dX(), "expanded dX, trial " + trial);
    }
  }

  @Test
  void pullbackSeedScalesTheGradient() {
    Random random = new Random(502);
    double[][] W = NoteMath.matrix(random, 3, 4);
    double[] x = NoteMath.vector(random, 4);
    double[] y = NoteMath.vector(random, 3);
    double[] expected = LinearLayer.closedForm(W, x, y);
    double[] xBar = new double[4];
    LinearLayerAdjoint.lossExpandedPullback(W, x, y, 0.25, xBar);
    for (int i = 0; i < 4; i++) {
      close(0.25 * expected[i], xBar[i], "xBar[" + i + "]");
    }
  }
}
