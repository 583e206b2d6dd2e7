package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 9: L2-regularized least squares, gradient zero at {@code (XᵀX + λI)w = Xᵀy}. */
class RidgeRegressionTest {

  @Test
  void gradientMatchesClosedForm() {
    Random random = new Random(901);
    for (int trial = 0; trial < 20; trial++) {
      int m = 1 + random.nextInt(20);
      int n = 1 + random.nextInt(6);
      double lambda = 2 * random.nextDouble();
      double[][] X = NoteMath.matrix(random, m, n);
      double[] y = NoteMath.vector(random, m);
      double[] w = NoteMath.vector(random, n);
      close(RidgeRegression.closedForm(X, y, w, lambda),
          RidgeRegressionAdjoint.loss(X, y, w, lambda).dW(), "dW, trial " + trial);
    }
  }

  @Test
  void zeroAtTheRegularizedSolutionEvenForRankDeficientX() {
    Random random = new Random(902);
    for (int trial = 0; trial < 10; trial++) {
      int n = 2 + random.nextInt(4);
      int m = 1 + random.nextInt(12);
      double lambda = 0.05 + random.nextDouble();
      double[][] X = RidgeRegression.rankDeficient(random, m, n);
      double[] y = NoteMath.vector(random, m);
      double[] best = RidgeRegression.regularizedNormalEquations(X, y, lambda);
      double[] g = RidgeRegressionAdjoint.loss(X, y, best, lambda).dW();
      double scale = Math.max(1, NoteMath.maxAbs(LinearAlgebra.vecMat(y, X)));
      assertTrue(NoteMath.maxAbs(g) < 1e-10 * scale, () -> "gradient at w* " + NoteMath.maxAbs(g));
    }
  }

  /** The notes' remark: without λ, {@code XᵀX} of this X is singular. */
  @Test
  void withoutRegularizationTheNormalEquationsAreSingular() {
    double[][] X = {{1, 2, 1}, {3, -1, 3}, {0.5, 0.5, 0.5}, {-2, 1, -2}};
    double[] y = {1, 2, 3, 4};
    assertThrows(ArithmeticException.class,
        () -> RidgeRegression.regularizedNormalEquations(X, y, 0));
    double[] best = RidgeRegression.regularizedNormalEquations(X, y, 0.5);
    double[] g = RidgeRegressionAdjoint.loss(X, y, best, 0.5).dW();
    assertTrue(NoteMath.maxAbs(g) < 1e-12, () -> "gradient at w* " + NoteMath.maxAbs(g));
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(903);
    double[][] X = NoteMath.matrix(random, 8, 3);
    double[] y = NoteMath.vector(random, 8);
    double[] w = NoteMath.vector(random, 3);
    agreesWithFiniteDifferences(
        v -> RidgeRegression.loss(X, y, v, 0.7), w,
        RidgeRegressionAdjoint.loss(X, y, w, 0.7).dW());
  }
}
