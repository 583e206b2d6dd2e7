package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Array variables bound more than once ({@code y = LinearAlgebra.scale(3, y)}, {@code M =
 * matMul(M, M)}, {@code a = new double[3]}, a parameter rebound, rebinding in one or both
 * branches of an {@code if}, after an early return, mixed with element writes, stacked layers
 * {@code h = tanh(matVec(W, h))}): each binding is its own array with its own adjoint. Record
 * call and pullback against finite differences and closed forms, with analyses on and off.
 * Before each binding got its own variable, the pullback read the new array as the old one and
 * shared one adjoint buffer between them ({@code scaleTwice} gave 8 for 6).
 */
class ArrayRebindingTest {

  private static final int POINTS = 3;

  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("scaleTwice", "double[] a",
                """
                double[] y = LinearAlgebra.scale(2.0, a);
                y = LinearAlgebra.scale(3.0, y);
                return LinearAlgebra.sum(y);""")
            .closedForm(a -> args(filled(((double[]) a[0]).length, 6)))
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))),
        ArrayCase.of("expOfRebound", "double[] a, double[] c",
                """
                double[] y = LinearAlgebra.scale(0.5, a);
                y = LinearAlgebra.exp(y);
                return LinearAlgebra.dot(c, y);""")
            .wrt("a")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double[] c = (double[]) a[1];
              double[] g = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                g[i] = 0.5 * c[i] * Math.exp(0.5 * x[i]);
              }
              return args(g);
            })
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
            }),
        ArrayCase.of("addToRebound", "double[] a, double[] b",
                """
                double[] y = LinearAlgebra.hadamard(a, a);
                y = LinearAlgebra.add(y, b);
                y = LinearAlgebra.add(y, y);
                return LinearAlgebra.sum(y);""")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double[] g = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                g[i] = 4 * x[i];
              }
              return args(g, filled(x.length, 2));
            })
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
            }),
        // log(exp(a)) = a: gave infinities when the pullback of log read exp's result as log's
        ArrayCase.of("logOfExp", "double[] a, double[] c",
                """
                double[] y = LinearAlgebra.exp(a);
                y = LinearAlgebra.log(y);
                return LinearAlgebra.dot(c, y);""")
            .wrt("a")
            .closedForm(a -> args(((double[]) a[1]).clone()))
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
            }),
        ArrayCase.of("matrixSquaredAndTransposed", "double[][] A, double[][] C",
                """
                double[][] M = LinearAlgebra.scaleMatrix(1.5, A);
                M = LinearAlgebra.matMul(M, M);
                M = LinearAlgebra.transpose(M);
                double s = 0;
                for (int i = 0; i < M.length; i++) {
                  for (int j = 0; j < M[i].length; j++) {
                    s += C[i][j] * M[i][j];
                  }
                }
                return s;""")
            .wrt("A")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, n, -1, 1), matrix(r, n, n, -1, 1));
            }),
        ArrayCase.of("reboundInIf", "double[] a, boolean flip",
                """
                double[] y = LinearAlgebra.scale(2.0, a);
                if (flip) {
                  y = LinearAlgebra.scale(3.0, y);
                }
                return LinearAlgebra.sum(y);""")
            .closedForm(a -> args(filled(((double[]) a[0]).length, (Boolean) a[1] ? 6 : 2)))
            .at(new double[] {0.5, -1}, true)
            .at(new double[] {0.5, -1}, false)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), r.nextBoolean())),
        ArrayCase.of("reboundInIfElse", "double[] a, double[] c, boolean flip",
                """
                double[] y = LinearAlgebra.scale(2.0, a);
                if (flip) {
                  y = LinearAlgebra.exp(y);
                } else {
                  y = LinearAlgebra.tanh(y);
                  y = LinearAlgebra.scale(3.0, y);
                }
                return LinearAlgebra.dot(c, y);""")
            .wrt("a")
            .at(new double[] {0.5, -1}, new double[] {1, 2}, true)
            .at(new double[] {0.5, -1}, new double[] {1, 2}, false)
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1), r.nextBoolean());
            }),
        ArrayCase.of("reboundInNestedIfs", "double[] a, double x, boolean p, boolean q",
                """
                double[] y = LinearAlgebra.scale(x, a);
                if (p) {
                  y = LinearAlgebra.sigmoid(y);
                  if (q) {
                    y = LinearAlgebra.hadamard(y, a);
                  }
                } else if (q) {
                  y = LinearAlgebra.exp(y);
                }
                return LinearAlgebra.squaredNorm(y) + x * LinearAlgebra.sum(y);""")
            .at(new double[] {0.5, -1}, 0.7, true, true)
            .at(new double[] {0.5, -1}, 0.7, true, false)
            .at(new double[] {0.5, -1}, 0.7, false, true)
            .at(new double[] {0.5, -1}, 0.7, false, false)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1),
                r.nextBoolean(), r.nextBoolean())),
        // the code after an early return is copied into a branch, and y rebound there
        ArrayCase.of("reboundAfterEarlyReturn", "double[] a, boolean stop",
                """
                double[] y = LinearAlgebra.exp(a);
                if (stop) {
                  return LinearAlgebra.sum(y);
                }
                y = LinearAlgebra.scale(3.0, y);
                return LinearAlgebra.sum(y);""")
            .at(new double[] {0.5, -1}, true)
            .at(new double[] {0.5, -1}, false)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), r.nextBoolean())),
        // declared without a value, bound in both branches: one variable for both
        ArrayCase.of("boundInBothBranches", "double[] a, double[] b, boolean flip",
                """
                double[] y;
                if (flip) {
                  y = LinearAlgebra.exp(a);
                } else {
                  y = b;
                }
                return LinearAlgebra.dot(y, a);""")
            .at(new double[] {0.5, -1}, new double[] {1, 2}, true)
            .at(new double[] {0.5, -1}, new double[] {1, 2}, false)
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1), r.nextBoolean());
            }),
        // a = new double[1] again: the second array is empty; gave 2 for 1
        ArrayCase.of("reallocated", "double x",
                """
                double[] a = new double[1];
                a[0] = x;
                a = new double[1];
                return a[0] + x;""")
            .closedForm(a -> args(1.0))
            .random(POINTS, r -> args(u(r, -2, 2))),
        // larger the second time: indexing the first array's adjoint threw
        ArrayCase.of("reallocatedLarger", "double x",
                """
                double[] a = new double[1];
                a[0] = x * x;
                double first = a[0];
                a = new double[3];
                a[2] = 3 * x;
                a[1] = first * a[2];
                return a[0] + a[1] + a[2];""")
            .closedForm(a -> {
              double x = (Double) a[0];
              return args(9 * x * x + 3);
            })
            .random(POINTS, r -> args(u(r, -2, 2))),
        ArrayCase.of("reallocatedInIf", "double x, boolean grow",
                """
                double[] a = new double[2];
                a[0] = x;
                if (grow) {
                  a = new double[3];
                  a[2] = x * x;
                }
                a[1] = 3 * x;
                return a[0] + a[1] + a[a.length - 1];""")
            .random(POINTS, r -> args(u(r, -2, 2), r.nextBoolean())),
        ArrayCase.of("parameterRebound", "double[] a, double[] c",
                """
                a = LinearAlgebra.scale(2.0, a);
                a = LinearAlgebra.exp(a);
                return LinearAlgebra.dot(a, c);""")
            .wrt("a")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double[] c = (double[]) a[1];
              double[] g = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                g[i] = 2 * c[i] * Math.exp(2 * x[i]);
              }
              return args(g);
            })
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
            }),
        // once rebound, the parameter's name holds the method's own array, which it may write
        ArrayCase.of("parameterReboundThenWritten", "double[] a, double x",
                """
                a = LinearAlgebra.scale(x, a);
                a[0] *= x;
                double s = a[0];
                a = new double[2];
                a[1] = s * s;
                return a[1] + s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        // y may still be the parameter after the if: its adjoint is the parameter's
        ArrayCase.of("parameterKeptOnOneBranch", "double[] a, double[] c, boolean flip",
                """
                double[] y = a;
                if (flip) {
                  y = LinearAlgebra.scale(3.0, y);
                }
                return LinearAlgebra.dot(y, c) + y[0];""")
            .wrt("a")
            .at(new double[] {0.5, -1}, new double[] {1, 2}, true)
            .at(new double[] {0.5, -1}, new double[] {1, 2}, false)
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1), r.nextBoolean());
            }),
        // the kept array is not differentiated: the join gets zeros for it
        ArrayCase.of("undifferentiatedKeptOnOneBranch", "double[] a, double[] b, boolean flip",
                """
                double[] y = b;
                if (flip) {
                  y = LinearAlgebra.hadamard(a, y);
                }
                return LinearAlgebra.dot(y, y);""")
            .wrt("a")
            .at(new double[] {0.5, -1}, new double[] {1, 2}, true)
            .at(new double[] {0.5, -1}, new double[] {1, 2}, false)
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1), r.nextBoolean());
            }),
        // a row alias rebound to another row (rejected as "assigned more than once" before)
        ArrayCase.of("rowAliasRebound", "double[][] m",
                """
                double[] r = m[0];
                double s = r[0];
                r = m[1];
                return s * r[0] + r[1];""")
            .random(POINTS, r -> new Object[] {matrix(r, 2, 2, -1, 1)}),
        ArrayCase.of("rowChosenByIf", "double[][] m, boolean second",
                """
                double[] r = m[0];
                if (second) {
                  r = m[1];
                }
                return r[0] * r[1] + m[0][1];""")
            .at(new double[][] {{0.5, -1}, {2, 0.25}}, true)
            .at(new double[][] {{0.5, -1}, {2, 0.25}}, false)
            .random(POINTS, r -> args(matrix(r, 2, 2, -1, 1), r.nextBoolean())),
        // element writes before and after a rebinding, through the join
        ArrayCase.of("elementWritesAroundRebinding", "double[] a, double x, boolean flip",
                """
                double[] y = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  y[i] = a[i] * x;
                }
                y = LinearAlgebra.exp(y);
                double[] z = new double[2];
                z[0] = x;
                if (flip) {
                  z = new double[2];
                  z[0] = x * x;
                }
                z[1] = z[0] * x;
                return LinearAlgebra.sum(y) + z[0] + z[1];""")
            .at(new double[] {0.5, -1}, 0.75, true)
            .at(new double[] {0.5, -1}, 0.75, false)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1),
                r.nextBoolean())),
        // the brief's mixing: scale's pullback never reads its result, so y2 may be written
        ArrayCase.of("elementWriteIntoReboundArray", "double[] a, double x",
                """
                double[] y = LinearAlgebra.exp(a);
                y = LinearAlgebra.scale(2.0, y);
                y[0] = y[0] * x;
                y[y.length - 1] += x * x;
                return LinearAlgebra.sum(y);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        ArrayCase.of("stackedLayers", "double[][] W1, double[][] W2, double[] x",
                """
                double[] h = LinearAlgebra.tanh(LinearAlgebra.matVec(W1, x));
                h = LinearAlgebra.tanh(LinearAlgebra.matVec(W2, h));
                h = LinearAlgebra.sigmoid(LinearAlgebra.matVec(W2, h));
                return LinearAlgebra.squaredNorm(h);""")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, n, -1, 1), matrix(r, n, n, -1, 1), vector(r, n, -1, 1));
            }),
        ArrayCase.of("intArrayRebound", "double[] x",
                """
                int[] k = new int[1];
                k[0] = 1;
                double s = x[k[0]] * x[0];
                k = new int[2];
                k[1] = 0;
                return s + x[k[1]] * x[k[0]];""")
            .random(POINTS, r -> args(vector(r, 2, -1, 1))),
        // loops reading a rebound array
        ArrayCase.of("loopsOverReboundArrays", "double[] a, int n",
                """
                double[] y = LinearAlgebra.tanh(a);
                y = LinearAlgebra.scale(2.0, y);
                double s = 0;
                for (int k = 0; k < n; k++) {
                  for (int i = 0; i < y.length; i++) {
                    s += y[i] * a[i] * k;
                  }
                }
                return s + LinearAlgebra.sum(y);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), r.nextInt(3))));
  }

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.rebinding.Rebinding").imports(IMPORT).add(cases());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.rebinding.off.Rebinding")
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

  /** Each binding keeps the user's name with a suffix, and so does its adjoint. */
  @Test
  void versionsAreNamedAfterTheUsersVariable() {
    String generated =
        WITH_ANALYSES.compiled().generatedSource("adjtest.rebinding.RebindingAdjoint");
    assertTrue(generated.contains("double[] y2 = LinearAlgebra.scale(3.0, y);"), generated);
    assertTrue(generated.contains("LinearAlgebra.scalePullback(3.0, y, y2, y2Bar, yBar);"),
        generated);
    assertTrue(generated.contains("double[] a2 = LinearAlgebra.scale(2.0, a);"), generated);
  }

  private static double[] filled(int n, double v) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return out;
  }
}
