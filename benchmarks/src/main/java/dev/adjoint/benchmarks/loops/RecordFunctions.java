package dev.adjoint.benchmarks.loops;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import dev.adjoint.runtime.LinearAlgebra;

/**
 * One MLP loss written twice: over a record of parameters, and over the same four arrays
 * passed one by one. Adjoint flattens a record parameter into its components, so the two
 * generated pullbacks should cost the same; {@link RecordMlpBenchmark} measures that.
 */
public final class RecordFunctions {

  private RecordFunctions() {}

  /** The parameters of a {@code d → h tanh → K} network. */
  public record Mlp(double[][] w1, double[] b1, double[][] w2, double[] b2) {}

  /** The mean softmax cross-entropy of the network {@code p} over the rows of {@code x}. */
  @Differentiable
  public static double mlpLoss(Mlp p, @NoDerivative double[][] x, int[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double[] h = LinearAlgebra.tanh(LinearAlgebra.add(LinearAlgebra.matVec(p.w1(), x[i]),
          p.b1()));
      double[] z = LinearAlgebra.add(LinearAlgebra.matVec(p.w2(), h), p.b2());
      loss += LinearAlgebra.logSumExp(z) - z[y[i]];
    }
    return loss / x.length;
  }

  /** {@link #mlpLoss} with the record's components as parameters. */
  @Differentiable
  public static double mlpLossFlat(double[][] w1, double[] b1, double[][] w2, double[] b2,
      @NoDerivative double[][] x, int[] y) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double[] h = LinearAlgebra.tanh(LinearAlgebra.add(LinearAlgebra.matVec(w1, x[i]), b1));
      double[] z = LinearAlgebra.add(LinearAlgebra.matVec(w2, h), b2);
      loss += LinearAlgebra.logSumExp(z) - z[y[i]];
    }
    return loss / x.length;
  }
}
