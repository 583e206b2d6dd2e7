package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Counted loops ({@code analysis.LoopBounds}): the backward sweep runs {@code for (j = b - 1; j
 * >= a; j--)} with the trip count derived from the bounds, recording neither it nor the old
 * index. Every shape the derivation handles (empty ranges, bounds from enclosing indices,
 * descending, steps other than 1, {@code <=}, three deep, in branches, inside a while loop) and
 * those that must keep the recorded count (a bound reassigned, a break, an index read after
 * the loop), each against Hipparchus (scalars) or finite differences (arrays), analyses on and
 * off, and the generated source checked for which scheme it used.
 */
class CountedLoopsTest {

  private static final int POINTS = 6;

  static final GradientCase[] CASES = {
    // zero trips whenever from >= to: the backward loop must not run either
    GradientCase.of("emptyOrNot", "double x, int from, int to",
            """
            double t = x;
            for (int i = from; i < to; i++) {
              t = t * x + Math.sin(t * i);
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          for (int i = d.i("from"); i < d.i("to"); i++) {
            t = t.multiply(x).add(t.multiply(i).sin());
          }
          return t;
        })
        .pinned(args(0.7, 3, 3), 1.0)
        .pinned(args(0.7, 5, 2), 1.0)
        .random(POINTS, r -> args(u(r, -1, 1), r.nextInt(4) - 1, r.nextInt(4) - 1)),
    // triangular: the inner bound starts at the outer index
    GradientCase.of("triangular", "double x, int n",
            """
            double t = 1;
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < n; j++) {
                t = t * Math.cos(x * (j - i)) + x;
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = d.c(1);
          for (int i = 0; i < d.i("n"); i++) {
            for (int j = i + 1; j < d.i("n"); j++) {
              t = t.multiply(x.multiply(j - i).cos()).add(x);
            }
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -1, 1), r.nextInt(5))),
    // descending by one, > and >=
    GradientCase.of("descending", "double x, int n",
            """
            double t = x;
            for (int i = n; i > 0; i--) {
              t = Math.sin(t) * i + x;
            }
            for (int k = n - 1; k >= -1; k--) {
              t = t * x - k;
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          for (int i = d.i("n"); i > 0; i--) {
            t = t.sin().multiply(i).add(x);
          }
          for (int k = d.i("n") - 1; k >= -1; k--) {
            t = t.multiply(x).subtract(k);
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -0.9, 0.9), r.nextInt(5) - 1)),
    // steps 2 and 3, up and down, from odd and even starts, < and <=, >= and >
    GradientCase.of("steps", "double x, int a, int b",
            """
            double t = x;
            for (int i = a; i < b; i += 2) {
              t = Math.sin(t + i) * x;
            }
            for (int i = a; i <= b; i += 3) {
              t = t * x + i;
            }
            for (int i = b; i >= a; i -= 2) {
              t = Math.cos(t * i) + x;
            }
            for (int i = b; i > a; i -= 3) {
              t = t * x - i;
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          int a = d.i("a");
          int b = d.i("b");
          DerivativeStructure t = x;
          for (int i = a; i < b; i += 2) {
            t = t.add(i).sin().multiply(x);
          }
          for (int i = a; i <= b; i += 3) {
            t = t.multiply(x).add(i);
          }
          for (int i = b; i >= a; i -= 2) {
            t = t.multiply(i).cos().add(x);
          }
          for (int i = b; i > a; i -= 3) {
            t = t.multiply(x).subtract(i);
          }
          return t;
        })
        .random(3 * POINTS, r -> args(u(r, -0.9, 0.9), r.nextInt(7) - 2, r.nextInt(9) - 2)),
    // <= with a bound written as an expression of parameters, from 1
    GradientCase.of("inclusive", "double x, int n",
            """
            double t = 1;
            double term = 1;
            for (int i = 1; i <= 2 * n - 1; i++) {
              term = term * x / i;
              t += term;
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = d.c(1);
          DerivativeStructure term = d.c(1);
          for (int i = 1; i <= 2 * d.i("n") - 1; i++) {
            term = term.multiply(x).divide(i);
            t = t.add(term);
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(4))),
    // three deep, each bound from the enclosing indices
    GradientCase.of("threeDeep", "double x, int n",
            """
            double t = x;
            for (int i = 0; i < n; i++) {
              for (int j = 0; j <= i; j++) {
                for (int k = j; k < i + 2; k += 2) {
                  t = Math.sin(t * x + k) + j - i;
                }
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          for (int i = 0; i < d.i("n"); i++) {
            for (int j = 0; j <= i; j++) {
              for (int k = j; k < i + 2; k += 2) {
                t = t.multiply(x).add(k).sin().add(j - i);
              }
            }
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -1, 1), r.nextInt(5))),
    // the bound is reassigned after the first loop: the second must record its trip count
    GradientCase.of("boundReassigned", "double x, int n",
            """
            double t = x;
            for (int i = 0; i < n; i++) {
              t = t * x + 1;
            }
            n = n + 2;
            for (int i = 0; i < n; i++) {
              t = Math.sin(t) * x;
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          int n = d.i("n");
          for (int i = 0; i < n; i++) {
            t = t.multiply(x).add(1);
          }
          n = n + 2;
          for (int i = 0; i < n; i++) {
            t = t.sin().multiply(x);
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -1, 1), r.nextInt(4))),
    // a break changes the trip count: recorded
    GradientCase.of("breakInside", "double x, int n",
            """
            double t = x;
            for (int i = 0; i < n; i++) {
              if (t > 3) {
                break;
              }
              t = t * x + 1;
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          for (int i = 0; i < d.i("n"); i++) {
            if (t.getValue() > 3) {
              break;
            }
            t = t.multiply(x).add(1);
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, 1.1, 1.6), r.nextInt(8)),
            a -> Math.abs(nearThree((Double) a[0], (Integer) a[1])) > 0.05),
    // counted loops in both branches of an if, and a continue (which keeps the count)
    GradientCase.of("inBranches", "double x, int n",
            """
            double t = x;
            if (x > 0) {
              for (int i = 0; i < n; i++) {
                if (i % 2 == 1) {
                  continue;
                }
                t = t * x + i;
              }
            } else {
              for (int i = n; i >= 1; i--) {
                t = Math.sin(t) - x * i;
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          if (x.getValue() > 0) {
            for (int i = 0; i < d.i("n"); i++) {
              if (i % 2 == 1) {
                continue;
              }
              t = t.multiply(x).add(i);
            }
          } else {
            for (int i = d.i("n"); i >= 1; i--) {
              t = t.sin().subtract(x.multiply(i));
            }
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -1, 1), r.nextInt(5)),
            a -> Math.abs((Double) a[0]) > 0.05),
    // a counted loop inside a while loop whose trip count depends on the data
    GradientCase.of("countedInWhile", "double x, int n",
            """
            double t = x;
            int rounds = 0;
            while (Math.abs(t) < 4 && rounds < 6) {
              for (int j = 0; j < n + 1; j++) {
                t = t * 1.1 + x * j;
              }
              t += 0.5;
              rounds++;
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          int rounds = 0;
          while (Math.abs(t.getValue()) < 4 && rounds < 6) {
            for (int j = 0; j < d.i("n") + 1; j++) {
              t = t.multiply(1.1).add(x.multiply(j));
            }
            t = t.add(0.5);
            rounds++;
          }
          return t;
        })
        .noFiniteDifferences()
        .random(POINTS, r -> args(u(r, 0.1, 0.5), r.nextInt(3))),
    // the index is read after the loop: its final value is needed, so the count is recorded
    GradientCase.of("indexReadAfter", "double x, int n",
            """
            double t = x;
            int i = 0;
            for (i = 0; i < n; i++) {
              t = t * x;
            }
            return t * i;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure t = x;
          for (int i = 0; i < d.i("n"); i++) {
            t = t.multiply(x);
          }
          return t.multiply(Math.max(0, d.i("n")));
        })
        .random(POINTS, r -> args(u(r, -1, 1), r.nextInt(4))),
  };

  /** Where {@code breakInside}'s test {@code t > 3} is decided, distance to it. */
  private static double nearThree(double x, int n) {
    double t = x;
    double closest = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      closest = Math.min(closest, Math.abs(t - 3));
      if (t > 3) {
        break;
      }
      t = t * x + 1;
    }
    return closest;
  }

  /** An inlined helper whose bound is a local it assigns once: {@code int d = x.length}. */
  private static final String HELPERS = """
      static void lowerTimes(double[] diag, double[] low, double[] x, double[] out) {
          int d = x.length;
          for (int j = 0; j < d; j++) {
            out[j] = diag[j] * x[j];
          }
          int li = 0;
          for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
              out[j] += low[li] * x[i];
              li++;
            }
          }
        }""";

  static List<ArrayCase> arrayCases() {
    return List.of(
        // the helper read into a loop: its int d = x.length is assigned in every iteration,
        // always to the same value, so its loops are counted
        ArrayCase.of("helperBoundInLoop", "double[][] diags, double[] low, double[] x",
                """
                double[] out = new double[x.length];
                double s = 0;
                for (int k = 0; k < diags.length; k++) {
                  lowerTimes(diags[k], low, x, out);
                  for (int j = 0; j < out.length; j++) {
                    s += out[j] * out[j];
                  }
                }
                return s;""")
            .random(POINTS, r -> {
              int d = 1 + r.nextInt(4);
              return args(matrix(r, 1 + r.nextInt(3), d, -1, 1),
                  vector(r, Math.max(1, d * (d - 1) / 2), -1, 1), vector(r, d, -1, 1));
            }),
        // a local assigned once per iteration from a row's length: ragged rows differ, so the
        // bound is recorded with the loop
        ArrayCase.of("raggedRowBound", "double[][] m, double x",
                """
                double s = x;
                for (int i = 0; i < m.length; i++) {
                  int d = m[i].length;
                  for (int j = 0; j < d; j++) {
                    s = s * Math.cos(m[i][j]) + x * m[i][j];
                  }
                }
                return s;""")
            .at(new double[][] {{0.3, -0.2, 0.5}, {0.7}, {}, {0.1, 0.9}}, 0.4)
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1, 1))),
        // rows of a matrix, bound m[i].length, and a descending loop over a vector
        ArrayCase.of("rowsAndBack", "double[][] m, double[] v",
                """
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                  for (int j = 0; j < m[i].length; j++) {
                    s += Math.sin(m[i][j] * v[j]) * s + m[i][j];
                  }
                }
                for (int k = v.length - 1; k >= 0; k -= 2) {
                  s = s * v[k] + Math.exp(v[k] * 0.1);
                }
                return s;""")
            .random(POINTS, r -> {
              int cols = 1 + r.nextInt(3);
              return args(matrix(r, r.nextInt(3), cols, -1, 1), vector(r, cols, -1, 1));
            }),
        // a triangular solve: both bounds from the outer index, writes into a local array
        ArrayCase.of("forwardSubstitution", "double[][] l, double[] b",
                """
                int n = b.length;
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                  double s = b[i];
                  for (int j = 0; j < i; j++) {
                    s -= l[i][j] * y[j];
                  }
                  y[i] = s / l[i][i];
                }
                double out = 0;
                for (int i = n - 1; i >= 0; i--) {
                  out = out * 0.5 + y[i] * y[i];
                }
                return out;""")
            .random(POINTS, r -> {
              int n = 1 + r.nextInt(4);
              double[][] l = matrix(r, n, n, -0.5, 0.5);
              for (int i = 0; i < n; i++) {
                l[i][i] = 2 + r.nextDouble();
              }
              return args(l, vector(r, n, -1, 1));
            }),
        // a bound held in a local computed once, step 2 over an array, for-each
        ArrayCase.of("localBound", "double[] v",
                """
                int half = v.length / 2;
                double s = 0;
                for (int i = 0; i < half; i++) {
                  s = s * v[i] + v[v.length - 1 - i];
                }
                for (int i = 1; i < v.length; i += 2) {
                  s += v[i] * v[i - 1] * s;
                }
                for (double e : v) {
                  s = Math.tanh(s + e);
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, r.nextInt(6), -1, 1))));
  }

  private static final CaseSuite SCALARS = CaseSuite.of("adjtest.counted.Counted", CASES);
  private static final CaseSuite SCALARS_OFF =
      CaseSuite.of("adjtest.counted.off.Counted", CASES).options("-Aadjoint.analyses=off");
  private static final ArraySuite ARRAYS =
      ArraySuite.of("adjtest.counted.CountedArrays").members(HELPERS).add(arrayCases());
  private static final ArraySuite ARRAYS_OFF =
      ArraySuite.of("adjtest.counted.off.CountedArrays").options("-Aadjoint.analyses=off")
          .members(HELPERS).add(arrayCases());

  @TestFactory
  Stream<DynamicNode> scalars() {
    return SCALARS.tests();
  }

  @TestFactory
  Stream<DynamicNode> scalarsWithAnalysesOff() {
    return SCALARS_OFF.tests();
  }

  @TestFactory
  Stream<DynamicNode> arrays() {
    return ARRAYS.tests();
  }

  @TestFactory
  Stream<DynamicNode> arraysWithAnalysesOff() {
    return ARRAYS_OFF.tests();
  }

  /** Counted loops record nothing for their bookkeeping; the fallbacks still do. */
  @Test
  void onlyLoopsWithDerivedBoundsDropTheirCounts() {
    String generated = SCALARS.compiled().generatedSource("adjtest.counted.CountedAdjoint");
    for (String counted : List.of("emptyOrNot", "triangular", "descending", "steps",
        "inclusive", "threeDeep", "inBranches")) {
      String body = pullback(generated, counted);
      assertFalse(body.contains("iterations"), body);
      assertFalse(body.contains("pushInt"), body);
      assertTrue(body.contains("for ("), body);
    }
    assertTrue(pullback(generated, "triangular").contains("for (j = n - 1; j >= i + 1; j--)"),
        generated);
    for (String recorded : List.of("boundReassigned", "breakInside", "indexReadAfter")) {
      assertTrue(pullback(generated, recorded).contains("iterations"), recorded);
    }
    // The while loop keeps its count; the loop inside it derives its own.
    String inWhile = pullback(generated, "countedInWhile");
    assertTrue(inWhile.contains("for (j = n; j >= 0; j--)"), inWhile);
  }

  /**
   * Stacks are reserved before an outermost loop whose pushes its counted loops' bounds give
   * (three deep, triangular: an upper bound), not before one whose trip count the data decides.
   */
  @Test
  void stacksAreReservedWhereTheBoundsGiveThePushes() {
    String generated = SCALARS.compiled().generatedSource("adjtest.counted.CountedAdjoint");
    assertTrue(pullback(generated, "threeDeep").contains("stacks.reserve("), generated);
    assertTrue(pullback(generated, "triangular").contains("stacks.reserve("), generated);
    assertFalse(pullback(generated, "countedInWhile").contains("stacks.reserve("), generated);
    String arrays = ARRAYS.compiled().generatedSource("adjtest.counted.CountedArraysAdjoint");
    assertTrue(pullback(arrays, "rowsAndBack").contains("stacks.reserve("), arrays);
  }

  /** The helper's loops read into the caller's loop are counted; the ragged rows' are not. */
  @Test
  void aBoundAssignedOnceInALoopToTheSameValueIsDerived() {
    String arrays = ARRAYS.compiled().generatedSource("adjtest.counted.CountedArraysAdjoint");
    String helper = pullback(arrays, "helperBoundInLoop");
    assertFalse(helper.contains("iterations"), helper);
    assertTrue(helper.contains("for ("), helper);
    assertTrue(pullback(arrays, "raggedRowBound").contains("iterations"), arrays);
  }

  /** The body of the pullback overload that does the work (the last one declared). */
  private static String pullback(String source, String method) {
    int start = source.lastIndexOf(" " + method + "Pullback(");
    int end = source.indexOf("\n    }\n", start);
    return source.substring(start, end);
  }
}
