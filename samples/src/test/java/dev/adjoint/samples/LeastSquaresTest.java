package dev.adjoint.samples;

import static dev.adjoint.samples.Check.agreesWithFiniteDifferences;
import static dev.adjoint.samples.Check.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

  private static double[][] matrix(Random random, int m, int n) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = 4 * random.nextDouble() - 2;
      }
    }
    return a;
  }

  private static double[] vector(Random random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 4 * random.nextDouble() - 2;
    }
    return v;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** {@code 2 Xᵀ (X w - y)}. */
  private static double[] closedForm(double[][] X, double[] y, double[] w) {
    double[] residual = LeastSquares.times(X, w);
    for (int i = 0; i < y.length; i++) {
      residual[i] -= y[i];
    }
    double[] g = new double[w.length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < w.length; j++) {
        g[j] += 2 * X[i][j] * residual[i];
      }
    }
    return g;
  }

  /** {@code ‖y - X w‖²} computed another way, through {@link LeastSquares#times}. */
  private static double value(double[][] X, double[] y, double[] w) {
    double[] p = LeastSquares.times(X, w);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum += (y[i] - p[i]) * (y[i] - p[i]);
    }
    return sum;
  }

  @Test
  void valueAndGradientMatchClosedForm() {
    Random random = new Random(11);
    for (int trial = 0; trial < 40; trial++) {
      int m = 1 + random.nextInt(30);
      int n = 1 + random.nextInt(8);
      double[][] X = matrix(random, m, n);
      double[] y = vector(random, m);
      double[] w = vector(random, n);
      var g = LeastSquaresAdjoint.sumOfSquares(X, y, w);
      close(LeastSquares.sumOfSquares(X, y, w), g.value(), "value");
      close(value(X, y, w), g.value(), "value, computed through X w");
      close(closedForm(X, y, w), g.dW(), "dW (m = " + m + ", n = " + n + ")");
      agreesWithFiniteDifferences(v -> LeastSquares.sumOfSquares(X, y, v), w, g.dW());
    }
  }

  @Test
  void residualUpdatedInPlaceGivesTheSameGradient() {
    Random random = new Random(16);
    for (int trial = 0; trial < 20; trial++) {
      int m = 1 + random.nextInt(20);
      int n = 1 + random.nextInt(6);
      double[][] X = matrix(random, m, n);
      double[] y = vector(random, m);
      double[] w = vector(random, n);
      var g = ResidualFormAdjoint.sumOfSquares(X, y, w);
      close(LeastSquares.sumOfSquares(X, y, w), g.value(), "value");
      close(closedForm(X, y, w), g.dW(), "dW");
      double[] wBar = new double[n];
      ResidualFormAdjoint.sumOfSquaresPullback(X, y, w, 2.0, wBar);
      for (int j = 0; j < n; j++) {
        close(2.0 * g.dW()[j], wBar[j], "wBar[" + j + "]");
      }
    }
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    Random random = new Random(12);
    for (int trial = 0; trial < 20; trial++) {
      int m = 1 + random.nextInt(20);
      int n = 1 + random.nextInt(6);
      double[][] X = matrix(random, m, n);
      double[] y = vector(random, m);
      double[] w = vector(random, n);
      double seed = 4 * random.nextDouble() - 2;
      double[] before = vector(random, n);
      double[] wBar = before.clone();
      double value = LeastSquaresAdjoint.sumOfSquaresPullback(X, y, w, seed, wBar);
      close(LeastSquares.sumOfSquares(X, y, w), value, "value");
      double[] expected = closedForm(X, y, w);
      for (int j = 0; j < n; j++) {
        close(before[j] + seed * expected[j], wBar[j], "wBar[" + j + "]");
      }
    }
  }

  @Test
  void gradientIsZeroAtTheSolutionOfTheNormalEquations() {
    Random random = new Random(13);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(8);
      int m = n + random.nextInt(40); // m >= n: full column rank with probability 1
      double[][] X = matrix(random, m, n);
      double[] y = vector(random, m);
      double[] solution = LeastSquares.normalEquations(X, y);
      var g = LeastSquaresAdjoint.sumOfSquares(X, y, solution);
      // Rounding only: the scale of the terms that cancel, 2 Σ_i |X_ij| |y_i|.
      double scale = 0;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += 2 * Math.abs(X[i][j]) * Math.abs(y[i]);
        }
        scale = Math.max(scale, s);
      }
      for (int j = 0; j < n; j++) {
        assertEquals(0.0, g.dW()[j], 1e-12 * scale, "dW[" + j + "] at the minimizer");
      }
      // And the minimizer is a minimum: any step increases the loss.
      double[] moved = solution.clone();
      moved[random.nextInt(n)] += 1e-3;
      assertEquals(
          true, LeastSquares.sumOfSquares(X, y, moved) > g.value(), "loss grows away from it");
    }
  }

  @Test
  void gradientDescentReachesTheClosedForm() {
    Random random = new Random(14);
    int m = 50;
    int n = 5;
    double[][] X = new double[m][n];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        X[i][j] = random.nextGaussian();
      }
      y[i] = random.nextGaussian();
    }
    double[] w = new double[n];
    double[] wBar = new double[n];
    Stacks stacks = new Stacks();
    for (int step = 0; step < 2000; step++) {
      Arrays.fill(wBar, 0.0);
      LeastSquaresAdjoint.sumOfSquaresPullback(X, y, w, 1.0, wBar, stacks);
      for (int j = 0; j < n; j++) {
        w[j] -= 0.004 * wBar[j];
      }
    }
    double[] exact = LeastSquares.normalEquations(X, y);
    for (int j = 0; j < n; j++) {
      assertEquals(exact[j], w[j], 1e-10, "w[" + j + "]");
    }
  }

  @Test
  void dataIsNotDifferentiatedOrModified() {
    Random random = new Random(15);
    double[][] X = matrix(random, 7, 3);
    double[] y = vector(random, 7);
    double[] w = vector(random, 3);
    double[][] xCopy = copy(X);
    double[] yCopy = y.clone();
    double[] wCopy = w.clone();
    var g = LeastSquaresAdjoint.sumOfSquares(X, y, w);
    LeastSquaresAdjoint.sumOfSquaresPullback(X, y, w, 1.0, new double[3]);
    for (int i = 0; i < X.length; i++) {
      assertArrayEquals(xCopy[i], X[i], 0.0, "X[" + i + "]");
    }
    assertArrayEquals(yCopy, y, 0.0, "y");
    assertArrayEquals(wCopy, w, 0.0, "w");
    assertNotSame(w, g.dW(), "dW is a fresh array");
    assertEquals(3, g.dW().length);
  }

  @Test
  void noRowsGivesZero() {
    double[] w = {1.0, 2.0};
    var g = LeastSquaresAdjoint.sumOfSquares(new double[0][2], new double[0], w);
    assertEquals(0.0, g.value(), 0.0);
    assertArrayEquals(new double[] {0.0, 0.0}, g.dW(), 0.0);
  }

  @Test
  void normalEquationsSolveASmallSystem() {
    // X = [[1, 0], [0, 2], [1, 1]], y = (1, 2, 3): XᵀX = [[2, 1], [1, 5]], Xᵀy = (4, 7).
    double[][] X = {{1, 0}, {0, 2}, {1, 1}};
    double[] y = {1, 2, 3};
    double[] w = LeastSquares.normalEquations(X, y);
    close(new double[] {13.0 / 9, 10.0 / 9}, w, "w");
  }
}
