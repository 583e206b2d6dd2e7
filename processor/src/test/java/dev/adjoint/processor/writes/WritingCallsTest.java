package dev.adjoint.processor.writes;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.numeric.ArrayCase;
import dev.adjoint.processor.numeric.ArraySuite;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Calls of void helpers and of methods that write into their array arguments, read into the
 * caller: the written array a local, the caller's parameter, a matrix row, the same array
 * passed twice, the call in a loop, the array read and written again after the call, a helper
 * calling another writing helper, a helper of another class, a double helper that also writes.
 * Each against central differences, and against Hipparchus where written out below; analyses
 * on and off.
 */
class WritingCallsTest {

  private static final int POINTS = 3;

  static final String[] HELPERS = {
      """
      static void axpy(double a, double[] x, double[] y) {
          for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
          }
        }""",
      """
      static void softmaxInPlace(double[] v) {
          double m = v[0];
          for (int i = 1; i < v.length; i++) {
            m = Math.max(m, v[i]);
          }
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - m);
            s += v[i];
          }
          for (int i = 0; i < v.length; i++) {
            v[i] /= s;
          }
        }""",
      """
      static void matVecInto(double[][] w, double[] x, double[] out) {
          for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
              s += w[i][j] * x[j];
            }
            out[i] = s;
          }
        }""",
      // calls another writing helper
      """
      static void layer(double[][] w, double[] x, double[] out) {
          matVecInto(w, x, out);
          for (int i = 0; i < out.length; i++) {
            out[i] = Math.tanh(out[i]);
          }
        }""",
      // a double helper that also writes: scales v to unit length, returns the old norm
      """
      static double normalize(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
          }
          double n = Math.sqrt(s);
          for (int i = 0; i < v.length; i++) {
            v[i] = v[i] / n;
          }
          return n;
        }""",
      // writes only through the helper it calls, and returns a value
      """
      static double accumulate(double a, double[] x, double[] y) {
          axpy(a, x, y);
          return y[0];
        }""",
      // a helper of another class
      """
      static final class Ops {
          private Ops() {}
          static void scaleInto(double c, double[] v) {
            for (int i = 0; i < v.length; i++) {
              v[i] *= c;
            }
          }
        }"""
  };

