package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the recording analyses leave out: loads from arrays nothing writes later (re-read by the
 * backward sweep), a second load of the same element in one statement, loop-invariant values
 * and partial sums saved once per inner loop instead of per iteration. Each rule next to the
 * cases that must defeat it: the array written later through a join, by a call, in a later
 * iteration of an enclosing loop; invariance broken by a write in the inner loop or by a read
 * before the assignment; zero-trip inner loops, break, continue and return inside loops, nested
 * branches. Gradients against central differences, analyses on and off.
 */
class RecordLessTest {
  private static final int POINTS = 4;

  private static final String HELPERS = """
      static void axpy(double a, double[] x, double[] y) {
          for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
          }
        }

        @dev.adjoint.Differentiable
        static double sumOfSquares(double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += v[i] * v[i];
          }
          return s;
        }""";

  static List<ArrayCase> cases() {
    return List.of(
        // filled in one nest, only read in later ones: re-read, not recorded
        ArrayCase.of("filledThenRead", "double[] x, double[] y",
                """
                double[] e = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                  e[j] = Math.exp(x[j]);
                }
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                  for (int j = 0; j < x.length; j++) {
                    s += e[j] * y[i] * e[j];
                  }
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1),
                vector(r, r.nextInt(4), -1, 1))),
        // written again in a later iteration of the enclosing loop: must be recorded
        ArrayCase.of("writtenInLaterIteration", "double[] x, int steps",
                """
                double[] w = x.clone();
                double s = 0;
                for (int t = 0; t < steps; t++) {
                  for (int j = 0; j < w.length; j++) {
                    s += Math.sin(w[j]) * w[j];
                  }
                  for (int j = 0; j < w.length; j++) {
                    w[j] = w[j] * 0.5 + s;
                  }
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), 1 + r.nextInt(3))),
        // written after the read through another name for the same array
        ArrayCase.of("writtenThroughJoin", "double[] x, double c",
                """
                double[] a = x.clone();
                double[] b = new double[x.length];
                double[] v;
                if (c > 0) {
                  v = a;
                } else {
                  v = b;
                }
                double s = 0;
                for (int j = 0; j < a.length; j++) {
                  s += a[j] * a[j] * c;
                  v[j] = s;
                }
                for (int j = 0; j < a.length; j++) {
                  s += a[j] * x[j];
                }
                return s;""")
            .at(new double[] {0.5, -0.3, 0.8}, 1.5)
            .at(new double[] {0.5, -0.3, 0.8}, -1.5)
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -2, 2))),
        // read by a @Differentiable call after the loop: it writes nothing, so the loads
        // before it are re-read, not recorded
        ArrayCase.of("readByCallAfter", "double[] x, double[] y",
                """
                double[] e = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                  e[j] = Math.sin(x[j]);
                }
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                  for (int j = 0; j < e.length; j++) {
                    s = s * 0.5 + e[j] * e[j] * y[i];
                  }
                }
                return s + sumOfSquares(e);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1),
                vector(r, r.nextInt(4), -1, 1))),
        // a partial sum reset per row: its old values are never read, only the final one
        ArrayCase.of("partialSumReset", "double[][] m, double[] w, double c",
                """
                double s = 0;
                double r = c;
                for (int i = 0; i < m.length; i++) {
                  s += r * c;
                  r = -w[0];
                  for (int j = 0; j < w.length; j++) {
                    r += m[i][j] * w[j];
                  }
                  if (r > 0) {
                    r = r * r;
                  } else {
                    s += r;
                  }
                  s += Math.sin(r) * r;
                }
                return s + r;""")
            .random(POINTS, r -> {
              int cols = 1 + r.nextInt(3);
              return args(matrix(r, r.nextInt(4), cols, -1, 1), vector(r, cols, -1, 1),
                  u(r, -1, 1));
            }),
        // a value stored into its own element per iteration: read back, not recorded
        ArrayCase.of("storedThenReused", "double[] x, double c",
                """
                double[] out = new double[x.length];
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  double e = Math.exp(x[i] * c);
                  out[i] = e;
                  s += e * Math.sin(e) * c;
                }
                for (int i = 0; i < out.length; i++) {
                  s += out[i] * x[i];
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, r.nextInt(5), -1, 1), u(r, -1, 1))),
        // the same into a matrix allocated here, row by row
        ArrayCase.of("storedIntoFreshMatrix", "double[][] m",
                """
                double[][] q = new double[m.length][m.length == 0 ? 0 : m[0].length];
                double s = 0;
                for (int a = 0; a < q.length; a++) {
                  for (int b = 0; b < q[a].length; b++) {
                    double e = Math.exp(m[a][b]);
                    q[a][b] = e;
                    s += e * e;
                  }
                }
                return s + q.length;""")
            .random(POINTS, r -> args((Object) matrix(r, r.nextInt(3), 1 + r.nextInt(3),
                -1, 1))),
        // the element overwritten after the loop: must be recorded
        ArrayCase.of("storedThenOverwritten", "double[] x",
                """
                double[] out = new double[x.length];
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  double e = Math.sin(x[i]);
                  out[i] = e;
                  s += e * e * x[i];
                }
                out[0] = s;
                return s + out[0] * x[0];""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))),
        // a vector stored into in every iteration of an outer loop: rewritten, so recorded
        ArrayCase.of("storedPerOuterIteration", "double[] x, int steps",
                """
                double[] out = new double[x.length];
                double s = 0;
                for (int t = 0; t < steps; t++) {
                  for (int i = 0; i < x.length; i++) {
                    double e = Math.sin(x[i] * (t + 1) + s);
                    out[i] = e;
                    s += e * e;
                  }
                }
                return s + out[0];""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), r.nextInt(3))),
        // a parameter's elements: the caller may pass the same array for x, so recorded
        ArrayCase.of("storedIntoParameter", "double[] x, double[] out",
                """
                double s = 0;
                for (int i = 0; i < out.length; i++) {
                  double e = Math.sin(x[i % x.length] + out[i]);
                  out[i] = e;
                  s += e * e * x[0];
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1),
                vector(r, r.nextInt(4), -1, 1))),
        // a row stored into the matrix: its rows are not known to be distinct, so recorded
        ArrayCase.of("storedIntoReassignedRows", "double[] x",
                """
                double[][] q = new double[2][x.length];
                q[1] = x.clone();
                double s = 0;
                for (int a = 0; a < 2; a++) {
                  for (int b = 0; b < x.length; b++) {
                    double e = Math.sin(x[b] * (a + 1));
                    q[a][b] = e;
                    s += e * e * x[b];
                  }
                }
                return s + q[0][0];""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1))),
        // written after the read by a call
        ArrayCase.of("writtenByCall", "double[] x, double a",
                """
                double[] y = x.clone();
                double s = 0;
                for (int t = 0; t < 3; t++) {
                  for (int j = 0; j < y.length; j++) {
                    s += y[j] * y[j] * x[j];
                  }
                  axpy(a, x, y);
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1), u(r, -1, 1))),
        // an invariant load in an inner loop, with zero-trip inner loops (j from i + 1)
        ArrayCase.of("invariantLoad", "double[] x, double[] l",
                """
                double[] c = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                  c[j] = x[j] * x[j];
                }
                double[] q = new double[x.length];
                int li = 0;
                for (int i = 0; i < x.length; i++) {
                  for (int j = i + 1; j < x.length; j++) {
                    q[j] = q[j] + l[li % l.length] * c[i] * q[j] + c[i];
                    li++;
                  }
                  c[i] = c[i] * 2;
                }
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                  s += q[j] * q[j];
                }
                return s;""")
            .at(new double[] {0.7}, new double[] {0.3})
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1),
                vector(r, 1 + r.nextInt(3), -1, 1))),
        // invariance broken: the loaded element is written in the inner loop
        ArrayCase.of("invarianceBrokenByWrite", "double[] x",
                """
                double[] c = x.clone();
                double s = 0;
                for (int i = 0; i < c.length; i++) {
                  for (int j = 0; j < c.length; j++) {
                    double e = c[i];
                    s += e * Math.sin(x[j]);
                    c[i] = e * 0.5 + s;
                  }
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1))),
        // a read before the assignment in the iteration sees the previous value
        ArrayCase.of("readBeforeAssignment", "double[] x, double[] y",
                """
                double[] c = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                  c[j] = Math.cos(x[j]);
                }
                double e = 1;
                double s = 0;
                for (int i = 0; i < y.length; i++) {
                  for (int j = 0; j < x.length; j++) {
                    s += e * y[i];
                    e = c[j] * y[i];
                  }
                }
                return s + e;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1),
                vector(r, r.nextInt(3), -1, 1))),
        // partial sums reset per outer iteration, read only after their loops
        ArrayCase.of("partialSums", "double[][] m, double g",
                """
                double out = 0;
                for (int i = 0; i < m.length; i++) {
                  double f = 0.0;
                  for (int j = 0; j < m[i].length; j++) {
                    f += m[i][j] * m[i][j];
                  }
                  for (int j = 0; j < m[i].length; j++) {
                    if (m[i][j] > 0) {
                      f += g * m[i][j];
                    } else {
                      f -= Math.sin(m[i][j]);
                    }
                  }
                  out += g * g * f * f;
                }
                return out;""")
            .random(POINTS, r -> args(ArrayCase.Values.matrix(r, 1 + r.nextInt(3),
                r.nextInt(4), -1, 1), u(r, -1, 1))),
        // break and continue in the inner loop of an accumulator
        ArrayCase.of("partialSumsWithJumps", "double[] x, double[] y",
                """
                double total = 0;
                for (int i = 0; i < y.length; i++) {
                  double s = 0;
                  double e = y[i];
                  for (int j = 0; j < x.length; j++) {
                    if (x[j] < -0.8) {
                      continue;
                    }
                    s += x[j] * e * x[j];
                    if (s > 1.5) {
                      break;
                    }
                  }
                  total += s * s * e;
                }
                return total;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(5), -1, 1),
                vector(r, 1 + r.nextInt(3), -1, 1))),
        // return from inside the inner loop
        ArrayCase.of("partialSumsWithReturn", "double[] x, double[] y",
                """
                double total = 0;
                for (int i = 0; i < y.length; i++) {
                  double s = 0;
                  for (int j = 0; j < x.length; j++) {
                    s += x[j] * y[i];
                    if (s > 2) {
                      return total + s * s;
                    }
                  }
                  total += Math.sin(s);
                }
                return total;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), 0, 1),
                vector(r, 1 + r.nextInt(4), 0, 2))),
        // a running max and sum, logsumexp style, in an outer loop
        ArrayCase.of("runningMaxAndSum", "double[][] m",
                """
                double out = 0;
                for (int i = 0; i < m.length; i++) {
                  double mx = m[i][0];
                  for (int j = 1; j < m[i].length; j++) {
                    mx = Math.max(mx, m[i][j]);
                  }
                  double se = 0;
                  for (int j = 0; j < m[i].length; j++) {
                    se = se + Math.exp(m[i][j] - mx);
                  }
                  out += Math.log(se) + mx;
                }
                return out;""")
            .random(POINTS, r -> args((Object) ArrayCase.Values.matrix(r, 1 + r.nextInt(3),
                1 + r.nextInt(4), -1, 1))),
        // the same element twice in one statement, the array written between statements
        ArrayCase.of("sameElementTwice", "double[] x",
                """
                double[] q = x.clone();
                double s = 0;
                for (int t = 0; t < 2; t++) {
                  for (int j = 0; j < q.length; j++) {
                    s += q[j] * q[j] * Math.sin(q[j]);
                    q[j] = q[j] * s;
                  }
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(3), -1, 1))));
  }

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.recordless.RecordLess").members(HELPERS).add(cases());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.recordless.off.RecordLess").members(HELPERS)
          .options("-Aadjoint.analyses=off").add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }

  /** A value its element keeps is read back; one whose element is written again is pushed. */
  @Test
  void storedValuesAreReadBackWhereTheirElementKeepsThem() {
    String generated = WITH_ANALYSES.compiled().generatedSource(
        "adjtest.recordless.RecordLessAdjoint");
    for (String kept : List.of("storedThenReused", "storedIntoFreshMatrix")) {
      String body = pullback(generated, kept);
      assertFalse(body.contains("pushDouble(e)"), body);
    }
    for (String rewritten : List.of("storedThenOverwritten", "storedPerOuterIteration",
        "storedIntoReassignedRows", "storedIntoParameter")) {
      String body = pullback(generated, rewritten);
      assertTrue(body.contains("pushDouble(e)"), body);
    }
  }

  /** The body of the pullback overload that does the work (the last one declared). */
  private static String pullback(String source, String method) {
    int start = source.lastIndexOf(" " + method + "Pullback(");
    int end = source.indexOf("\n    }\n", start);
    return source.substring(start, end);
  }
}
