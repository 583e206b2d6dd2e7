package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 13: {@code ∇_X tr(C X⁻¹) = −X⁻ᵀ Cᵀ X⁻ᵀ}, from {@code d(X⁻¹) = −X⁻¹ dX X⁻¹}. */
class TraceOfInverseTest {

  @Test
  void gradientMatchesClosedForm() {
    Random random = new Random(1301);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(6);
      double[][] C = NoteMath.matrix(random, n, n);
      double[][] X = NoteMath.invertible(random, n);
      var g = TraceOfInverseAdjoint.traceOfInverse(C, X);
      close(LinearAlgebra.trace(LinearAlgebra.matMul(C, LinearAlgebra.inverse(X))), g.value(),
          "value");
      close(TraceOfInverse.closedForm(C, X), g.dX(), "dX, n = " + n);
    }
  }

  /** {@code C = I}: {@code ∇ tr(X⁻¹) = −X⁻²ᵀ}. */
  @Test
  void identityWeight() {
    Random random = new Random(1302);
    double[][] X = NoteMath.invertible(random, 3);
    double[][] inv = LinearAlgebra.inverse(X);
    double[][] expected =
        LinearAlgebra.scaleMatrix(-1, LinearAlgebra.transpose(LinearAlgebra.matMul(inv, inv)));
    close(expected, TraceOfInverseAdjoint.traceOfInverse(NoteMath.identity(3), X).dX(), "dX");
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(1303);
    double[][] C = NoteMath.matrix(random, 4, 4);
    double[][] X = NoteMath.invertible(random, 4);
    agreesWithFiniteDifferences(M -> TraceOfInverse.traceOfInverse(C, M), X,
        TraceOfInverseAdjoint.traceOfInverse(C, X).dX());
  }
}
