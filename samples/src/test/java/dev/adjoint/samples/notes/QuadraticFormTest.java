package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.agreesWithFiniteDifferences;
import static dev.adjoint.samples.notes.NotesAssert.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 1: {@code ∇ₓ xᵀAx = (A + Aᵀ)x}. */
class QuadraticFormTest {

  @Test
  void bothFormsGiveTheNotesGradient() {
    Random random = new Random(101);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(7);
      double[] x = NoteMath.vector(random, n);
      double[][] A = NoteMath.matrix(random, n, n);
      double[] expected = QuadraticForm.closedForm(x, A);
      var kernel = QuadraticFormAdjoint.quadraticForm(x, A);
      var sum = QuadraticFormAdjoint.quadraticFormAsSum(x, A);
      close(LinearAlgebra.dot(x, LinearAlgebra.matVec(A, x)), kernel.value(), "value");
      close(kernel.value(), sum.value(), "value as a sum");
      close(expected, kernel.dX(), "kernel dX, trial " + trial);
      close(expected, sum.dX(), "double sum dX, trial " + trial);
    }
  }

  @Test
  void symmetricAGivesTwoAx() {
    Random random = new Random(102);
    double[][] B = NoteMath.matrix(random, 4, 4);
    double[][] A = LinearAlgebra.addMatrices(B, LinearAlgebra.transpose(B));
    double[] x = NoteMath.vector(random, 4);
    close(LinearAlgebra.scale(2, LinearAlgebra.matVec(A, x)),
        QuadraticFormAdjoint.quadraticForm(x, A).dX(), "2Ax");
  }

  @Test
  void matchesFiniteDifferences() {
    Random random = new Random(103);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = NoteMath.vector(random, 5);
      double[][] A = NoteMath.matrix(random, 5, 5);
      agreesWithFiniteDifferences(
          v -> QuadraticForm.quadraticFormAsSum(v, A), x,
          QuadraticFormAdjoint.quadraticFormAsSum(x, A).dX());
      agreesWithFiniteDifferences(
          v -> QuadraticForm.quadraticForm(v, A), x, QuadraticFormAdjoint.quadraticForm(x, A).dX());
    }
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    Random random = new Random(104);
    double[] x = NoteMath.vector(random, 4);
    double[][] A = NoteMath.matrix(random, 4, 4);
    double[] expected = QuadraticForm.closedForm(x, A);
    double[] xBar = {1, -1, 0.5, 2};
    double[] before = xBar.clone();
    double[] xBarSum = before.clone();
    double value = QuadraticFormAdjoint.quadraticFormPullback(x, A, -1.5, xBar);
    QuadraticFormAdjoint.quadraticFormAsSumPullback(x, A, -1.5, xBarSum);
    close(QuadraticForm.quadraticForm(x, A), value, "value");
    for (int i = 0; i < 4; i++) {
      close(before[i] - 1.5 * expected[i], xBar[i], "kernel xBar[" + i + "]");
    }
    assertArrayEquals(xBar, xBarSum, 1e-12);
  }
}
