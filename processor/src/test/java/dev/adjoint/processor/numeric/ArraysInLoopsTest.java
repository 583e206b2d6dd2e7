package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Arrays created inside loops: kernel results ({@code p = softmax(matVec(W, x[i]))}, the shape
 * of ML code), {@code new double[d]} filled in an inner loop and then read or passed to a
 * kernel, matrices, arrays created in an {@code if} or before a {@code break}/{@code continue}
 * inside the loop, and rebound within one iteration. Each iteration's array is a new one: the
 * forward sweep records its reference, the backward sweep gives it a zero adjoint per iteration.
 * Record call and pullback against finite differences (and the closed form of softmax
 * regression), with analyses on and off.
 */
class ArraysInLoopsTest {

  private static final int POINTS = 3;

  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("softmaxRegression", "double[][] W, double[][] x, int[] y",
                """
                double loss = 0;
                for (int i = 0; i < x.length; i++) {
                  double[] p = LinearAlgebra.softmax(LinearAlgebra.matVec(W, x[i]));
                  loss -= Math.log(p[y[i]]);
                }
                return loss;""")
            .wrt("W")
            .closedForm(ArraysInLoopsTest::softmaxRegressionGradient)
            .random(POINTS, r -> {
              int classes = 2 + r.nextInt(2);
              int features = 1 + r.nextInt(3);
              int rows = 1 + r.nextInt(4);
              int[] labels = new int[rows];
              for (int i = 0; i < rows; i++) {
                labels[i] = r.nextInt(classes);
              }
              return args(matrix(r, classes, features, -1, 1), matrix(r, rows, features, -1, 1),
                  labels);
            }),
        ArrayCase.of("mlpOverRows", "double[][] W1, double[] b1, double[] w2, double[][] x,"
                + " double[] t",
                """
                double loss = 0;
                for (int i = 0; i < x.length; i++) {
                  double[] h = LinearAlgebra.tanh(LinearAlgebra.add(
                      LinearAlgebra.matVec(W1, x[i]), b1));
                  double out = LinearAlgebra.dot(w2, h);
                  loss += 0.5 * (out - t[i]) * (out - t[i]);
                }
                return loss / x.length;""")
            .wrt("W1", "b1", "w2")
            .random(POINTS, r -> {
              int hidden = 1 + r.nextInt(3);
              int features = 1 + r.nextInt(3);
              int rows = 1 + r.nextInt(4);
              return args(matrix(r, hidden, features, -1, 1), vector(r, hidden, -1, 1),
                  vector(r, hidden, -1, 1), matrix(r, rows, features, -1, 1),
                  vector(r, rows, -1, 1));
            }),
        // two layers in one iteration: h rebound inside the body, each binding its own array
        ArrayCase.of("twoLayersPerRow", "double[][] W1, double[][] W2, double[][] x",
                """
                double s = 0;
                for (double[] row : x) {
                  double[] h = LinearAlgebra.tanh(LinearAlgebra.matVec(W1, row));
                  h = LinearAlgebra.sigmoid(LinearAlgebra.matVec(W2, h));
                  s += LinearAlgebra.logSumExp(h) + h[0] * h[h.length - 1];
                }
                return s;""")
            .wrt("W1", "W2")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, n, -1, 1), matrix(r, n, n, -1, 1),
                  matrix(r, 1 + r.nextInt(3), n, -1, 1));
            }),
        ArrayCase.of("filledThenUsed", "double[] a, double[] w, int d",
                """
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  double[] tmp = new double[d];
                  for (int j = 0; j < d; j++) {
                    tmp[j] = a[i] * w[j % w.length] + j;
                  }
                  tmp[0] *= a[i];
                  s += LinearAlgebra.dot(tmp, tmp) + tmp[d - 1] * a[i];
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1),
                vector(r, 1 + r.nextInt(3), -1, 1), 1 + r.nextInt(3))),
        // the array is read by an element loop after the kernel, and its length varies
        ArrayCase.of("growingArrays", "double[] a",
                """
                double s = 0;
                for (int i = 1; i <= a.length; i++) {
                  double[] part = new double[i];
                  for (int j = 0; j < i; j++) {
                    part[j] = a[j] * a[i - 1];
                  }
                  double[] e = LinearAlgebra.exp(part);
                  for (int j = 0; j < e.length; j++) {
                    s += e[j] * (j + 1);
                  }
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))),
        ArrayCase.of("nestedLoops", "double[][] W, double[][] x, int epochs",
                """
                double s = 0;
                for (int e = 0; e < epochs; e++) {
                  for (int i = 0; i < x.length; i++) {
                    double[] z = LinearAlgebra.matVec(W, x[i]);
                    double[] p = LinearAlgebra.softmax(LinearAlgebra.scale(e + 1.0, z));
                    s += p[0] * z[z.length - 1];
                  }
                }
                return s;""")
            .wrt("W")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, 2, n, -1, 1), matrix(r, 1 + r.nextInt(3), n, -1, 1),
                  1 + r.nextInt(2));
            }),
        ArrayCase.of("matrixPerIteration", "double[] a",
                """
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  double[][] M = new double[2][2];
                  M[0][0] = a[i];
                  M[0][1] = a[i] * a[i];
                  M[1][0] = 1;
                  M[1][1] = a[0];
                  s += LinearAlgebra.trace(LinearAlgebra.matMul(M, M)) + M[0][1];
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1))),
        ArrayCase.of("createdInAnIf", "double[][] x, double c",
                """
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  if (x[i][0] > 0) {
                    double[] p = LinearAlgebra.exp(LinearAlgebra.scale(c, x[i]));
                    s += LinearAlgebra.sum(p);
                  } else {
                    s += c * x[i][0];
                  }
                }
                return s;""")
            .at(new double[][] {{0.5, -1}, {-0.25, 2}, {1, 1}}, 0.7)
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(4), 2, -1, 1), u(r, -1, 1))),
        ArrayCase.of("breakAndContinue", "double[][] x, double[] w, double limit",
                """
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  double[] h = LinearAlgebra.hadamard(x[i], w);
                  if (h[0] < -0.5) {
                    continue;
                  }
                  double[] g = LinearAlgebra.sigmoid(h);
                  s += LinearAlgebra.dot(g, w);
                  if (s > limit) {
                    break;
                  }
                }
                return s;""")
            .wrt("x", "w")
            .at(new double[][] {{0.5, -1}, {-2, 2}, {1, 1}, {0.25, 0.5}}, new double[] {0.5, 1},
                1.2)
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(4), 2, -1, 1),
                vector(r, 2, -1, 1), 10.0), ArraysInLoopsTest::awayFromTheContinue),
        // an array nobody differentiates, created per iteration and read by a kernel's pullback
        ArrayCase.of("inactiveArrayPerIteration", "double[] a, int d",
                """
                double s = 0;
                for (int i = 0; i < d; i++) {
                  double[] c = new double[a.length];
                  for (int j = 0; j < c.length; j++) {
                    c[j] = i + j;
                  }
                  s += LinearAlgebra.dot(c, LinearAlgebra.tanh(a));
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), 1 + r.nextInt(3))));
  }

  /** No row near h[0] = -0.5, where finite differences straddle the continue. */
  private static boolean awayFromTheContinue(Object[] a) {
    for (double[] row : (double[][]) a[0]) {
      if (Math.abs(row[0] * ((double[]) a[1])[0] + 0.5) < 0.05) {
        return false;
      }
    }
    return true;
  }

  /** ∂/∂W of −Σ log softmax(W xᵢ)[yᵢ] = Σ (pᵢ − e_{yᵢ}) xᵢᵀ. */
  private static Object[] softmaxRegressionGradient(Object[] a) {
    double[][] w = (double[][]) a[0];
    double[][] x = (double[][]) a[1];
    int[] y = (int[]) a[2];
    double[][] g = new double[w.length][w[0].length];
    for (int i = 0; i < x.length; i++) {
      double[] z = new double[w.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < w.length; k++) {
        for (int j = 0; j < x[i].length; j++) {
          z[k] += w[k][j] * x[i][j];
        }
        max = Math.max(max, z[k]);
      }
      double total = 0;
      for (int k = 0; k < z.length; k++) {
        total += Math.exp(z[k] - max);
      }
      for (int k = 0; k < w.length; k++) {
        double p = Math.exp(z[k] - max) / total - (k == y[i] ? 1 : 0);
        for (int j = 0; j < x[i].length; j++) {
          g[k][j] += p * x[i][j];
        }
      }
    }
    return args((Object) g);
  }

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.inloops.InLoops").imports(IMPORT).add(cases());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.inloops.off.InLoops")
          .imports(IMPORT)
          .options("-Aadjoint.analyses=off")
          .add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }

  /**
   * Memory proportional to what must be kept: one reference per iteration on the stacks, and an
   * adjoint allocated per iteration by the backward sweep, never a copy of the array.
   */
  @Test
  void eachIterationsArrayIsRecordedByReference() {
    String generated = WITH_ANALYSES.compiled().generatedSource("adjtest.inloops.InLoopsAdjoint");
    assertTrue(generated.contains("stacks.pushDoubleArray(p);"), generated);
    assertTrue(generated.contains("p = stacks.popDoubleArray();"), generated);
    // One adjoint array, cleared per iteration, not one allocated per iteration.
    assertTrue(generated.contains("double[] pBar = null;"), generated);
    assertTrue(generated.contains("pBar = Adjoints.zeroed(pBar, p.length);"), generated);
  }
}
