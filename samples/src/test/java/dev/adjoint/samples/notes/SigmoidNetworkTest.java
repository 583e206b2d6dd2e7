package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;
import static dev.adjoint.samples.notes.NotesAssert.copy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 6: the generated {@code ∂L/∂W⁽ᵏ⁾} are the notes' backpropagation formulas. */
class SigmoidNetworkTest {

  private record Net(double[] x, double[][] W1, double[][] W2, double[][] W3, double[] t) {}

  private static Net random(Random random) {
    int m = 1 + random.nextInt(4);
    int k = 1 + random.nextInt(4);
    int l = 1 + random.nextInt(4);
    int n = 1 + random.nextInt(3);
    return new Net(
        NoteMath.vector(random, m),
        NoteMath.matrix(random, m + 1, k),
        NoteMath.matrix(random, k + 1, l),
        NoteMath.matrix(random, l + 1, n),
        NoteMath.vector(random, n));
  }

  @Test
  void generatedGradientsAreTheNotesFormulas() {
    Random random = new Random(601);
    for (int trial = 0; trial < 25; trial++) {
      Net p = random(random);
      var g = SigmoidNetworkAdjoint.loss(p.x, p.W1, p.W2, p.W3, p.t);
      double[][][] notes = SigmoidNetwork.backprop(p.x, p.W1, p.W2, p.W3, p.t);
      close(SigmoidNetwork.loss(p.x, p.W1, p.W2, p.W3, p.t), g.value(), "value");
      close(notes[0], g.dW1(), "dL/dW(1), trial " + trial);
      close(notes[1], g.dW2(), "dL/dW(2), trial " + trial);
      close(notes[2], g.dW3(), "dL/dW(3), trial " + trial);
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(602);
    for (int trial = 0; trial < 3; trial++) {
      Net p = random(random);
      var g = SigmoidNetworkAdjoint.loss(p.x, p.W1, p.W2, p.W3, p.t);
      agreesWithFiniteDifferences(
          W -> SigmoidNetwork.loss(p.x, W, p.W2, p.W3, p.t), p.W1, g.dW1());
      agreesWithFiniteDifferences(
          W -> SigmoidNetwork.loss(p.x, p.W1, W, p.W3, p.t), p.W2, g.dW2());
      agreesWithFiniteDifferences(
          W -> SigmoidNetwork.loss(p.x, p.W1, p.W2, W, p.t), p.W3, g.dW3());
    }
  }

  @Test
  void pullbackAccumulatesIntoTheCallersArrays() {
    Random random = new Random(603);
    Net p = random(random);
    var g = SigmoidNetworkAdjoint.loss(p.x, p.W1, p.W2, p.W3, p.t);
    double[][] W1Bar = copy(p.W1); // pre-filled: the pullback must add, not overwrite
    double[][] W2Bar = copy(p.W2);
    double[][] W3Bar = copy(p.W3);
    SigmoidNetworkAdjoint.lossPullback(p.x, p.W1, p.W2, p.W3, p.t, 2.0, W1Bar, W2Bar, W3Bar);
    for (int i = 0; i < p.W1.length; i++) {
      for (int j = 0; j < p.W1[i].length; j++) {
        close(p.W1[i][j] + 2.0 * g.dW1()[i][j], W1Bar[i][j], "W1Bar");
      }
    }
    for (int i = 0; i < p.W3.length; i++) {
      for (int j = 0; j < p.W3[i].length; j++) {
        close(p.W3[i][j] + 2.0 * g.dW3()[i][j], W3Bar[i][j], "W3Bar");
      }
    }
  }
}
