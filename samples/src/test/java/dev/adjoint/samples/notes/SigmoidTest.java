package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 7: {@code σ'(x) = σ(x)(1 − σ(x))}. */
class SigmoidTest {

  @Test
  void derivativeIsSigmaTimesOneMinusSigma() {
    Random random = new Random(701);
    for (int trial = 0; trial < 50; trial++) {
      double x = 16 * random.nextDouble() - 8;
      var g = SigmoidAdjoint.sigma(x);
      double s = 1 / (1 + Math.exp(-x));
      close(s, g.value(), "σ(" + x + ")");
      close(s * (1 - s), g.dX(), "σ'(" + x + ")");
      // the notes' intermediate form e⁻ˣ / (1 + e⁻ˣ)²
      close(Math.exp(-x) / ((1 + Math.exp(-x)) * (1 + Math.exp(-x))), g.dX(), "e^-x/(1+e^-x)^2");
    }
  }

  @Test
  void knownValues() {
    close(0.25, SigmoidAdjoint.sigma(0).dX(), "σ'(0) = 1/4");
    close(0.5, SigmoidAdjoint.sigma(0).value(), "σ(0) = 1/2");
  }

  @Test
  void elementWiseKernel() {
    Random random = new Random(702);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(8);
      double[] z = NoteMath.vector(random, n);
      for (int i = 0; i < n; i++) {
        z[i] *= 6;
      }
      double[] v = NoteMath.vector(random, n);
      close(Sigmoid.closedForm(z, v), SigmoidAdjoint.weightedSigmoid(z, v).dZ(), "dZ");
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(703);
    double[] z = NoteMath.vector(random, 5);
    double[] v = NoteMath.vector(random, 5);
    agreesWithFiniteDifferences(
        u -> Sigmoid.weightedSigmoid(u, v), z, SigmoidAdjoint.weightedSigmoid(z, v).dZ());
    for (double x : new double[] {-3, -0.5, 0.7, 4}) {
      agreesWithFiniteDifferences(
          u -> Sigmoid.sigma(u[0]), new double[] {x}, SigmoidAdjoint.sigma(x).gradient());
    }
  }
}
