package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code @DerivativeOf} sample: a custom pullback for {@link Logistic#sigmoid}. */
class CrossEntropyTest {

  @Test
  void gradientThroughTheCustomPullback() {
    Random random = new Random(1501);
    for (int trial = 0; trial < 30; trial++) {
      int n = 1 + random.nextInt(6);
      double[] w = NoteMath.vector(random, n);
      double b = 2 * random.nextDouble() - 1;
      double[] x = NoteMath.vector(random, n);
      double t = random.nextDouble();
      var g = CrossEntropyAdjoint.crossEntropy(w, b, x, t);
      double[] expected = CrossEntropy.closedForm(w, b, x, t);
      close(CrossEntropy.crossEntropy(w, b, x, t), g.value(), "value");
      for (int i = 0; i < n; i++) {
        close(expected[i], g.dW()[i], "dW[" + i + "], trial " + trial);
      }
      close(expected[n], g.dB(), "dB, trial " + trial);
    }
  }

  /** The pullback itself is {@code σ̄ σ(1 − σ)}, and {@link Logistic#sigmoid} is σ for any sign. */
  @Test
  void theCustomPullbackIsTheSigmoidDerivative() {
    for (double z : new double[] {-30, -2, -0.1, 0, 0.1, 2, 30}) {
      double s = Logistic.sigmoid(z);
      close(1 / (1 + Math.exp(-z)), s, "σ(" + z + ")");
      close(1.5 * SigmoidAdjoint.sigma(z).dX(), Logistic.sigmoidPullback(z, s, 1.5), "σ̄σ'");
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(1502);
    double[] w = NoteMath.vector(random, 4);
    double[] x = NoteMath.vector(random, 4);
    double[] wb = {w[0], w[1], w[2], w[3], 0.3};
    var g = CrossEntropyAdjoint.crossEntropy(w, 0.3, x, 0.8);
    double[] gradient = {g.dW()[0], g.dW()[1], g.dW()[2], g.dW()[3], g.dB()};
    agreesWithFiniteDifferences(
        v -> CrossEntropy.crossEntropy(new double[] {v[0], v[1], v[2], v[3]}, v[4], x, 0.8), wb,
        gradient);
  }
}
