package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.signed;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.Random;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Loops over scalars (for, while, do/while, nested, break, continue, return inside a loop,
 * trip counts that depend on the data), ported from the loop tests of other AD tools (Tapenade's
 * and ADOL-C's examples, Enzyme's and JAX's loop tests, Zygote's while loops). Each case is also
 * written with DerivativeStructure as the oracle, which for these programs is the closed form
 * ({@code 3x²}, {@code 9x⁸}, {@code 2ⁿ·a^(2ⁿ−1)}, ...), and checked against finite differences.
 * Points that drive a data-dependent trip count or branch stay well away from where it changes.
 */
class LoopGradientTest {

  private static final int POINTS = 5;

  static final GradientCase[] CASES = {
    // t *= x three times: x³, derivative 3x²
    GradientCase.of("cubeByLoop", "double x",
            """
            double t = 1;
            for (int i = 0; i < 3; i++) {
              t *= x;
            }
            return t;""")
        .oracle(d -> d.v("x").pow(3))
        .pinned(args(2.0), 12.0)
        .pinned(args(-1.5), 6.75)
        .random(POINTS, r -> args(u(r, -2, 2))),
    // 3 × 3 nested loop: x⁹, derivative 9x⁸
    GradientCase.of("ninthPowerNested", "double x",
            """
            double t = 1;
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                t = t * x;
              }
            }
            return t;""")
        .oracle(d -> d.v("x").pow(9))
        .pinned(args(2.0), 9 * 256.0)
        .random(POINTS, r -> args(u(r, -1.3, 1.3))),
    // return inside the loop on its second iteration: x², derivative 2x
    GradientCase.of("earlyReturnInLoop", "double x",
            """
            double t = x;
            for (int i = 0; i < 10; i++) {
              if (i == 1) {
                return t;
              }
              t = t * x;
            }
            return -1;""")
        .oracle(d -> d.v("x").square())
        .pinned(args(3.0), 6.0)
        .random(POINTS, r -> args(u(r, -3, 3))),
    // a = a * a, n times: a^(2ⁿ), derivative 2ⁿ·a^(2ⁿ−1); n = 0 runs no iteration
    GradientCase.of("repeatedSquaring", "double a, int n",
            """
            for (int i = 0; i < n; i++) {
              a = a * a;
            }
            return a;""")
        .oracle(d -> d.v("a").pow(1 << d.i("n")))
        .pinned(args(1.1, 3), 8 * Math.pow(1.1, 7))
        .pinned(args(-0.9, 0), 1.0)
        .pinned(args(-0.9, 1), -1.8)
        .random(POINTS, r -> args(signed(r, 0.6, 1.15), r.nextInt(5))),
    // halve until small: a / 2^k with k data-dependent, derivative 2^-k
    GradientCase.of("halveWhileLarge", "double a",
            """
            while (Math.abs(a) > 0.1) {
              a /= 2;
            }
            return a;""")
        .oracle(d -> d.v("a").divide(1 << halvings(d.x("a"))))
        .pinned(args(0.05), 1.0)
        .pinned(args(0.3), 0.25)
        .pinned(args(-5.0), 1.0 / 64)
        .random(POINTS, r -> args(awayFromHalvingBoundary(r))),
    // nested ifs that overwrite the argument: 9a² (derivative 18a) for a > 2, 6a for 1 < a <= 2,
    // a for a <= 1
    GradientCase.of("nestedIfOverwrite", "double a",
            """
            if (a > 1) {
              a = 3 * a;
              if (a > 6) {
                a = a * a;
              } else {
                a = 2 * a;
              }
            }
            return a;""")
        .oracle(d -> {
          DerivativeStructure a = d.v("a");
          double v = d.x("a");
          return v > 2 ? a.square().multiply(9) : v > 1 ? a.multiply(6) : a;
        })
        .pinned(args(3.0), 54.0)
        .pinned(args(2.5), 45.0)
        .pinned(args(1.5), 6.0)
        .pinned(args(0.5), 1.0)
        .pinned(args(-4.0), 1.0)
        .at(2.2)
        .at(1.2)
        .at(-0.3),
    // continue: only even i contribute
    GradientCase.of("continueEvenTerms", "double x, double y, int n",
            """
            double s = 0;
            for (int i = 0; i < n; i++) {
              if (i % 2 == 1) {
                continue;
              }
              s += Math.sin(x * i) * y;
            }
            return s;""")
        .oracle(d -> {
          DerivativeStructure s = d.c(0);
          for (int i = 0; i < d.i("n"); i += 2) {
            s = s.add(d.v("x").multiply(i).sin().multiply(d.v("y")));
          }
          return s;
        })
        .at(0.7, 1.3, 0)
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2), r.nextInt(7))),
    // do/while with a data-dependent break
    GradientCase.of("doWhileBreak", "double x, double y, int limit",
            """
            double s = 0;
            int i = 0;
            do {
              s += x * x + i;
              i++;
              if (s > limit) {
                break;
              }
            } while (i < 10);
            return s * y;""")
        .oracle(d -> {
          DerivativeStructure s = d.c(0);
          int i = 0;
          do {
            s = s.add(d.v("x").square().add(i));
            i++;
            if (s.getValue() > d.i("limit")) {
              break;
            }
          } while (i < 10);
          return s.multiply(d.v("y"));
        })
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2), r.nextInt(30)),
            LoopGradientTest::doWhileAwayFromLimit),
    // while loop whose trip count depends on x: iterate y = y² + 1 until it reaches 50
    GradientCase.of("whileUntilLarge", "double x",
            """
            int n = 0;
            double y = x;
            while (y < 50) {
              y = y * y + 1;
              n++;
            }
            return y / (n + 1);""")
        .oracle(d -> {
          DerivativeStructure y = d.v("x");
          int n = 0;
          while (y.getValue() < 50) {
            y = y.square().add(1);
            n++;
          }
          return y.divide(n + 1);
        })
        .at(60.0)
        .random(POINTS, r -> args(u(r, 1.1, 6)), LoopGradientTest::iteratesAwayFrom50),
    // int trip count: s = sin(s + x), n times (n = 0: derivative 0)
    GradientCase.of("iteratedMap", "double x, int n",
            """
            double s = 0.5;
            int i = 0;
            while (i < n) {
              s = Math.sin(s + x);
              i++;
            }
            return s;""")
        .oracle(d -> {
          DerivativeStructure s = d.c(0.5);
          for (int i = 0; i < d.i("n"); i++) {
            s = s.add(d.v("x")).sin();
          }
          return s;
        })
        .pinned(args(0.3, 0), 0.0)
        .random(POINTS, r -> args(u(r, -2, 2), 1 + r.nextInt(8))),
    // a branch inside the loop, decided again on every iteration
    GradientCase.of("branchInLoop", "double t, double x, int n",
            """
            for (int i = 0; i < n; i++) {
              if (t > 1) {
                t = Math.sqrt(t) * x;
              } else {
                t = t * 2 + x;
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure t = d.v("t");
          for (int i = 0; i < d.i("n"); i++) {
            t = t.getValue() > 1 ? t.sqrt().multiply(d.v("x")) : t.multiply(2).add(d.v("x"));
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, 0.1, 3), u(r, 0.2, 1.5), 1 + r.nextInt(6)),
            LoopGradientTest::branchesAwayFromOne),
    // nested branches inside a loop: two recorded decisions per iteration
    GradientCase.of("nestedBranchesInLoop", "double t, double x, int n",
            """
            for (int i = 0; i < n; i++) {
              if (t > 1) {
                if (t > 2) {
                  t = Math.sqrt(t) * x;
                } else {
                  t = t * x + 0.5;
                }
              } else {
                t = t * 2 + x;
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure t = d.v("t");
          for (int i = 0; i < d.i("n"); i++) {
            if (t.getValue() > 1) {
              t = t.getValue() > 2 ? t.sqrt().multiply(d.v("x"))
                  : t.multiply(d.v("x")).add(0.5);
            } else {
              t = t.multiply(2).add(d.v("x"));
            }
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, 0.1, 4), u(r, 0.3, 1.6), 1 + r.nextInt(6)),
            LoopGradientTest::nestedBranchesAwayFromBoundaries),
    // an inner loop inside a branch inside a loop: the inner trip count is recorded in the branch
    GradientCase.of("loopInBranchInLoop", "double t, double x, int n",
            """
            for (int i = 0; i < n; i++) {
              if (i % 2 == 0) {
                for (int j = 0; j <= i; j++) {
                  t = Math.sin(t) + x;
                }
              } else {
                t = t * x;
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure t = d.v("t");
          for (int i = 0; i < d.i("n"); i++) {
            if (i % 2 == 0) {
              for (int j = 0; j <= i; j++) {
                t = t.sin().add(d.v("x"));
              }
            } else {
              t = t.multiply(d.v("x"));
            }
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -1.5, 1.5), 1 + r.nextInt(6))),
    // unlabeled break out of a for loop, the trip count from an int
    GradientCase.of("breakAfterN", "double x, int n",
            """
            double t = 1;
            for (int i = 0; i < 100; i++) {
              t = t * x + 1;
              if (i >= n) {
                break;
              }
            }
            return t;""")
        .oracle(d -> {
          DerivativeStructure t = d.c(1);
          for (int i = 0; i < 100; i++) {
            t = t.multiply(d.v("x")).add(1);
            if (i >= d.i("n")) {
              break;
            }
          }
          return t;
        })
        .random(POINTS, r -> args(u(r, -1.5, 1.5), r.nextInt(6))),
    // triangular nested loop: the inner trip count depends on the outer index
    GradientCase.of("triangularNested", "double x, double y",
            """
            double s = 0;
            for (int i = 0; i < 4; i++) {
              for (int j = 0; j <= i; j++) {
                s += Math.cos(x * j) * y + s * 0.1;
              }
            }
            return s;""")
        .oracle(d -> {
          DerivativeStructure s = d.c(0);
          for (int i = 0; i < 4; i++) {
            for (int j = 0; j <= i; j++) {
              s = s.add(d.v("x").multiply(j).cos().multiply(d.v("y")).add(s.multiply(0.1)));
            }
          }
          return s;
        })
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2))),
    // return from inside a while loop, after a data-dependent number of steps
    GradientCase.of("returnFromWhile", "double x, double y",
            """
            double t = x;
            int k = 0;
            while (k < 50) {
              t = t * 1.5 + y;
              if (t > 10) {
                return t * y;
              }
              k++;
            }
            return 0;""")
        .oracle(d -> {
          DerivativeStructure t = d.v("x");
          for (int k = 0; k < 50; k++) {
            t = t.multiply(1.5).add(d.v("y"));
            if (t.getValue() > 10) {
              return t.multiply(d.v("y"));
            }
          }
          return d.c(0);
        })
        .random(POINTS, r -> args(u(r, 0.1, 4), u(r, 0.1, 2)),
            LoopGradientTest::returnFromWhileAwayFrom10),
    // withoutDerivative: x · stop(x·y) + y has ∂x = x·y (not 2xy), ∂y = 1 (not x² + 1);
    // finite differences see the plain function, so only the oracle applies
    GradientCase.of("withoutDerivative", "double x, double y",
            "return x * Gradients.withoutDerivative(x * y) + y;")
        .oracle(d -> d.v("x").multiply(d.x("x") * d.x("y")).add(d.v("y")))
        .noFiniteDifferences()
        .pinned(args(2.0, 3.0), 6.0, 1.0)
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2))),
    // withoutDerivative inside a loop: s = s · stop(s) + x
    GradientCase.of("withoutDerivativeInLoop", "double x",
            """
            double s = 0.5;
            for (int i = 0; i < 3; i++) {
              s = s * Gradients.withoutDerivative(s) + x;
            }
            return s;""")
        .oracle(d -> {
          DerivativeStructure s = d.c(0.5);
          for (int i = 0; i < 3; i++) {
            s = s.multiply(s.getValue()).add(d.v("x"));
          }
          return s;
        })
        .noFiniteDifferences()
        .random(POINTS, r -> args(u(r, -1, 1))),
  };

  static final CaseSuite SUITE =
      CaseSuite.of("adjtest.loops.Loops", CASES)
          .imports("import dev.adjoint.runtime.Gradients;");

  @TestFactory
  Stream<DynamicNode> scalarLoops() {
    return SUITE.tests();
  }

  // ---- trip counts and branches away from where they change ----

  static int halvings(double a) {
    int k = 0;
    while (Math.abs(a) > 0.1) {
      a /= 2;
      k++;
    }
    return k;
  }

  /** ±0.1 · 2^(k + f), f in [0.15, 0.85]: at least 10% away from every halving boundary. */
  static double awayFromHalvingBoundary(Random r) {
    int k = r.nextInt(7);
    double f = u(r, 0.15, 0.85);
    return (r.nextBoolean() ? 1 : -1) * 0.1 * Math.pow(2, k + f);
  }

  static boolean doWhileAwayFromLimit(Object[] a) {
    double x = (Double) a[0];
    int limit = (Integer) a[2];
    double s = 0;
    int i = 0;
    do {
      s += x * x + i;
      i++;
      if (Math.abs(s - limit) < 0.05) {
        return false;
      }
      if (s > limit) {
        break;
      }
    } while (i < 10);
    return true;
  }

  static boolean iteratesAwayFrom50(Object[] a) {
    double y = (Double) a[0];
    while (y < 50) {
      if (y > 45) {
        return false;
      }
      y = y * y + 1;
    }
    return y > 55;
  }

  static boolean branchesAwayFromOne(Object[] a) {
    double t = (Double) a[0];
    double x = (Double) a[1];
    int n = (Integer) a[2];
    for (int i = 0; i < n; i++) {
      if (Math.abs(t - 1) < 0.05) {
        return false;
      }
      t = t > 1 ? Math.sqrt(t) * x : t * 2 + x;
    }
    return true;
  }

  static boolean nestedBranchesAwayFromBoundaries(Object[] a) {
    double t = (Double) a[0];
    double x = (Double) a[1];
    int n = (Integer) a[2];
    for (int i = 0; i < n; i++) {
      if (Math.abs(t - 1) < 0.05 || Math.abs(t - 2) < 0.05) {
        return false;
      }
      t = t > 1 ? (t > 2 ? Math.sqrt(t) * x : t * x + 0.5) : t * 2 + x;
    }
    return true;
  }

  static boolean returnFromWhileAwayFrom10(Object[] a) {
    double t = (Double) a[0];
    double y = (Double) a[1];
    for (int k = 0; k < 50; k++) {
      t = t * 1.5 + y;
      if (Math.abs(t - 10) < 0.1) {
        return false;
      }
      if (t > 10) {
        return true;
      }
    }
    return true;
  }
}
