package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 8: the notes' backward pass for logistic least squares with {@code ½λw²}. */
class LogisticLeastSquaresTest {

  @Test
  void generatedGradientIsTheNotesBackwardPass() {
    Random random = new Random(801);
    for (int trial = 0; trial < 50; trial++) {
      double w = 6 * random.nextDouble() - 3;
      double b = 4 * random.nextDouble() - 2;
      double x = 4 * random.nextDouble() - 2;
      double t = random.nextBoolean() ? 1 : 0;
      double lambda = random.nextDouble();
      var g = LogisticLeastSquaresAdjoint.loss(w, b, x, t, lambda);
      double[] notes = LogisticLeastSquares.backwardPass(w, b, x, t, lambda);
      close(LogisticLeastSquares.loss(w, b, x, t, lambda), g.value(), "value");
      close(notes[0], g.dW(), "w̄");
      close(notes[1], g.dB(), "b̄");
      close(notes[2], g.dX(), "x̄");
    }
  }

  /** {@code w = b = 0}: {@code y = ½}, {@code ȳ = ½ − t}, {@code z̄ = ȳ/4}. */
  @Test
  void knownPoint() {
    var g = LogisticLeastSquaresAdjoint.loss(0, 0, 2, 1, 0.5);
    close(0.125, g.value(), "½(½ − 1)²");
    close(-0.25, g.dW(), "z̄ x + λ·0");
    close(-0.125, g.dB(), "z̄");
    close(0, g.dX(), "z̄ w = 0");
  }

  @Test
  void pullbackStartsFromTheSeedInsteadOfOne() {
    double[] grad = {1, 2, 3};
    double value = LogisticLeastSquaresAdjoint.lossPullback(0.4, -0.3, 1.5, 1, 0.1, 3.0, grad);
    double[] notes = LogisticLeastSquares.backwardPass(0.4, -0.3, 1.5, 1, 0.1);
    close(LogisticLeastSquares.loss(0.4, -0.3, 1.5, 1, 0.1), value, "value");
    close(new double[] {1 + 3 * notes[0], 2 + 3 * notes[1], 3 + 3 * notes[2]}, grad, "grad");
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(802);
    for (int trial = 0; trial < 5; trial++) {
      double[] wbx = NoteMath.vector(random, 3);
      double t = trial % 2;
      double lambda = 0.3;
      agreesWithFiniteDifferences(
          v -> LogisticLeastSquares.loss(v[0], v[1], v[2], t, lambda), wbx,
          LogisticLeastSquaresAdjoint.loss(wbx[0], wbx[1], wbx[2], t, lambda).gradient());
    }
  }
}
