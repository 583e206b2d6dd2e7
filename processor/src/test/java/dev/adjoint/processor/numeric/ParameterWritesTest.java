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
 * Writes into array parameters: the generated calls leave the caller's arrays exactly as the
 * original does, and the gradient is with respect to the values the arrays held on entry (an
 * overwritten element's adjoint goes to what was stored). The pullback still accumulates into
 * the caller's adjoint arrays (they are pre-filled by the suite). Elements read before and after
 * a write, in loops, through a row alias, through a join that may be the parameter, a matrix
 * parameter, an output buffer outside {@code wrt}, a kernel reading the written array; analyses
 * on and off. The same array passed for two parameters is pinned separately.
 */
class ParameterWritesTest {

  private static final int POINTS = 3;

  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("squareInPlace", "double[] x, double w",
                """
                for (int i = 0; i < x.length; i++) {
                  x[i] = w * x[i] * x[i];
                }
                return LinearAlgebra.sum(x);""")
            .writesArguments()
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double w = (Double) a[1];
              double[] g = new double[x.length];
              double dw = 0;
              for (int i = 0; i < x.length; i++) {
                g[i] = 2 * w * x[i];
                dw += x[i] * x[i];
              }
              return args(g, dw);
            })
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        ArrayCase.of("normalizeInPlace", "double[] x, double w",
                """
                double s = 0;
                for (double v : x) {
                  s += v * v;
                }
                double norm = Math.sqrt(s);
                for (int i = 0; i < x.length; i++) {
                  x[i] /= norm;
                }
                return w * x[0] + x[x.length - 1] * x[x.length - 1];""")
            .writesArguments()
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), 0.5, 1), u(r, -1, 1))),
        // read before and after the write: the old value's adjoint and the new one's differ
        ArrayCase.of("readBeforeAndAfter", "double[] x, double w",
                """
                double before = x[0];
                x[0] = Math.sin(w * before);
                double after = x[0];
                x[0] += before * after;
                return x[0] + before * after + x[x.length - 1];""")
            .writesArguments()
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1))),
        ArrayCase.of("matrixInPlace", "double[][] m, double w",
                """
                for (int i = 0; i < m.length; i++) {
                  for (int j = 0; j < m[i].length; j++) {
                    m[i][j] = m[i][j] * w + m[0][0];
                  }
                }
                return LinearAlgebra.trace(LinearAlgebra.matMul(m, m));""")
            .writesArguments()
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, n, -1, 1), u(r, -1, 1));
            }),
        ArrayCase.of("throughARowAlias", "double[][] m, double w",
                """
                double[] row = m[0];
                row[row.length - 1] = row[0] * w;
                return m[0][row.length - 1] * m[m.length - 1][0];""")
            .writesArguments()
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1, 1))),
        // y is x on one path: the store reaches the parameter only there
        ArrayCase.of("throughAJoin", "double[] x, double w, boolean fresh",
                """
                double[] y = x;
                if (fresh) {
                  y = new double[x.length];
                }
                y[0] = w * x[0] + y[0];
                return y[0] * x[0] + LinearAlgebra.sum(x);""")
            .writesArguments()
            .at(new double[] {0.5, -1}, 0.7, true)
            .at(new double[] {0.5, -1}, 0.7, false)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1),
                r.nextBoolean())),
        // y is x or a row of W, or a new array: the store may reach either parameter
        ArrayCase.of("throughAChoiceKeptByAnIf", "double[] x, double[][] W, int n",
                """
                double[] y = n > 0 ? x : W[0];
                if (n > 1) {
                  y = new double[2];
                }
                y[0] = y[0] * x[x.length - 1] + W[0][0];
                return y[0] * x[0] + W[0][0] * y[y.length - 1];""")
            .writesArguments()
            .at(new double[] {0.5, -1}, new double[][] {{0.25, 2}, {1, 3}}, 0)
            .at(new double[] {0.5, -1}, new double[][] {{0.25, 2}, {1, 3}}, 1)
            .at(new double[] {0.5, -1}, new double[][] {{0.25, 2}, {1, 3}}, 2)
            .random(POINTS, r -> args(vector(r, 2, -1, 1), matrix(r, 2, 2, -1, 1),
                r.nextInt(3))),
        // an output buffer nobody differentiates: its adjoint is the method's own
        ArrayCase.of("outputBuffer", "double[] out, double[] a, double w",
                """
                for (int i = 0; i < out.length; i++) {
                  out[i] = w * a[i % a.length];
                }
                return LinearAlgebra.dot(out, out);""")
            .wrt("a", "w")
            .writesArguments()
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1),
                vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1))),
        ArrayCase.of("writtenThenRebound", "double[] x, double w",
                """
                x[0] = x[0] * w;
                x = LinearAlgebra.scale(w, x);
                x[0] += 1;
                return LinearAlgebra.sum(x);""")
            .writesArguments()
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1))),
        ArrayCase.of("writtenInALoopWithExits", "double[] x, double limit",
                """
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  if (x[i] < -0.9) {
                    continue;
                  }
                  x[i] = Math.exp(x[i]) + s;
                  s += x[i];
                  if (s > limit) {
                    break;
                  }
                }
                return s + x[0];""")
            .writesArguments()
            .at(new double[] {0.5, -0.95, 0.25, 2}, 4.0)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -0.8, 1), 100.0)));
  }

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.paramwrites.Writes").imports(IMPORT).add(cases())
          .add(aliasing());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.paramwrites.off.Writes")
          .imports(IMPORT)
          .options("-Aadjoint.analyses=off")
          .add(cases());

  /** Reads y after writing x: the same array for both makes the write visible to the read. */
  private static ArrayCase aliasing() {
    return ArrayCase.of("writeOneReadOther", "double[] x, double[] y",
            """
            x[0] = y[0] * y[0];
            return x[0] * y[0] + y[y.length - 1];""")
        .writesArguments()
        .random(POINTS, r -> {
          int n = 1 + r.nextInt(3);
          return args(vector(r, n, -1, 1), vector(r, n, -1, 1));
        });
  }

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }

  /**
   * The same array for both parameters, and the same adjoint array for both: the pullback gives
   * the gradient of {@code a -> writeOneReadOther(a, a)} (what the primal computes with the
   * write visible to the later reads), and leaves {@code a} as the primal does.
   */
  @Test
  void sameArrayTwiceWithOneAdjointArray() {
    AdjointMethod m = WITH_ANALYSES.method("writeOneReadOther");
    Random random = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      double[] a = vector(random, 1 + random.nextInt(3), -1, 1);
      double[] expected = a.clone();
      double value = m.call(expected, expected);
      double[] fd = FiniteDifferences.gradient(v -> {
        double[] c = v.clone();
        return m.call(c, c);
      }, a, FiniteDifferences.DEFAULT_RELATIVE_STEP);
      double[] given = a.clone();
      double[] bar = new double[a.length];
      double got = m.pullbackWith(new Object[] {given, given}, 1.0,
          new Class<?>[] {double[].class, double[].class}, new Object[] {bar, bar});
      assertEquals(value, got, 0.0);
      assertArrayEquals(expected, given, 0.0);
      assertArrayEquals(fd, bar, 1e-6, () -> java.util.Arrays.toString(a));
    }
  }
}
