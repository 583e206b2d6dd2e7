package dev.adjoint.samples.notes;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import java.util.Random;

/**
 * Derivation 9 of the notes ("Пример: регуляризация l₂"): least squares with the penalty {@code
 * ½λ‖w‖²},
 *
 * <pre>
 *   ℒ(w) = ½‖Xw − y‖² + ½λ‖w‖²,   ∇_w ℒ = Xᵀ(Xw − y) + λw,
 * </pre>
 *
 * <p>zero where {@code (XᵀX + λI) w = Xᵀy}. The notes' point: {@code XᵀX} is singular when
 * {@code X} has dependent columns, but {@code M + λI} has full rank for {@code λ > 0}, so the
 * regularized problem has a unique solution. The check builds such an {@code X} (its last column
 * repeats its first), solves {@code (XᵀX + λI) w = Xᵀy} with {@link LinearAlgebra#solve}, and
 * evaluates the generated gradient there.
 */
public final class RidgeRegression {

  private RidgeRegression() {}

  /** {@code ½‖Xw − y‖² + ½λ‖w‖²}. */
  @Differentiable(wrt = "w")
  public static double loss(double[][] X, double[] y, double[] w, double lambda) {
    double[] r = LinearAlgebra.sub(LinearAlgebra.matVec(X, w), y);
    return 0.5 * LinearAlgebra.squaredNorm(r) + 0.5 * lambda * LinearAlgebra.squaredNorm(w);
  }

  /** {@code Xᵀ(Xw − y) + λw}. */
  public static double[] closedForm(double[][] X, double[] y, double[] w, double lambda) {
    double[] r = LinearAlgebra.sub(LinearAlgebra.matVec(X, w), y);
    return LinearAlgebra.add(LinearAlgebra.vecMat(r, X), LinearAlgebra.scale(lambda, w));
  }

  /** The solution of {@code (XᵀX + λI) w = Xᵀy}. */
  public static double[] regularizedNormalEquations(double[][] X, double[] y, double lambda) {
    return LinearAlgebra.solve(NoteMath.gram(X, lambda), LinearAlgebra.vecMat(y, X));
  }

  /** An {@code m × n} random matrix whose last column equals its first: rank {@code n − 1}. */
  static double[][] rankDeficient(Random random, int m, int n) {
    double[][] X = NoteMath.matrix(random, m, n);
    for (double[] row : X) {
      row[n - 1] = row[0];
    }
    return X;
  }

  /** The generated gradient against the closed form, and its size at the regularized solution. */
  public static String run() {
    Random random = new Random(9);
    int m = 15;
    int n = 4;
    double lambda = 0.3;
    double[][] X = rankDeficient(random, m, n);
    double[] y = NoteMath.vector(random, m);
    double[] w = NoteMath.vector(random, n);
    double error =
        NoteMath.maxAbsDiff(
            RidgeRegressionAdjoint.loss(X, y, w, lambda).dW(), closedForm(X, y, w, lambda));
    double[] best = regularizedNormalEquations(X, y, lambda);
    double atBest = NoteMath.maxAbs(RidgeRegressionAdjoint.loss(X, y, best, lambda).dW());
    return NoteMath.report("9.", "grad of 1/2||Xw - y||^2 + 1/2 lambda||w||^2",
        "X " + m + "x" + n + ", rank " + (n - 1), error,
        NoteMath.format("max |gradient| at (X^T X + %.1f I) w = X^T y: %.1e", lambda, atBest));
  }
}