  static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("intoALocal", "double a, double[] x",
                """
                double[] y = new double[x.length];
                axpy(a, x, y);
                axpy(a * a, x, y);
                return y[0] * y[x.length - 1];""")
            .closedForm(p -> exact(p, (d, v) -> {
              // y = (a + a^2) x
              DerivativeStructure c = d[0].add(d[0].multiply(d[0]));
              return c.multiply(v[0]).multiply(c.multiply(v[v.length - 1]));
            }))
            .random(POINTS, r -> args(u(r, -1, 1), vector(r, 1 + r.nextInt(4), -1, 1))),
        ArrayCase.of("intoTheCallersParameter", "double a, double[] x, double[] y",
                """
                axpy(a, x, y);
                return y[0] * y[0] + x[0];""")
            .writesArguments()
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(u(r, -1, 1), vector(r, n, -1, 1), vector(r, n, -1, 1));
            }),
        ArrayCase.of("intoAMatrixRow", "double a, double[] x, double[][] m",
                """
                for (int i = 0; i < m.length; i++) {
                  axpy(a * i, x, m[i]);
                }
                axpy(a, m[0], m[m.length - 1]);
                return m[m.length - 1][0] * m[0][x.length - 1];""")
            .writesArguments()
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(u(r, -1, 1), vector(r, n, -1, 1), matrix(r, 1 + r.nextInt(3), n, -1,
                  1));
            }),
        ArrayCase.of("sameArrayTwice", "double a, double[] x",
                """
                double[] y = new double[x.length];
                axpy(1, x, y);
                axpy(a, y, y);
                return y[0] * y[y.length - 1];""")
            .closedForm(p -> exact(p, (d, v) -> {
              DerivativeStructure c = d[0].add(1);
              return c.multiply(v[0]).multiply(c.multiply(v[v.length - 1]));
            }))
            .random(POINTS, r -> args(u(r, -1, 1), vector(r, 1 + r.nextInt(4), -1, 1))),
        ArrayCase.of("inALoop", "double a, double[] x, int steps",
                """
                double[] y = new double[x.length];
                axpy(1, x, y);
                double s = 0;
                for (int k = 0; k < steps; k++) {
                  softmaxInPlace(y);
                  s += y[0];
                  axpy(a, x, y);
                }
                return s + y[y.length - 1];""")
            .random(POINTS, r -> args(u(r, -1, 1), vector(r, 1 + r.nextInt(4), -1, 1),
                r.nextInt(4))),
        ArrayCase.of("readAndWrittenAgain", "double a, double[] x",
                """
                double[] y = new double[x.length];
                axpy(a, x, y);
                double before = y[0];
                softmaxInPlace(y);
                y[0] = y[0] * before;
                axpy(before, y, y);
                return y[0] + y[y.length - 1] * before;""")
            .random(POINTS, r -> args(u(r, -1, 1), vector(r, 1 + r.nextInt(4), -1, 1))),
        ArrayCase.of("helperCallingAHelper", "double[][] w, double[] x",
                """
                double[] h = new double[w.length];
                layer(w, x, h);
                double[] o = new double[w.length];
                layer(w, h, o);
                return o[0] * h[h.length - 1];""")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(matrix(r, n, n, -1, 1), vector(r, n, -1, 1));
            }),
        ArrayCase.of("anotherClass", "double c, double[] x",
                """
                double[] v = new double[x.length];
                axpy(1, x, v);
                Ops.scaleInto(c, v);
                Ops.scaleInto(c, v);
                return v[0];""")
            .closedForm(p -> exact(p, (d, v) -> d[0].multiply(d[0]).multiply(v[0])))
            .random(POINTS, r -> args(u(r, -1, 1), vector(r, 1 + r.nextInt(3), -1, 1))),
        ArrayCase.of("doubleHelperThatWrites", "double a, double[] x",
                """
                double[] v = new double[x.length];
                axpy(a, x, v);
                double n = normalize(v) * 2 + v[0];
                return n * v[v.length - 1];""")
            .random(POINTS, r -> args(u(r, 0.5, 1), vector(r, 1 + r.nextInt(3), 0.5, 1))),
        ArrayCase.of("writesThroughItsCallee", "double a, double[] x, double[] y",
                """
                double r = accumulate(a, x, y) * y[y.length - 1];
                return r + accumulate(r, y, x) * x[0];""")
            .writesArguments()
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(3);
              return args(u(r, -1, 1), vector(r, n, -1, 1), vector(r, n, -1, 1));
            }));
  }

  /**
   * The exact gradient, by Hipparchus, of {@code f(s, x)} at a point {@code (s, x)} of a scalar
   * and an array: one derivative variable per coordinate.
   */
  private static Object[] exact(Object[] point, java.util.function.BiFunction<
      DerivativeStructure[], DerivativeStructure[], DerivativeStructure> f) {
    double[] x = (double[]) point[1];
    DSFactory factory = new DSFactory(1 + x.length, 1);
    DerivativeStructure[] s = {factory.variable(0, (Double) point[0])};
    DerivativeStructure[] v = new DerivativeStructure[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = factory.variable(1 + i, x[i]);
    }
    DerivativeStructure y = f.apply(s, v);
    double[] all = y.getAllDerivatives();
    double[] dx = new double[x.length];
    System.arraycopy(all, 2, dx, 0, x.length);
    return args(all[1], dx);
  }

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.writes.Calls").members(HELPERS).add(cases());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.writes.off.Calls").members(HELPERS)
          .options("-Aadjoint.analyses=off").add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }
}
