package dev.adjoint.samples.notes;

import static dev.adjoint.Differentiable.Mode.HESSIAN;

import dev.adjoint.Differentiable;
import java.util.Random;

/**
 * Derivation 11 of the notes ("Hessian vector product"): for {@code f : ℝⁿ → ℝ},
 *
 * <pre>
 *   ∂²f(x) v = ∂[x ↦ ⟨∂f(x), v⟩],
 * </pre>
 *
 * so a Hessian–vector product is the derivative of the gradient along {@code v}, and the
 * Hessian is never formed. Adjoint generates {@code fHvp} by forward over reverse: the tangent
 * of the generated gradient along {@code v}, about the cost of a few gradients. Two functions
 * with closed forms: {@code xᵀAx}, whose {@code H v = (A + Aᵀ) v} for any square {@code A}, and
 * {@code Σ xᵢ⁵}, whose {@code H v = 20 x³ ⊙ v}.
 */
public final class HessianVectorProduct {

  private HessianVectorProduct() {}

  /** {@code xᵀAx} as the notes' double sum (HVPs are not generated through kernels yet). */
  @Differentiable(wrt = "x", modes = HESSIAN)
  public static double quadraticForm(double[] x, double[][] A) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      for (int m = 0; m < x.length; m++) {
        s += x[k] * A[k][m] * x[m];
      }
    }
    return s;
  }

  /** {@code Σ xᵢ⁵}. */
  @Differentiable(modes = HESSIAN)
  public static double sumOfFifthPowers(double[] x) {
    double s = 0;
    for (double xi : x) {
      s += xi * xi * xi * xi * xi;
    }
    return s;
  }

  /** {@code H v} of {@code xᵀAx}, generated. */
  public static double[] quadraticFormHvp(double[] x, double[][] A, double[] v) {
    double[] hv = new double[x.length];
    HessianVectorProductAdjoint.quadraticFormHvp(x, A, v, hv);
    return hv;
  }

  /** {@code H v} of {@code Σ xᵢ⁵}, generated. */
  public static double[] sumOfFifthPowersHvp(double[] x, double[] v) {
    double[] hv = new double[x.length];
    HessianVectorProductAdjoint.sumOfFifthPowersHvp(x, v, hv);
    return hv;
  }

  /** The notes' answer for {@code xᵀAx}: {@code (A + Aᵀ) v}. */
  public static double[] quadraticFormClosedForm(double[][] A, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += (A[i][j] + A[j][i]) * v[j];
      }
    }
    return out;
  }

  /** The answer for {@code Σ xᵢ⁵}: {@code 20 x³ ⊙ v}. */
  public static double[] sumOfFifthPowersClosedForm(double[] x, double[] v) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = 20 * x[i] * x[i] * x[i] * v[i];
    }
    return out;
  }

  /** Both generated HVPs against their closed forms at a fixed random point. */
  public static String run() {
    Random random = new Random(11);
    int n = 6;
    double[] x = NoteMath.vector(random, n);
    double[] v = NoteMath.vector(random, n);
    double[][] A = NoteMath.matrix(random, n, n);
    double error = Math.max(
        NoteMath.maxAbsDiff(quadraticFormHvp(x, A, v), quadraticFormClosedForm(A, v)),
        NoteMath.maxAbsDiff(sumOfFifthPowersHvp(x, v), sumOfFifthPowersClosedForm(x, v)));
    return NoteMath.report("11.", "H v = d/dx <grad f(x), v>, never forming H", "n = " + n,
        error, "x^T A x and sum x_i^5");
  }
}
