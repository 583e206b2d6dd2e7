package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Whole rows assigned a new array, {@code h[t + 1] = tanh(matVec(W, h[t]))}: the shape of a
 * recurrent network, an Euler trajectory, a matrix built row by row. Rows of {@code new
 * double[n][]} and of {@code new double[n][m]}, replaced in loops and branches, read by kernels
 * before and after they are replaced, a row replaced by a function of itself, read through an
 * alias first, written element by element after a {@code new} row. Gradients against finite
 * differences and closed forms, with the analyses and without.
 */
class RowAssignmentTest {
  private static final int POINTS = 4;
  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("recurrent", "double[][] W, double[] h0, int T",
                """
                double[][] h = new double[T + 1][];
                h[0] = h0.clone();
                for (int t = 0; t < T; t++) {
                  h[t + 1] = LinearAlgebra.tanh(LinearAlgebra.matVec(W, h[t]));
                }
                double s = 0;
                for (int t = 1; t <= T; t++) {
                  s += LinearAlgebra.dot(h[t], h[t]) * t;
                }
                return s;""")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, n, -1, 1), vector(r, n, -1, 1), r.nextInt(4));
            }),
        ArrayCase.of("euler", "double[] x0, double k, double dt, int steps",
                """
                double[][] x = new double[steps + 1][x0.length];
                x[0] = java.util.Arrays.copyOf(x0, x0.length);
                for (int s = 0; s < steps; s++) {
                  double[] drift = LinearAlgebra.scale(-k, LinearAlgebra.hadamard(x[s], x[s]));
                  x[s + 1] = LinearAlgebra.add(x[s], LinearAlgebra.scale(dt, drift));
                }
                return LinearAlgebra.sum(x[steps]);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, 0.1, 1),
                u(r, 0.05, 0.2), 1 + r.nextInt(5))),
        ArrayCase.of("rowsFromInitializers", "double x, double y",
                """
                double[][] m = new double[2][];
                m[0] = new double[] {x, x * y};
                m[1] = new double[] {y * y, 2};
                return m[0][0] * m[1][1] + m[0][1] * m[1][0];""")
            .closedForm(a -> {
              double x = (Double) a[0];
              double y = (Double) a[1];
              return args(2 + y * y * y, 3 * x * y * y);
            })
            .random(POINTS, r -> args(u(r, -1, 1), u(r, -1, 1))),
        // the whole matrix read by a kernel, then a row replaced, then read again
        ArrayCase.of("readBeforeAndAfter", "double[][] a, double[] v, double w",
                """
                double[][] m = new double[a.length][];
                for (int i = 0; i < a.length; i++) {
                  m[i] = LinearAlgebra.scale(w, a[i]);
                }
                double before = LinearAlgebra.sum(LinearAlgebra.matVec(m, v));
                m[0] = LinearAlgebra.scale(2, m[m.length - 1]);
                return before * LinearAlgebra.sum(LinearAlgebra.matVec(m, v));""")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, 2, -1, 1), vector(r, 2, -1, 1), u(r, -1, 1));
            }),
        ArrayCase.of("replacedByItself", "double[][] a, double w",
                """
                double[][] m = new double[a.length][];
                for (int i = 0; i < a.length; i++) {
                  m[i] = a[i].clone();
                }
                for (int k = 0; k < 2; k++) {
                  for (int i = 0; i < m.length; i++) {
                    m[i] = LinearAlgebra.tanh(LinearAlgebra.scale(w, m[i]));
                  }
                }
                double s = 0;
                for (double[] row : m) {
                  s += LinearAlgebra.dot(row, row);
                }
                return s;""")
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1.5, 1.5))),
        ArrayCase.of("inABranch", "double[] x, double c, int n",
                """
                double[][] m = new double[n][x.length];
                for (int i = 0; i < n; i++) {
                  if (x[0] * i > c) {
                    m[i] = LinearAlgebra.scale(i + 1, x);
                  } else if (i % 2 == 0) {
                    m[i] = LinearAlgebra.hadamard(x, x);
                  }
                  m[i][0] += c * x[0];
                }
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += LinearAlgebra.dot(m[i], x);
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -0.5, 0.5),
                r.nextInt(4))),
        // an alias read before its row is replaced; a new row written element by element
        ArrayCase.of("aliasThenRow", "double[] x, double w, int n",
                """
                double[][] h = new double[n + 1][];
                h[0] = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                  h[0][j] = x[j] * w;
                }
                for (int t = 0; t < n; t++) {
                  double[] prev = h[t];
                  double p = prev[0];
                  h[t + 1] = LinearAlgebra.add(prev, LinearAlgebra.scale(p, x));
                }
                return LinearAlgebra.dot(h[n], x);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1),
                r.nextInt(4))),
        // a row from a helper returning double[], and from a @Differentiable one
        ArrayCase.of("rowsFromHelpers", "double[] x, double w",
                """
                double[][] m = new double[3][];
                m[0] = layer(x, w);
                m[1] = layer(m[0], w * w);
                m[2] = new double[] {m[1][0], w};
                return LinearAlgebra.sum(m[2]) + LinearAlgebra.dot(m[0], m[1]);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1))));
  }

  private static final String HELPERS = """
      static double[] layer(double[] x, double w) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.sin(w * x[i]) + x[i];
        }
        return y;
      }""";

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.rows.Rows").imports(IMPORT).members(HELPERS).add(cases());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.rows.off.Rows").imports(IMPORT).members(HELPERS)
          .options("-Aadjoint.analyses=off").add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }

  /** The recurrent case against an exact forward-mode reference (Hipparchus), every input. */
  @Test
  void recurrentMatchesForwardMode() {
    Random r = new Random(3);
    for (int trial = 0; trial < 5; trial++) {
      int n = 1 + r.nextInt(3);
      int steps = 1 + r.nextInt(4);
      double[][] w = matrix(r, n, n, -1, 1);
      double[] h0 = vector(r, n, -1, 1);
      DSFactory f = new DSFactory(n * n + n, 1);
      DerivativeStructure[][] wd = new DerivativeStructure[n][n];
      DerivativeStructure[] h = new DerivativeStructure[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          wd[i][j] = f.variable(i * n + j, w[i][j]);
        }
        h[i] = f.variable(n * n + i, h0[i]);
      }
      DerivativeStructure s = f.constant(0);
      for (int t = 1; t <= steps; t++) {
        DerivativeStructure[] next = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
          DerivativeStructure z = f.constant(0);
          for (int j = 0; j < n; j++) {
            z = z.add(wd[i][j].multiply(h[j]));
          }
          next[i] = z.tanh();
          s = s.add(next[i].multiply(next[i]).multiply(t));
        }
        h = next;
      }
      for (ArraySuite suite : List.of(WITH_ANALYSES, ANALYSES_OFF)) {
        Object[] record = suite.method("recurrent").recordComponentValues(w, h0, steps);
        double[] g = new double[n * n + n];
        for (int i = 0; i < n; i++) {
          System.arraycopy(((double[][]) record[1])[i], 0, g, i * n, n);
        }
        System.arraycopy((double[]) record[2], 0, g, n * n, n);
        for (int k = 0; k < n * n + n; k++) {
          int[] order = new int[n * n + n];
          order[k] = 1;
          assertEquals(s.getPartialDerivative(order), g[k],
              1e-12 * Math.max(1, Math.abs(s.getPartialDerivative(order))), "coordinate " + k);
        }
      }
    }
  }
}
