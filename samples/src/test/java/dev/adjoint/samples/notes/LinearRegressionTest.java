package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 4: {@code ∇_w ‖y − Xw‖² = 2Xᵀ(Xw − y)}, zero at the normal equations' solution. */
class LinearRegressionTest {

  @Test
  void gradientIsTwoXTransposedResidual() {
    Random random = new Random(401);
    for (int trial = 0; trial < 20; trial++) {
      int m = 1 + random.nextInt(25);
      int n = 1 + random.nextInt(6);
      double[][] X = NoteMath.matrix(random, m, n);
      double[] y = NoteMath.vector(random, m);
      double[] w = NoteMath.vector(random, n);
      var g = LinearRegressionAdjoint.squaredError(X, y, w);
      double[] r = LinearAlgebra.sub(y, LinearAlgebra.matVec(X, w));
      close(LinearAlgebra.dot(r, r), g.value(), "value");
      close(LinearRegression.closedForm(X, y, w), g.dW(), "dW " + m + "x" + n);
    }
  }

  @Test
  void zeroAtTheNormalEquationsSolution() {
    Random random = new Random(402);
    for (int trial = 0; trial < 10; trial++) {
      int n = 1 + random.nextInt(5);
      int m = n + 3 + random.nextInt(20); // full column rank with probability 1
      double[][] X = NoteMath.matrix(random, m, n);
      double[] y = NoteMath.vector(random, m);
      double[] best = LinearRegression.normalEquations(X, y);
      double[] g = LinearRegressionAdjoint.squaredError(X, y, best).dW();
      // the scale of the terms that cancel: 2 Xᵀy
      double[] twoXty = LinearAlgebra.scale(2, LinearAlgebra.vecMat(y, X));
      double scale = Math.max(1, NoteMath.maxAbs(twoXty));
      assertTrue(NoteMath.maxAbs(g) < 1e-10 * scale, () -> "gradient at w* " + NoteMath.maxAbs(g));
      // and anywhere else it is not zero: the loss grows in every direction from w*
      double[] other = best.clone();
      other[0] += 0.1;
      assertTrue(LinearRegression.squaredError(X, y, other)
          > LinearRegression.squaredError(X, y, best));
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(403);
    double[][] X = NoteMath.matrix(random, 12, 4);
    double[] y = NoteMath.vector(random, 12);
    double[] w = NoteMath.vector(random, 4);
    agreesWithFiniteDifferences(
        v -> LinearRegression.squaredError(X, y, v), w,
        LinearRegressionAdjoint.squaredError(X, y, w).dW());
  }
}
