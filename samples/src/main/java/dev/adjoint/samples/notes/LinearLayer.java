package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 5 of the notes ("Backpropagation в общем случае", задача 1): one linear layer
 * {@code ŷ = Wx} without activation and the loss {@code L = ⟨y − ŷ, y − ŷ⟩}. The notes find
 * {@code ∇ₓ L} two ways and get the same answer:
 *
 * <pre>
 *   1. u = y − Wx, z = ⟨u, u⟩:   ∇ₓ z = J_x(u)ᵀ ∇_u z = −Wᵀ · 2u = 2Wᵀ(Wx − y)
 *   2. L = yᵀy − 2yᵀWx + xᵀWᵀWx: ∇ₓ L = −2Wᵀy + (WᵀW + (WᵀW)ᵀ) x = 2Wᵀ(Wx − y)
 * </pre>
 *
 * <p>Both are written here as the notes write them; the generated gradients of both must be
 * {@code 2Wᵀ(Wx − y)}. (In the notes {@code x} includes the bias neuron; it is just one more
 * coordinate of {@code x} here.)
 */
public final class LinearLayer {

  private LinearLayer() {}

  /** Way 1: the composition {@code z = g(u(x))}. */
  @Differentiable(wrt = "x")
  public static double loss(double[][] W, double[] x, double[] y) {
    double[] u = LinearAlgebra.sub(y, LinearAlgebra.matVec(W, x));
    return LinearAlgebra.dot(u, u);
  }

  /** Way 2: the brackets opened, {@code yᵀy − 2yᵀWx + xᵀ(WᵀW)x}. */
  @Differentiable(wrt = "x")
  public static double lossExpanded(double[][] W, double[] x, double[] y) {
    double[][] WtW = LinearAlgebra.matMul(LinearAlgebra.transpose(W), W);
    return LinearAlgebra.dot(y, y) - 2 * LinearAlgebra.bilinear(y, W, x)
        + LinearAlgebra.quadForm(x, WtW);
  }

  /** The notes' answer, {@code 2Wᵀ(Wx − y)}. */
  public static double[] closedForm(double[][] W, double[] x, double[] y) {
    double[] residual = LinearAlgebra.sub(LinearAlgebra.matVec(W, x), y);
    return LinearAlgebra.scale(2, LinearAlgebra.vecMat(residual, W));
  }

  /** Both generated gradients against {@code 2Wᵀ(Wx − y)} at a fixed random point. */
  public static String run() {
    Random random = new Random(5);
    int n = 3;
    int m = 4;
    double[][] W = NoteMath.matrix(random, n, m);
    double[] x = NoteMath.vector(random, m);
    x[0] = 1; // the bias neuron
    double[] y = NoteMath.vector(random, n);
    double[] expected = closedForm(W, x, y);
    double error =
        Math.max(
            NoteMath.maxAbsDiff(LinearLayerAdjoint.loss(W, x, y).dX(), expected),
            NoteMath.maxAbsDiff(LinearLayerAdjoint.lossExpanded(W, x, y).dX(), expected));
    return NoteMath.report("5.", "grad_x <y - Wx, y - Wx> = 2W^T(Wx - y)", "W " + n + "x" + m,
        error, "composed and expanded");
  }
}
