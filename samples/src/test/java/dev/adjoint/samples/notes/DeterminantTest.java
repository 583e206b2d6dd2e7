package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 12: {@code ∇ det X = det X · X⁻ᵀ}. */
class DeterminantTest {

  @Test
  void gradientIsDetTimesInverseTranspose() {
    Random random = new Random(1201);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(6);
      double[][] X = NoteMath.invertible(random, n);
      if (random.nextBoolean()) {
        X[0] = LinearAlgebra.scale(-1, X[0]); // a negative determinant too
      }
      var g = DeterminantAdjoint.determinant(X);
      close(LinearAlgebra.det(X), g.value(), "value");
      double[][] expected = Determinant.closedForm(X);
      // relative to the largest entry: det X · X⁻ᵀ is the cofactor matrix, of det's magnitude
      double scale = 1;
      for (double[] row : expected) {
        scale = Math.max(scale, NoteMath.maxAbs(row));
      }
      double[][] scaled = LinearAlgebra.scaleMatrix(1 / scale, expected);
      close(scaled, LinearAlgebra.scaleMatrix(1 / scale, g.dX()), "dX / scale, n = " + n);
    }
  }

  /** {@code det [[a, b], [c, d]] = ad − bc}: the gradient is the cofactor matrix. */
  @Test
  void twoByTwo() {
    double a = 2;
    double b = -1;
    double c = 0.5;
    double d = 3;
    var g = DeterminantAdjoint.determinant(new double[][] {{a, b}, {c, d}});
    close(a * d - b * c, g.value(), "value");
    close(new double[][] {{d, -c}, {-b, a}}, g.dX(), "dX");
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(1202);
    for (int trial = 0; trial < 3; trial++) {
      double[][] X = NoteMath.matrix(random, 4, 4);
      agreesWithFiniteDifferences(Determinant::determinant, X,
          DeterminantAdjoint.determinant(X).dX());
    }
  }
}
