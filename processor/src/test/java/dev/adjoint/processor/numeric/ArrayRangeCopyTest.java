package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code System.arraycopy} and {@code Arrays.fill(a, from, to, v)}, read as the element stores
 * they make: copies into locals, parameters and matrix rows, within one array in both
 * directions (where Java's copy reads every element before overwriting it), in loops, the deep
 * copy of a matrix row by row, {@code int[]} copies of indices, fills of a range and of a row.
 * Gradients against finite differences and closed forms, with the analyses and without.
 */
class ArrayRangeCopyTest {
  private static final int POINTS = 4;
  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("shiftRight", "double[] x, double w",
                """
                double[] y = new double[x.length + 1];
                System.arraycopy(x, 0, y, 1, x.length);
                y[0] = w;
                return LinearAlgebra.dot(y, y) * w;""")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double w = (Double) a[1];
              double s = w * w;
              for (double v : x) {
                s += v * v;
              }
              double[] g = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                g[i] = 2 * x[i] * w;
              }
              return args(g, s + 2 * w * w);
            })
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        // within one array, both directions and the count decided at run time:
        // y[to + k] = y[from + k] as if through a temporary copy
        ArrayCase.of("overlappingCopy", "double[] x, int from, int to, int n",
                """
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                  y[i] = x[i] * (i + 1);
                }
                System.arraycopy(y, from, y, to, n);
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                  s += y[i] * y[i] * (i + 2);
                }
                return s;""")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              int from = (Integer) a[1];
              int to = (Integer) a[2];
              int n = (Integer) a[3];
              int len = x.length;
              int[] origin = new int[len]; // which x element each y element holds
              for (int i = 0; i < len; i++) {
                origin[i] = i;
              }
              int[] before = origin.clone();
              for (int k = 0; k < n; k++) {
                origin[to + k] = before[from + k];
              }
              double[] g = new double[len];
              for (int i = 0; i < len; i++) {
                int o = origin[i];
                double yi = x[o] * (o + 1);
                g[o] += 2 * yi * (i + 2) * (o + 1);
              }
              return args(g);
            })
            .at(new double[] {0.3, -0.7, 1.1, 0.5, -0.2}, 0, 2, 3)
            .at(new double[] {0.3, -0.7, 1.1, 0.5, -0.2}, 2, 0, 3)
            .at(new double[] {0.3, -0.7, 1.1, 0.5, -0.2}, 1, 2, 3)
            .at(new double[] {0.3, -0.7, 1.1, 0.5, -0.2}, 1, 1, 4)
            .at(new double[] {0.3, -0.7, 1.1, 0.5, -0.2}, 4, 0, 0),
        ArrayCase.of("copyIntoAParameter", "double[] x, double[] src, double w",
                """
                double before = x[0] * x[x.length - 1];
                System.arraycopy(src, 0, x, 1, x.length - 1);
                x[0] *= w;
                return before + LinearAlgebra.dot(x, x) * w;""")
            .writesArguments()
            .random(POINTS, r -> {
              int n = 2 + r.nextInt(3);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1), u(r, -1, 1));
            }),
        // the deep copy of a matrix: rows copied, so writing the copy leaves m alone
        ArrayCase.of("deepCopyOfAMatrix", "double[][] m, double w",
                """
                double[][] c = new double[m.length][m[0].length];
                for (int i = 0; i < m.length; i++) {
                  System.arraycopy(m[i], 0, c[i], 0, m[i].length);
                }
                c[0][0] = w * c[0][0];
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                  s += LinearAlgebra.dot(c[i], m[i]);
                }
                return s;""")
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1, 1))),
        ArrayCase.of("rowsOfOneMatrix", "double[][] m, double w",
                """
                double[][] a = new double[m.length + 1][m[0].length];
                System.arraycopy(m[0], 0, a[0], 0, m[0].length);
                for (int i = 0; i < m.length; i++) {
                  System.arraycopy(a[i], 0, a[i + 1], 0, a[i].length);
                  a[i + 1][0] += m[i][0] * w;
                }
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += LinearAlgebra.squaredNorm(a[i]) * (i + 1);
                }
                return s;""")
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1, 1))),
        ArrayCase.of("copyInALoopFromAKernel", "double[] x, double w",
                """
                double[] acc = new double[x.length];
                double s = 0;
                for (int t = 0; t < 3; t++) {
                  double[] h = LinearAlgebra.tanh(LinearAlgebra.scale(w, x));
                  System.arraycopy(h, 0, acc, 0, h.length);
                  acc[0] += s;
                  for (int j = 0; j < acc.length; j++) {
                    s += acc[j] * x[j];
                  }
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        ArrayCase.of("intIndicesCopied", "double[] x, int[] order",
                """
                int[] idx = new int[order.length];
                System.arraycopy(order, 0, idx, 0, order.length);
                double s = 0;
                for (int i = 0; i < idx.length; i++) {
                  s += x[idx[i]] * x[idx[i]] * (i + 1);
                }
                return s;""")
            .at(new double[] {0.4, -1.2, 0.9}, new int[] {2, 0, 2, 1}),
        // a fill of a range: those elements' adjoints dropped, the value's their sum
        ArrayCase.of("fillARange", "double[] x, double w",
                """
                double[] y = x.clone();
                java.util.Arrays.fill(y, 1, y.length, w * x[0]);
                return LinearAlgebra.squaredNorm(y) + y[y.length - 1] * w;""")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double w = (Double) a[1];
              int n = x.length;
              double v = w * x[0];
              double dv = 2 * v * (n - 1) + w; // n >= 2
              double[] g = new double[n];
              g[0] = 2 * x[0] + dv * w;
              return args(g, dv * x[0] + v);
            })
            .random(POINTS, r -> args(vector(r, 2 + r.nextInt(3), -1, 1), u(r, -1, 1))),
        ArrayCase.of("fillARowRange", "double[][] m, double w, int j",
                """
                double[][] a = new double[m.length][m[0].length];
                for (int i = 0; i < m.length; i++) {
                  System.arraycopy(m[i], 0, a[i], 0, m[i].length);
                  java.util.Arrays.fill(a[i + 0], j, a[i].length, a[i][0] * w);
                }
                java.util.Arrays.fill(m[m.length - 1], 0, j, w);
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                  s += LinearAlgebra.dot(a[i], m[i]);
                }
                return s;""")
            .writesArguments()
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 2 + r.nextInt(2), -1, 1),
                u(r, -1, 1), 1)));
  }

  /** Two parameters, which a caller may make one array: then the copy overlaps. */
  private static ArrayCase betweenParameters() {
    return ArrayCase.of("copyBetweenParameters", "double[] x, double[] y, int from, int to",
            """
            for (int i = 0; i < x.length; i++) {
              x[i] *= x[i] + i;
            }
            System.arraycopy(x, from, y, to, x.length - Math.max(from, to));
            double s = 0;
            for (int i = 0; i < y.length; i++) {
              s += y[i] * (i + 1) + x[i] * x[i];
            }
            return s;""")
        .writesArguments()
        .random(POINTS, r -> {
          int n = 2 + r.nextInt(3);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1), r.nextInt(2), r.nextInt(2));
        });
  }

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.ranges.Ranges").imports(IMPORT).add(cases())
          .add(betweenParameters());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.ranges.off.Ranges").imports(IMPORT)
          .options("-Aadjoint.analyses=off").add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }

  /**
   * The same array for both parameters and one adjoint array for both: the copy within that
   * array runs as Java's does (each element read before it is overwritten, in either
   * direction), and the pullback gives the gradient of {@code a -> copyBetweenParameters(a, a)}.
   */
  @Test
  void sameArrayForSourceAndTarget() {
    AdjointMethod m = WITH_ANALYSES.method("copyBetweenParameters");
    Random random = new Random(5);
    for (int trial = 0; trial < 6; trial++) {
      double[] a = vector(random, 3 + random.nextInt(3), -1, 1);
      int from = trial % 2;
      int to = 1 - from;
      double[] expected = a.clone();
      double value = m.call(expected, expected, from, to);
      double[] fd = FiniteDifferences.gradient(v -> {
        double[] c = v.clone();
        return m.call(c, c, from, to);
      }, a, FiniteDifferences.DEFAULT_RELATIVE_STEP);
      double[] given = a.clone();
      double[] bar = new double[a.length];
      double got = m.pullbackWith(new Object[] {given, given, from, to}, 1.0,
          new Class<?>[] {double[].class, double[].class},
          new Object[] {bar, bar});
      assertEquals(value, got, 0.0);
      assertArrayEquals(expected, given, 0.0);
      assertArrayEquals(fd, bar, 1e-6, () -> java.util.Arrays.toString(a) + " " + from);
    }
  }
}
