package dev.adjoint.samples.notes;

import static dev.adjoint.samples.notes.NotesAssert.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Derivation 14: {@code ∇ tr X = I}. */
class TraceTest {

  @Test
  void gradientIsTheIdentity() {
    Random random = new Random(1401);
    for (int n = 1; n <= 7; n++) {
      double[][] X = NoteMath.matrix(random, n, n);
      var kernel = TraceAdjoint.trace(X);
      var sum = TraceAdjoint.traceAsSum(X);
      close(Trace.trace(X), kernel.value(), "value");
      close(kernel.value(), sum.value(), "value as a sum");
      // exactly I: no rounding is involved
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(i == j ? 1.0 : 0.0, kernel.dX()[i][j], "kernel dX[" + i + "][" + j + "]");
          assertEquals(i == j ? 1.0 : 0.0, sum.dX()[i][j], "sum dX[" + i + "][" + j + "]");
        }
      }
    }
  }

  @Test
  void pullbackAddsSeedOnTheDiagonal() {
    double[][] X = {{1, 2}, {3, 4}};
    double[][] XBar = {{1, 1}, {1, 1}};
    TraceAdjoint.tracePullback(X, -2, XBar);
    close(new double[][] {{-1, 1}, {1, -1}}, XBar, "XBar");
  }
}
