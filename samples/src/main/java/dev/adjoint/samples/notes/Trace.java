package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 14 of the notes (differential properties): {@code d(tr X) = ⟨I, dX⟩}, so
 *
 * <pre>
 *   ∇ tr X = I.
 * </pre>
 *
 * <p>With the {@link LinearAlgebra#trace} kernel, and as the definition {@code Σ_i x_ii}.
 */
public final class Trace {

  private Trace() {}

  /** {@code tr X} with the kernel. */
  @Differentiable
  public static double trace(double[][] X) {
    return LinearAlgebra.trace(X);
  }

  /** {@code Σ_i x_ii}. */
  @Differentiable
  public static double traceAsSum(double[][] X) {
    double s = 0;
    for (int i = 0; i < X.length; i++) {
      s += X[i][i];
    }
    return s;
  }

  /** The notes' answer, the identity. */
  public static double[][] closedForm(double[][] X) {
    return NoteMath.identity(X.length);
  }

  /** Both generated gradients against {@code I} at a fixed random point. */
  public static String run() {
    Random random = new Random(14);
    int n = 5;
    double[][] X = NoteMath.matrix(random, n, n);
    double error =
        Math.max(
            NoteMath.maxAbsDiff(TraceAdjoint.trace(X).dX(), closedForm(X)),
            NoteMath.maxAbsDiff(TraceAdjoint.traceAsSum(X).dX(), closedForm(X)));
    return NoteMath.report("14.", "grad tr X = I", "n = " + n, error, "kernel and sum");
  }
}
