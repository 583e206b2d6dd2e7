package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 10: the VJP of element-wise {@code exp} is {@code z̄ = ȳ ⊙ exp(z)}. */
class ElementwiseExpTest {

  /**
   * {@code f(z) = ⟨v, exp(z)⟩} with pullback seed {@code s}: the adjoint reaching {@code y =
   * exp(z)} is {@code ȳ = s·v}, and the pullback adds {@code ȳ ⊙ exp(z)} to a pre-filled {@code
   * z̄}.
   */
  @Test
  void pullbackIsTheVectorJacobianProduct() {
    Random random = new Random(1001);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(8);
      double[] z = NoteMath.vector(random, n);
      double[] v = NoteMath.vector(random, n);
      double seed = 4 * random.nextDouble() - 2;
      double[] yBar = LinearAlgebra.scale(seed, v);
      double[] vjp = ElementwiseExp.vectorJacobianProduct(yBar, z);
      double[] before = NoteMath.vector(random, n);
      double[] zBar = before.clone();
      double[] zBarLoop = before.clone();
      double value = ElementwiseExpAdjoint.weightedExpPullback(z, v, seed, zBar);
      double valueLoop = ElementwiseExpAdjoint.weightedExpAsSumPullback(z, v, seed, zBarLoop);
      close(ElementwiseExp.weightedExp(z, v), value, "value");
      close(value, valueLoop, "value of the loop");
      close(LinearAlgebra.add(before, vjp), zBar, "kernel z̄, trial " + trial);
      close(LinearAlgebra.add(before, vjp), zBarLoop, "loop z̄, trial " + trial);
    }
  }

  /** One-hot seeds through {@code v} read off the Jacobian's rows: {@code diag(exp(z))}. */
  @Test
  void oneHotSeedsRecoverTheDiagonalJacobian() {
    double[] z = {-1, 0, 0.5, 2};
    for (int i = 0; i < z.length; i++) {
      double[] e = new double[z.length];
      e[i] = 1;
      double[] row = new double[z.length];
      ElementwiseExpAdjoint.weightedExpPullback(z, e, 1.0, row);
      for (int j = 0; j < z.length; j++) {
        close(i == j ? Math.exp(z[i]) : 0, row[j], "J[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(1002);
    double[] z = NoteMath.vector(random, 6);
    double[] v = NoteMath.vector(random, 6);
    agreesWithFiniteDifferences(
        u -> ElementwiseExp.weightedExp(u, v), z, ElementwiseExpAdjoint.weightedExp(z, v).dZ());
  }
}
