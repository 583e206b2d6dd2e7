package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Values, closed-form gradients, numerical edge cases and shape errors of LinearAlgebra. */
class LinearAlgebraTest {

  private static final double TOL = 1e-12;

  private static void assertMatrixEquals(double[][] expected, double[][] actual, double tol) {
    assertEquals(expected.length, actual.length, "rows");
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], tol, "row " + i);
    }
  }

  private static double[][] random(Random r, int m, int n) {
    return PullbackHarness.randomMatrix(r, m, n, -1, 1);
  }

  private static double[] randomVector(Random r, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 2 * r.nextDouble() - 1;
    }
    return v;
  }

  private static double[][] wellConditioned(Random r, int n) {
    return (double[][]) PullbackHarness.wellConditioned(n).draw(r);
  }

  private static double[][] identity(int n) {
    double[][] I = new double[n][n];
    for (int i = 0; i < n; i++) {
      I[i][i] = 1;
    }
    return I;
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  @Test
  void productsOnSmallExamples() {
    double[][] A = {{1, 2, 3}, {4, 5, 6}};
    double[][] B = {{1, 0}, {0, 1}, {1, -1}};
    assertEquals(32, LinearAlgebra.dot(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
    assertArrayEquals(new double[] {14, 32}, LinearAlgebra.matVec(A, new double[] {1, 2, 3}));
    assertArrayEquals(new double[] {9, 12, 15}, LinearAlgebra.vecMat(new double[] {1, 2}, A));
    assertMatrixEquals(new double[][] {{4, -1}, {10, -1}}, LinearAlgebra.matMul(A, B), 0);
    assertMatrixEquals(new double[][] {{1, 4}, {2, 5}, {3, 6}}, LinearAlgebra.transpose(A), 0);
    assertMatrixEquals(new double[][] {{3, 4}, {6, 8}},
        LinearAlgebra.outer(new double[] {1, 2}, new double[] {3, 4}), 0);
    assertEquals(5, LinearAlgebra.trace(new double[][] {{1, 2}, {3, 4}}));
    // xᵀAx with x = (1, 2), A = [[1, 2], [3, 4]]: 1 + 2·2 + 3·2 + 4·4 = 27
    assertEquals(27, LinearAlgebra.quadForm(new double[] {1, 2}, new double[][] {{1, 2}, {3, 4}}));
    assertEquals(1 * (1 * 1 + 2 * 2 + 3 * 3) + 2 * (4 + 10 + 18),
        LinearAlgebra.bilinear(new double[] {1, 2}, A, new double[] {1, 2, 3}));
    assertMatrixEquals(new double[][] {{2, 2, 4}, {4, 6, 5}},
        LinearAlgebra.addMatrices(A, new double[][] {{1, 0, 1}, {0, 1, -1}}), 0);
    assertMatrixEquals(new double[][] {{0, 2, 2}, {4, 4, 7}},
        LinearAlgebra.subMatrices(A, new double[][] {{1, 0, 1}, {0, 1, -1}}), 0);
    assertMatrixEquals(new double[][] {{2, 4, 6}, {8, 10, 12}}, LinearAlgebra.scaleMatrix(2, A), 0);
  }

  @Test
  void vectorFunctionsOnSmallExamples() {
    double[] x = {3, -4};
    assertEquals(-1, LinearAlgebra.sum(x));
    assertEquals(5, LinearAlgebra.norm2(x));
    assertEquals(25, LinearAlgebra.squaredNorm(x));
    assertArrayEquals(new double[] {4, -3}, LinearAlgebra.add(x, new double[] {1, 1}));
    assertArrayEquals(new double[] {2, -5}, LinearAlgebra.sub(x, new double[] {1, 1}));
    assertArrayEquals(new double[] {-6, 8}, LinearAlgebra.scale(-2, x));
    assertArrayEquals(new double[] {6, -12}, LinearAlgebra.hadamard(x, new double[] {2, 3}));
    assertArrayEquals(new double[] {Math.exp(3), Math.exp(-4)}, LinearAlgebra.exp(x));
    assertArrayEquals(new double[] {0, Math.log(2)}, LinearAlgebra.log(new double[] {1, 2}));
    assertArrayEquals(new double[] {Math.tanh(3), Math.tanh(-4)}, LinearAlgebra.tanh(x));
    assertArrayEquals(new double[] {1 / (1 + Math.exp(-3)), 1 / (1 + Math.exp(4))},
        LinearAlgebra.sigmoid(x), TOL);
    assertArrayEquals(new double[] {3, 0}, LinearAlgebra.relu(x));
    assertArrayEquals(new double[] {Math.log(1 + Math.exp(3)), Math.log(1 + Math.exp(-4))},
        LinearAlgebra.softplus(x), TOL);
    assertEquals(Math.log(Math.exp(3) + Math.exp(-4)), LinearAlgebra.logSumExp(x), TOL);
  }

  @Test
  void kernelsReturnFreshArraysAndLeaveInputsAlone() {
    double[] x = {1, 2};
    double[][] A = {{1, 2}, {3, 4}};
    assertNotSame(x, LinearAlgebra.scale(1, x));
    assertNotSame(x, LinearAlgebra.relu(x));
    assertNotSame(A, LinearAlgebra.scaleMatrix(1, A));
    assertNotSame(A[0], LinearAlgebra.scaleMatrix(1, A)[0]);
    LinearAlgebra.inverse(A);
    LinearAlgebra.det(A);
    LinearAlgebra.solve(A, x);
    assertMatrixEquals(new double[][] {{1, 2}, {3, 4}}, A, 0);
    assertArrayEquals(new double[] {1, 2}, x);
  }

  // ---------------------------------------------------------------------------------------------
  // Matrix functions

  @Test
  void determinantsIncludingPivotingSign() {
    assertEquals(-2, LinearAlgebra.det(new double[][] {{1, 2}, {3, 4}}), TOL);
    // A permutation matrix needs a row swap: det = -1.
    assertEquals(-1, LinearAlgebra.det(new double[][] {{0, 1}, {1, 0}}));
    assertEquals(1, LinearAlgebra.det(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}));
    assertEquals(24, LinearAlgebra.det(new double[][] {{2, 0, 0}, {0, 3, 0}, {0, 0, 4}}));
    assertEquals(Math.log(2), LinearAlgebra.logDet(new double[][] {{1, 2}, {3, 4}}), TOL);
    assertEquals(1, LinearAlgebra.det(new double[0][]));
    assertEquals(0, LinearAlgebra.logDet(new double[0][]));
    Random r = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      double[][] A = wellConditioned(r, 5);
      double[][] B = wellConditioned(r, 5);
      double dA = LinearAlgebra.det(A);
      assertEquals(Math.log(Math.abs(dA)), LinearAlgebra.logDet(A), 1e-12);
      assertEquals(dA * LinearAlgebra.det(B), LinearAlgebra.det(LinearAlgebra.matMul(A, B)),
          1e-10 * Math.abs(dA * LinearAlgebra.det(B)));
      assertEquals(dA, LinearAlgebra.det(LinearAlgebra.transpose(A)), 1e-12 * Math.abs(dA));
    }
  }

  @Test
  void logDetDoesNotOverflowWhereDetDoes() {
    int n = 200;
    double[][] A = identity(n);
    for (int i = 0; i < n; i++) {
      A[i][i] = 1e10;
    }
    assertEquals(Double.POSITIVE_INFINITY, LinearAlgebra.det(A));
    assertEquals(n * Math.log(1e10), LinearAlgebra.logDet(A), 1e-9);
  }

  @Test
  void singularMatrices() {
    double[][] S = {{1, 2}, {2, 4}};
    assertEquals(0, LinearAlgebra.det(S));
    assertEquals(Double.NEGATIVE_INFINITY, LinearAlgebra.logDet(S));
    assertThrows(ArithmeticException.class, () -> LinearAlgebra.inverse(S));
    assertThrows(ArithmeticException.class, () -> LinearAlgebra.solve(S, new double[] {1, 1}));
    assertThrows(ArithmeticException.class,
        () -> LinearAlgebra.detPullback(S, 0, 1, new double[2][2]));
    assertThrows(ArithmeticException.class,
        () -> LinearAlgebra.logDetPullback(S, Double.NEGATIVE_INFINITY, 1, new double[2][2]));
  }

  @Test
  void choleskyFactorsAndSolves() {
    double[][] A = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
    double[][] L = LinearAlgebra.cholesky(A);
    assertMatrixEquals(A, LinearAlgebra.matMul(L, LinearAlgebra.transpose(L)), 1e-14);
    assertEquals(0, L[0][1]);
    assertEquals(0, L[1][2]);
    assertEquals(LinearAlgebra.logDet(A), LinearAlgebra.logDetSpd(A), 1e-13);
    assertEquals(LinearAlgebra.logDet(A), LinearAlgebra.choleskyLogDet(L), 1e-13);
    double[] b = {1, -2, 0.5};
    assertArrayEquals(LinearAlgebra.solve(A, b), LinearAlgebra.solveSpd(A, b), 1e-14);
    assertArrayEquals(LinearAlgebra.solve(A, b), LinearAlgebra.choleskySolve(L, b), 1e-14);
    double[] y = LinearAlgebra.solveLower(L, b);
    assertArrayEquals(b, LinearAlgebra.matVec(L, y), 1e-14);
    double[][] U = LinearAlgebra.transpose(L);
    assertArrayEquals(b, LinearAlgebra.matVec(U, LinearAlgebra.solveUpper(U, b)), 1e-14);
    // only the symmetric part is factored
    double[][] skewed = {{4, 3, 0.4}, {1, 5, 1}, {0.4, 1, 3}};
    assertMatrixEquals(L, LinearAlgebra.cholesky(skewed), 1e-15);
  }

  @Test
  void choleskyOfANonPositiveDefiniteMatrixThrows() {
    double[][] S = {{1, 2}, {2, 1}};
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> LinearAlgebra.cholesky(S));
    assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    assertThrows(ArithmeticException.class, () -> LinearAlgebra.logDetSpd(S));
    assertThrows(ArithmeticException.class, () -> LinearAlgebra.solveSpd(S, new double[2]));
    assertThrows(ArithmeticException.class,
        () -> LinearAlgebra.solveLower(new double[][] {{0, 0}, {1, 1}}, new double[2]));
  }

  @Test
  void inverseAndSolve() {
    Random r = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      int n = 1 + trial;
      double[][] A = wellConditioned(r, n);
      double[][] inv = LinearAlgebra.inverse(A);
      assertMatrixEquals(identity(n), LinearAlgebra.matMul(A, inv), 1e-12);
      assertMatrixEquals(identity(n), LinearAlgebra.matMul(inv, A), 1e-12);
      double[] b = randomVector(r, n);
      double[] x = LinearAlgebra.solve(A, b);
      assertArrayEquals(b, LinearAlgebra.matVec(A, x), 1e-12);
      assertArrayEquals(LinearAlgebra.matVec(inv, b), x, 1e-12);
    }
    // Needs pivoting: the (0,0) entry is 0.
    double[][] P = {{0, 2}, {3, 1}};
    assertArrayEquals(new double[] {1, 2}, LinearAlgebra.solve(P, new double[] {4, 5}), TOL);
    assertMatrixEquals(new double[][] {{-1.0 / 6, 1.0 / 3}, {0.5, 0}}, LinearAlgebra.inverse(P),
        TOL);
  }

  // ---------------------------------------------------------------------------------------------
  // Closed-form gradients

  @Test
  void gradientOfDetIsDetTimesInverseTranspose() {
    Random r = new Random(13);
    for (int trial = 0; trial < 5; trial++) {
      double[][] A = wellConditioned(r, 4);
      double det = LinearAlgebra.det(A);
      double[][] g = new double[4][4];
      LinearAlgebra.detPullback(A, det, 1, g);
      double[][] expected =
          LinearAlgebra.scaleMatrix(det, LinearAlgebra.transpose(LinearAlgebra.inverse(A)));
      assertMatrixEquals(expected, g, 1e-10 * Math.abs(det));
      // logDet: A⁻ᵀ, whatever the sign of det.
      double[][] h = new double[4][4];
      LinearAlgebra.logDetPullback(A, LinearAlgebra.logDet(A), 1, h);
      assertMatrixEquals(LinearAlgebra.transpose(LinearAlgebra.inverse(A)), h, 1e-12);
    }
    // 2×2 cofactors: ∇det [[a, b], [c, d]] = [[d, -c], [-b, a]].
    double[][] g = new double[2][2];
    LinearAlgebra.detPullback(new double[][] {{1, 2}, {3, 4}}, -2, 1, g);
    assertMatrixEquals(new double[][] {{4, -3}, {-2, 1}}, g, TOL);
  }

  @Test
  void gradientOfQuadFormIsSymmetrizedMatrixTimesX() {
    Random r = new Random(17);
    for (int trial = 0; trial < 5; trial++) {
      double[][] A = random(r, 4, 4);
      double[] x = randomVector(r, 4);
      double[] gx = new double[4];
      double[][] gA = new double[4][4];
      LinearAlgebra.quadFormPullback(x, A, LinearAlgebra.quadForm(x, A), 1, gx, gA);
      double[] expected = LinearAlgebra.matVec(
          LinearAlgebra.addMatrices(A, LinearAlgebra.transpose(A)), x);
      assertArrayEquals(expected, gx, 1e-12);
      assertMatrixEquals(LinearAlgebra.outer(x, x), gA, 1e-12);
      assertEquals(LinearAlgebra.dot(x, LinearAlgebra.matVec(A, x)), LinearAlgebra.quadForm(x, A),
          1e-12);
      assertEquals(LinearAlgebra.quadForm(x, A), LinearAlgebra.bilinear(x, A, x), 1e-12);
    }
  }

  @Test
  void gradientOfTraceOfProductIsTransposeChainedThroughPullbacks() {
    Random r = new Random(19);
    double[][] A = random(r, 3, 4);
    double[][] B = random(r, 4, 3);
    double[][] C = LinearAlgebra.matMul(A, B);
    double t = LinearAlgebra.trace(C);
    // Backward sweep of t = tr(A B): C̄ from trace, then Ā, B̄ from matMul.
    double[][] CBar = new double[3][3];
    LinearAlgebra.tracePullback(C, t, 1, CBar);
    double[][] ABar = new double[3][4];
    double[][] BBar = new double[4][3];
    LinearAlgebra.matMulPullback(A, B, C, CBar, ABar, BBar);
    assertMatrixEquals(LinearAlgebra.transpose(B), ABar, 1e-15);
    assertMatrixEquals(LinearAlgebra.transpose(A), BBar, 1e-15);
  }

  @Test
  void classicVectorGradients() {
    double[] x = {0.5, -1.5, 2};
    double[] y = {3, 1, -2};
    double[] gx = new double[3];
    double[] gy = new double[3];
    LinearAlgebra.dotPullback(x, y, LinearAlgebra.dot(x, y), 1, gx, gy);
    assertArrayEquals(y, gx);
    assertArrayEquals(x, gy);

    double[] g = new double[3];
    LinearAlgebra.sumPullback(x, LinearAlgebra.sum(x), 1, g);
    assertArrayEquals(new double[] {1, 1, 1}, g);

    g = new double[3];
    double n = LinearAlgebra.norm2(x);
    LinearAlgebra.norm2Pullback(x, n, 1, g);
    assertArrayEquals(LinearAlgebra.scale(1 / n, x), g, TOL);

    g = new double[3];
    LinearAlgebra.squaredNormPullback(x, LinearAlgebra.squaredNorm(x), 1, g);
    assertArrayEquals(LinearAlgebra.scale(2, x), g, TOL);

    // ∇ logSumExp = softmax.
    g = new double[3];
    LinearAlgebra.logSumExpPullback(x, LinearAlgebra.logSumExp(x), 1, g);
    assertArrayEquals(LinearAlgebra.softmax(x), g, TOL);

    // softplus' = sigmoid; tanh' = 1 - tanh²; relu' at 0 is 0.
    g = new double[3];
    LinearAlgebra.softplusPullback(x, LinearAlgebra.softplus(x), new double[] {1, 1, 1}, g);
    assertArrayEquals(LinearAlgebra.sigmoid(x), g, TOL);
    g = new double[3];
    LinearAlgebra.reluPullback(new double[] {0, -0.0, 1e-300}, new double[] {0, 0, 1e-300},
        new double[] {1, 1, 1}, g);
    assertArrayEquals(new double[] {0, 0, 1}, g);

    // scale returns ā = r̄ᵀx and adds a·r̄ to x̄.
    double[] rb = {1, 2, 3};
    g = new double[3];
    double aBar = LinearAlgebra.scalePullback(2.5, x, LinearAlgebra.scale(2.5, x), rb, g);
    assertEquals(LinearAlgebra.dot(rb, x), aBar, TOL);
    assertArrayEquals(LinearAlgebra.scale(2.5, rb), g, TOL);
  }

  @Test
  void gradientOfSolveAgreesWithGradientThroughInverse() {
    // x = A⁻¹ b computed as matVec(inverse(A), b): both backward sweeps must agree.
    Random r = new Random(23);
    double[][] A = wellConditioned(r, 4);
    double[] b = randomVector(r, 4);
    double[] xBar = randomVector(r, 4);
    double[] x = LinearAlgebra.solve(A, b);
    double[][] gA = new double[4][4];
    double[] gb = new double[4];
    LinearAlgebra.solvePullback(A, b, x, xBar, gA, gb);

    double[][] inv = LinearAlgebra.inverse(A);
    double[] x2 = LinearAlgebra.matVec(inv, b);
    double[][] invBar = new double[4][4];
    double[] gb2 = new double[4];
    LinearAlgebra.matVecPullback(inv, b, x2, xBar, invBar, gb2);
    double[][] gA2 = new double[4][4];
    LinearAlgebra.inversePullback(A, inv, invBar, gA2);
    assertArrayEquals(gb2, gb, 1e-12);
    assertMatrixEquals(gA2, gA, 1e-12);
  }

  @Test
  void sameArrayPassedTwiceGetsBothContributions() {
    double[] x = {1, -2, 3};
    double[] g = new double[3];
    LinearAlgebra.dotPullback(x, x, LinearAlgebra.dot(x, x), 1, g, g);
    assertArrayEquals(LinearAlgebra.scale(2, x), g);

    // d tr(A A) / dA = 2 Aᵀ
    double[][] A = {{1, 2}, {3, 4}};
    double[][] C = LinearAlgebra.matMul(A, A);
    double[][] CBar = new double[2][2];
    LinearAlgebra.tracePullback(C, LinearAlgebra.trace(C), 1, CBar);
    double[][] gA = new double[2][2];
    LinearAlgebra.matMulPullback(A, A, C, CBar, gA, gA);
    assertMatrixEquals(LinearAlgebra.scaleMatrix(2, LinearAlgebra.transpose(A)), gA, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Numerical edge cases

  @Test
  void softmaxSumsToOneAndIsShiftInvariantWithoutOverflow() {
    Random r = new Random(29);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = randomVector(r, 6);
      double[] s = LinearAlgebra.softmax(x);
      assertEquals(1, LinearAlgebra.sum(s), 1e-15);
      for (double v : s) {
        assertTrue(v > 0 && v < 1);
      }
      double[] shifted = x.clone();
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] += 1000;
      }
      assertArrayEquals(s, LinearAlgebra.softmax(shifted), 1e-12);
      assertEquals(LinearAlgebra.logSumExp(x) + 1000, LinearAlgebra.logSumExp(shifted), 1e-10);
      // softmax' sums to zero along the simplex: Σ_i x̄_i = 0 for any s̄.
      double[] g = new double[6];
      LinearAlgebra.softmaxPullback(x, s, randomVector(r, 6), g);
      assertEquals(0, LinearAlgebra.sum(g), 1e-15);
    }
    double[] big = {1000, 1001, -1e308};
    assertArrayEquals(new double[] {1 / (1 + Math.E), Math.E / (1 + Math.E), 0},
        LinearAlgebra.softmax(big), 1e-15);
    assertEquals(1001 + Math.log1p(Math.exp(-1)), LinearAlgebra.logSumExp(big), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, LinearAlgebra.logSumExp(new double[0]));
    assertArrayEquals(new double[0], LinearAlgebra.softmax(new double[0]));
  }

  @Test
  void sigmoidAndSoftplusAreStableForLargeArguments() {
    double[] x = {-1000, -40, 40, 1000};
    double[] s = LinearAlgebra.sigmoid(x);
    assertEquals(0, s[0]);
    assertEquals(Math.exp(-40), s[1], 1e-30);
    assertEquals(1, s[2], 1e-15);
    assertEquals(1, s[3]);
    double[] sp = LinearAlgebra.softplus(x);
    assertEquals(0, sp[0]);
    assertEquals(Math.exp(-40), sp[1], 1e-30);
    assertEquals(40, sp[2], 1e-15);
    assertEquals(1000, sp[3]);
    double[] g = new double[4];
    LinearAlgebra.softplusPullback(x, sp, new double[] {1, 1, 1, 1}, g);
    assertArrayEquals(s, g);
    g = new double[4];
    LinearAlgebra.sigmoidPullback(x, s, new double[] {1, 1, 1, 1}, g);
    for (double v : g) {
      assertTrue(Double.isFinite(v) && v >= 0);
    }
  }

  @Test
  void norm2NeitherOverflowsNorUnderflowsAndHasAZeroSubgradientAtZero() {
    assertEquals(5e200, LinearAlgebra.norm2(new double[] {3e200, 4e200}), 1e186);
    assertEquals(5e-200, LinearAlgebra.norm2(new double[] {3e-200, 4e-200}), 1e-214);
    assertEquals(Double.POSITIVE_INFINITY,
        LinearAlgebra.norm2(new double[] {1, Double.NEGATIVE_INFINITY}));
    assertTrue(Double.isNaN(LinearAlgebra.norm2(new double[] {1, Double.NaN})));
    double[] zero = new double[3];
    assertEquals(0, LinearAlgebra.norm2(zero));
    double[] g = {1, 2, 3};
    LinearAlgebra.norm2Pullback(zero, 0, 1, g);
    assertArrayEquals(new double[] {1, 2, 3}, g);
    g = new double[2];
    LinearAlgebra.norm2Pullback(new double[] {3e200, 4e200}, 5e200, 1, g);
    assertArrayEquals(new double[] {0.6, 0.8}, g, 1e-15);
  }

  // ---------------------------------------------------------------------------------------------
  // Shape errors

  private static void assertShapeError(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
    }
  }

  @Test
  void mismatchedShapesThrowWithAClearMessage() {
    double[] v2 = new double[2];
    double[] v3 = new double[3];
    double[][] m23 = new double[2][3];
    double[][] m33 = new double[3][3];
    double[][] ragged = {{1, 2}, {3}};
    assertShapeError(() -> LinearAlgebra.dot(v2, v3), "dot", "length 3", "(2)");
    assertShapeError(() -> LinearAlgebra.matVec(m23, v2), "matVec", "x", "A's columns");
    assertShapeError(() -> LinearAlgebra.vecMat(v3, m23), "vecMat", "x", "A's rows");
    assertShapeError(() -> LinearAlgebra.matMul(m23, m23), "matMul", "2x3", "columns");
    assertShapeError(() -> LinearAlgebra.matMul(ragged, m23), "ragged", "row 1");
    assertShapeError(() -> LinearAlgebra.transpose(ragged), "transpose", "ragged");
    assertShapeError(() -> LinearAlgebra.trace(m23), "trace", "square", "2x3");
    assertShapeError(() -> LinearAlgebra.quadForm(v2, m33), "quadForm", "x");
    assertShapeError(() -> LinearAlgebra.quadForm(v2, m23), "quadForm", "square");
    assertShapeError(() -> LinearAlgebra.bilinear(v2, m23, v2), "bilinear", "y");
    assertShapeError(() -> LinearAlgebra.bilinear(v3, m23, v3), "bilinear", "x");
    assertShapeError(() -> LinearAlgebra.add(v2, v3), "add");
    assertShapeError(() -> LinearAlgebra.sub(v2, v3), "sub");
    assertShapeError(() -> LinearAlgebra.hadamard(v2, v3), "hadamard");
    assertShapeError(() -> LinearAlgebra.addMatrices(m23, m33), "addMatrices", "2x3", "3x3");
    assertShapeError(() -> LinearAlgebra.subMatrices(m23, new double[2][2]), "subMatrices");
    assertShapeError(() -> LinearAlgebra.scaleMatrix(2, ragged), "scaleMatrix", "ragged");
    assertShapeError(() -> LinearAlgebra.det(m23), "det", "square");
    assertShapeError(() -> LinearAlgebra.logDet(m23), "logDet", "square");
    assertShapeError(() -> LinearAlgebra.inverse(m23), "inverse", "square");
    assertShapeError(() -> LinearAlgebra.solve(m23, v2), "solve", "square");
    assertShapeError(() -> LinearAlgebra.solve(m33, v2), "solve", "b");
    assertThrows(NullPointerException.class, () -> LinearAlgebra.sum(null));
    assertThrows(NullPointerException.class, () -> LinearAlgebra.matMul(m23, null));
  }

  @Test
  void wronglyShapedAdjointsAndResultAdjointsThrow() {
    double[] v2 = new double[2];
    double[] v3 = new double[3];
    double[][] m23 = new double[2][3];
    double[][] m22 = new double[2][2];
    double[][] m33 = new double[3][3];
    assertShapeError(() -> LinearAlgebra.dotPullback(v2, v2, 0, 1, v3, null), "xBar", "length 3");
    assertShapeError(() -> LinearAlgebra.dotPullback(v2, v2, 0, 1, null, v3), "yBar");
    assertShapeError(
        () -> LinearAlgebra.matVecPullback(m23, v3, v2, v3, null, null), "resultBar");
    assertShapeError(
        () -> LinearAlgebra.matVecPullback(m23, v3, v2, v2, m33, null), "ABar", "3x3", "2x3");
    assertShapeError(
        () -> LinearAlgebra.matMulPullback(m23, m33, m23, m22, null, null), "resultBar");
    assertShapeError(
        () -> LinearAlgebra.matMulPullback(m23, m33, m23, m23, null, m23), "BBar");
    assertShapeError(
        () -> LinearAlgebra.transposePullback(m23, null, m23, null), "resultBar", "expected 3x2");
    assertShapeError(() -> LinearAlgebra.tracePullback(m22, 0, 1, m33), "ABar");
    assertShapeError(() -> LinearAlgebra.expPullback(v2, v3, v2, null), "result");
    assertShapeError(() -> LinearAlgebra.softmaxPullback(v2, v2, v2, v3), "xBar");
    assertShapeError(() -> LinearAlgebra.scalePullback(1, v2, v2, v3, null), "resultBar");
    assertShapeError(
        () -> LinearAlgebra.scaleMatrixPullback(1, m23, m23, m23, m22), "ABar");
    assertShapeError(() -> LinearAlgebra.inversePullback(m22, m22, m22, m23), "ABar");
    assertShapeError(() -> LinearAlgebra.solvePullback(m22, v2, v2, v3, null, null), "resultBar");
    assertShapeError(() -> LinearAlgebra.detPullback(m22, 0, 1, new double[][] {{1, 2}, {3}}),
        "ragged");
  }
}
