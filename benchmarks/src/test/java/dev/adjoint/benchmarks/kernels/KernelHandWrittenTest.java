package dev.adjoint.benchmarks.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written baselines are only meaningful if they compute what the generated code
 * computes: at every benchmarked size (and a few small ones), with a non-unit seed into adjoint
 * arrays that already hold something, the value and the accumulated adjoints agree to rounding.
 * The generated gradients are also checked against finite differences and closed forms at small
 * sizes, so the two cannot agree on something wrong.
 */
class KernelHandWrittenTest {

  /** The benchmarked sizes, and small ones. */
  private static final int[] SIZES = {1000, 300, 100, 7, 2, 1};

  /** Both sum the same products in different orders: rounding differences only. */
  private static final double ROUNDING = 1e-10;

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, ROUNDING * Math.max(1, Math.abs(expected)), what);
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  @Test
  void quadFormMatchesGenerated() {
    Random random = new Random(1);
    for (int n : SIZES) {
      double[] x = KernelData.vector(n, 1.0, random);
      double[][] A = KernelData.matrix(n, n, 1.0, random);
      double seed = 0.5 + random.nextDouble();
      double[] prefill = KernelData.vector(n, 1.0, random);
      double[] generated = prefill.clone();
      double[] hand = prefill.clone();
      double v1 = KernelFunctionsAdjoint.quadFormPullback(x, A, seed, generated);
      double v2 = KernelHandWritten.quadFormPullback(x, A, seed, hand);
      assertClose(KernelFunctions.quadForm(x, A), v1, "n = " + n + ": generated value");
      assertClose(v1, v2, "n = " + n + ": value");
      assertClose(generated, hand, "n = " + n + ": xBar");

      // Closed form: x̄ = prefill + seed (A + Aᵀ) x.
      double[] expected = prefill.clone();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          expected[i] += seed * (A[i][j] + A[j][i]) * x[j];
        }
      }
      assertClose(expected, generated, "n = " + n + ": closed form");
    }
  }

  @Test
  void layerLossMatchesGenerated() {
    Random random = new Random(2);
    for (int n : SIZES) {
      double[][] W = KernelData.matrix(n, n, 1 / Math.sqrt(n), random);
      double[] b = KernelData.vector(n, 1.0, random);
      double[] x = KernelData.vector(n, 1.0, random);
      double seed = 0.5 + random.nextDouble();
      double[][] WPrefill = KernelData.matrix(n, n, 1.0, random);
      double[] bPrefill = KernelData.vector(n, 1.0, random);
      double[][] WGenerated = copy(WPrefill);
      double[] bGenerated = bPrefill.clone();
      double[][] WHand = copy(WPrefill);
      double[] bHand = bPrefill.clone();
      double v1 = KernelFunctionsAdjoint.layerLossPullback(W, b, x, seed, WGenerated, bGenerated);
      double v2 = KernelHandWritten.layerLossPullback(W, b, x, seed, WHand, bHand);
      assertClose(KernelFunctions.layerLoss(W, b, x), v1, "n = " + n + ": generated value");
      assertClose(v1, v2, "n = " + n + ": value");
      assertClose(bGenerated, bHand, "n = " + n + ": bBar");
      for (int i = 0; i < n; i++) {
        assertClose(WGenerated[i], WHand[i], "n = " + n + ": WBar[" + i + "]");
      }
    }
  }

  @Test
  void leastSquaresMatchesGenerated() {
    Random random = new Random(3);
    for (int n : SIZES) {
      double[][] X = KernelData.matrix(n, n, 1.0, random);
      double[] w = KernelData.vector(n, 1.0, random);
      double[] y = KernelData.vector(n, 1.0, random);
      double seed = 0.5 + random.nextDouble();
      double[] prefill = KernelData.vector(n, 1.0, random);
      double[] generated = prefill.clone();
      double[] hand = prefill.clone();
      double v1 = KernelFunctionsAdjoint.leastSquaresPullback(X, w, y, seed, generated);
      double v2 = KernelHandWritten.leastSquaresPullback(X, w, y, seed, hand);
      assertClose(KernelFunctions.leastSquares(X, w, y), v1, "n = " + n + ": generated value");
      assertClose(v1, v2, "n = " + n + ": value");
      assertClose(generated, hand, "n = " + n + ": wBar");
    }
  }

  /** The generated record gradients against central finite differences, at a small size. */
  @Test
  void generatedGradientsAgreeWithFiniteDifferences() {
    Random random = new Random(4);
    int n = 6;
    double[] x = KernelData.vector(n, 1.0, random);
    double[][] A = KernelData.matrix(n, n, 1.0, random);
    assertFiniteDifferences(
        GradientCheck.maxRelativeError(
            v -> KernelFunctions.quadForm(v, A), x, KernelFunctionsAdjoint.quadForm(x, A).dX()));

    double[][] W = KernelData.matrix(n, n, 1 / Math.sqrt(n), random);
    double[] b = KernelData.vector(n, 1.0, random);
    var layer = KernelFunctionsAdjoint.layerLoss(W, b, x);
    double[] point = new double[n * n + n];
    double[] gradient = new double[n * n + n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        point[i * n + j] = W[i][j];
        gradient[i * n + j] = layer.dW()[i][j];
      }
      point[n * n + i] = b[i];
      gradient[n * n + i] = layer.dB()[i];
    }
    assertFiniteDifferences(
        GradientCheck.maxRelativeError(
            v -> {
              double[][] Wv = new double[n][n];
              double[] bv = new double[n];
              for (int i = 0; i < n; i++) {
                System.arraycopy(v, i * n, Wv[i], 0, n);
                bv[i] = v[n * n + i];
              }
              return KernelFunctions.layerLoss(Wv, bv, x);
            },
            point,
            gradient));

    double[] y = KernelData.vector(n, 1.0, random);
    double[] w = KernelData.vector(n, 1.0, random);
    assertFiniteDifferences(
        GradientCheck.maxRelativeError(
            v -> KernelFunctions.leastSquares(A, v, y),
            w,
            KernelFunctionsAdjoint.leastSquares(A, w, y).dW()));
  }

  private static void assertFiniteDifferences(double error) {
    assertTrue(error < 1e-6, () -> "max relative error vs finite differences " + error);
  }
}
