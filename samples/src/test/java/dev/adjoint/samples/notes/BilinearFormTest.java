package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 3: {@code ∇_A xᵀAy = x yᵀ}, directly and through {@code tr(A y xᵀ)}. */
class BilinearFormTest {

  @Test
  void bothFormsGiveOuterProduct() {
    Random random = new Random(301);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(6);
      int m = 1 + random.nextInt(6);
      double[] x = NoteMath.vector(random, n);
      double[][] A = NoteMath.matrix(random, n, m);
      double[] y = NoteMath.vector(random, m);
      double[][] expected = LinearAlgebra.outer(x, y);
      var kernel = BilinearFormAdjoint.bilinearForm(x, A, y);
      var trace = BilinearFormAdjoint.bilinearFormAsTrace(x, A, y);
      close(LinearAlgebra.dot(x, LinearAlgebra.matVec(A, y)), kernel.value(), "value");
      close(kernel.value(), trace.value(), "tr(A y xᵀ) = xᵀAy");
      close(expected, kernel.dA(), "kernel dA, trial " + trial);
      close(expected, trace.dA(), "trace dA, trial " + trial);
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(302);
    double[] x = NoteMath.vector(random, 3);
    double[][] A = NoteMath.matrix(random, 3, 5);
    double[] y = NoteMath.vector(random, 5);
    agreesWithFiniteDifferences(
        M -> BilinearForm.bilinearFormAsTrace(x, M, y), A,
        BilinearFormAdjoint.bilinearFormAsTrace(x, A, y).dA());
  }
}
