package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 2: {@code ∇_A tr(AB) = Bᵀ}. */
class TraceOfProductTest {

  @Test
  void squareMatrices() {
    Random random = new Random(201);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(6);
      double[][] A = NoteMath.matrix(random, n, n);
      double[][] B = NoteMath.matrix(random, n, n);
      var kernel = TraceOfProductAdjoint.traceOfProduct(A, B);
      var sum = TraceOfProductAdjoint.traceOfProductAsSum(A, B);
      close(kernel.value(), sum.value(), "value");
      close(LinearAlgebra.transpose(B), kernel.dA(), "kernels dA, trial " + trial);
      close(LinearAlgebra.transpose(B), sum.dA(), "double sum dA, trial " + trial);
    }
  }

  /** The derivation holds for {@code A} m×p and {@code B} p×m as well: {@code AB} is square. */
  @Test
  void rectangularFactors() {
    Random random = new Random(202);
    for (int trial = 0; trial < 10; trial++) {
      int m = 1 + random.nextInt(5);
      int p = 1 + random.nextInt(5);
      double[][] A = NoteMath.matrix(random, m, p);
      double[][] B = NoteMath.matrix(random, p, m);
      close(TraceOfProduct.closedForm(A, B), TraceOfProductAdjoint.traceOfProduct(A, B).dA(),
          "kernels dA " + m + "x" + p);
      close(TraceOfProduct.closedForm(A, B), TraceOfProductAdjoint.traceOfProductAsSum(A, B).dA(),
          "double sum dA " + m + "x" + p);
    }
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(203);
    double[][] A = NoteMath.matrix(random, 3, 4);
    double[][] B = NoteMath.matrix(random, 4, 3);
    agreesWithFiniteDifferences(
        M -> TraceOfProduct.traceOfProduct(M, B), A,
        TraceOfProductAdjoint.traceOfProduct(A, B).dA());
  }
}
