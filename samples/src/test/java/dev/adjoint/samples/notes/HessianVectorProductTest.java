package dev.adjoint.samples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Derivation 11: the generated {@code fHvp} against the closed forms {@code (A + Aᵀ) v} and
 * {@code 20 x³ ⊙ v}, and against central differences of the generated gradient along {@code v}
 * (the notes' definition), at seeded random points.
 */
class HessianVectorProductTest {

  @Test
  void quadraticFormHvpIsAPlusATransposeTimesV() {
    Random random = new Random(111);
    for (int trial = 0; trial < 5; trial++) {
      int n = 1 + random.nextInt(6);
      double[] x = NoteMath.vector(random, n);
      double[] v = NoteMath.vector(random, n);
      double[][] A = NoteMath.matrix(random, n, n);
      double[] hv = HessianVectorProduct.quadraticFormHvp(x, A, v);
      double[] expected = HessianVectorProduct.quadraticFormClosedForm(A, v);
      double[] fd = gradientDifference(h -> HessianVectorProductAdjoint.quadraticForm(h, A).dX(),
          x, v);
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], hv[i], 1e-12 * (1 + Math.abs(expected[i])), "(A+Aᵀ)v " + i);
        assertEquals(fd[i], hv[i], 1e-6 * (1 + Math.abs(fd[i])), "difference of the gradient");
      }
    }
  }

  @Test
  void sumOfFifthPowersHvpIsTwentyXCubedTimesV() {
    Random random = new Random(112);
    for (int trial = 0; trial < 5; trial++) {
      int n = 1 + random.nextInt(6);
      double[] x = NoteMath.vector(random, n);
      double[] v = NoteMath.vector(random, n);
      double[] hv = HessianVectorProduct.sumOfFifthPowersHvp(x, v);
      double[] expected = HessianVectorProduct.sumOfFifthPowersClosedForm(x, v);
      double[] fd = gradientDifference(
          h -> HessianVectorProductAdjoint.sumOfFifthPowers(h).dX(), x, v);
      for (int i = 0; i < n; i++) {
        assertEquals(expected[i], hv[i], 1e-12 * (1 + Math.abs(expected[i])), "20x³v " + i);
        assertEquals(fd[i], hv[i], 1e-6 * (1 + Math.abs(fd[i])), "difference of the gradient");
      }
    }
  }

  /** {@code (∇f(x + hv) − ∇f(x − hv)) / 2h}: the derivative of the gradient along v. */
  private static double[] gradientDifference(java.util.function.Function<double[], double[]> grad,
      double[] x, double[] v) {
    double h = 1e-5;
    double[] plus = x.clone();
    double[] minus = x.clone();
    for (int i = 0; i < x.length; i++) {
      plus[i] += h * v[i];
      minus[i] -= h * v[i];
    }
    double[] gp = grad.apply(plus);
    double[] gm = grad.apply(minus);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (gp[i] - gm[i]) / (2 * h);
    }
    return out;
  }
}
