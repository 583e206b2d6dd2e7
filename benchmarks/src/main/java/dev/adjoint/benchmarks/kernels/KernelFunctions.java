package dev.adjoint.benchmarks.kernels;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

/**
 * The benchmarked functions written over {@link LinearAlgebra} kernels: Adjoint differentiates
 * each kernel call by calling the kernel's hand-written pullback ({@code quadFormPullback},
 * {@code matVecPullback}, …), never element by element. Compiled in this module so that Adjoint's
 * processor runs alongside JMH's; the generated code is {@code KernelFunctionsAdjoint}.
 */
public final class KernelFunctions {

  private KernelFunctions() {}

  /** The quadratic form {@code xᵀ A x}, differentiated with respect to {@code x} only. */
  @Differentiable(wrt = {"x"})
  public static double quadForm(double[] x, double[][] A) {
    return LinearAlgebra.quadForm(x, A);
  }

  /**
   * One sigmoid layer and a squared-norm loss, {@code ‖σ(W x + b)‖²}, differentiated with
   * respect to the weights {@code W} and the bias {@code b}, not the input {@code x}.
   */
  @Differentiable(wrt = {"W", "b"})
  public static double layerLoss(double[][] W, double[] b, double[] x) {
    double[] z = LinearAlgebra.add(LinearAlgebra.matVec(W, x), b);
    double[] h = LinearAlgebra.sigmoid(z);
    return LinearAlgebra.squaredNorm(h);
  }

  /** Least squares {@code ‖X w − y‖²}, differentiated with respect to {@code w} only. */
  @Differentiable(wrt = {"w"})
  public static double leastSquares(double[][] X, double[] w, double[] y) {
    double[] r = LinearAlgebra.sub(LinearAlgebra.matVec(X, w), y);
    return LinearAlgebra.squaredNorm(r);
  }
}
