package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 4 of the notes ("Точное решение для линейной регрессии с MSE"): the gradient of the
 * squared error {@code (y − Xw)ᵀ(y − Xw)} is
 *
 * <pre>
 *   ∇_w ‖y − Xw‖² = −2Xᵀ(y − Xw) = 2Xᵀ(Xw − y),
 * </pre>
 *
 * <p>zero exactly where {@code XᵀX w = Xᵀy} (the normal equations; {@code XᵀX} is invertible when
 * {@code X} has full column rank, задача 2 of the same section).
 *
 * <p>Written with the kernels as the formula reads: the residual {@code r = y − Xw}, then {@code
 * rᵀr}. The check solves the normal equations with {@link LinearAlgebra#solve} and evaluates the
 * generated gradient there too.
 */
public final class LinearRegression {

  private LinearRegression() {}

  /** {@code (y − Xw)ᵀ(y − Xw)}. */
  @Differentiable(wrt = "w")
  public static double squaredError(double[][] X, double[] y, double[] w) {
    double[] r = LinearAlgebra.sub(y, LinearAlgebra.matVec(X, w));
    return LinearAlgebra.dot(r, r);
  }

  /** The notes' answer, {@code 2Xᵀ(Xw − y)}. */
  public static double[] closedForm(double[][] X, double[] y, double[] w) {
    double[] residual = LinearAlgebra.sub(LinearAlgebra.matVec(X, w), y);
    return LinearAlgebra.scale(2, LinearAlgebra.vecMat(residual, X));
  }

  /** The solution of the normal equations {@code XᵀX w = Xᵀy}. */
  public static double[] normalEquations(double[][] X, double[] y) {
    return LinearAlgebra.solve(NoteMath.gram(X, 0), LinearAlgebra.vecMat(y, X));
  }

  /** The generated gradient against the closed form, and its size at the least-squares fit. */
  public static String run() {
    Random random = new Random(4);
    int m = 20;
    int n = 4;
    double[][] X = NoteMath.matrix(random, m, n);
    double[] y = NoteMath.vector(random, m);
    double[] w = NoteMath.vector(random, n);
    double[] generated = LinearRegressionAdjoint.squaredError(X, y, w).dW();
    double error = NoteMath.maxAbsDiff(generated, closedForm(X, y, w));
    double[] best = normalEquations(X, y);
    double atBest = NoteMath.maxAbs(LinearRegressionAdjoint.squaredError(X, y, best).dW());
    return NoteMath.report("4.", "grad_w ||y - Xw||^2 = 2X^T(Xw - y)", "X " + m + "x" + n,
        error, NoteMath.format("max |gradient| at X^T X w = X^T y: %.1e", atBest));
  }
}
