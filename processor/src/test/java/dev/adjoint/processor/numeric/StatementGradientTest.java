package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Everyday statements: switch statements and expressions (arrow and colon forms, several labels,
 * default anywhere, inside loops), assignments and {@code ++}/{@code --} inside expressions and
 * conditions (left-to-right order, only the evaluated side of {@code &&} and {@code ?:} taking
 * effect). Each is checked against the DerivativeStructure oracle and finite differences, with
 * analyses on and off.
 */
class StatementGradientTest {

  private static final int POINTS = 5;

  static final GradientCase[] CASES = {
    // colon form in a loop: one case per iteration, two labels on one group, default last
    GradientCase.of("switchInLoop", "double x, int k",
            """
            double y = x;
            for (int i = 0; i < 3; i++) {
              switch ((k + i) % 4) {
                case 0:
                  y = y * x;
                  break;
                case 1: case 2:
                  y = y + Math.sin(x);
                  break;
                default:
                  y = y - x * 2;
              }
            }
            return y;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure y = x;
          for (int i = 0; i < 3; i++) {
            int c = (d.i("k") + i) % 4;
            y = c == 0 ? y.multiply(x)
                : c == 1 || c == 2 ? y.add(x.sin()) : y.subtract(x.multiply(2));
          }
          return y;
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(6))),
    // arrow switch expression, a block case with a local, int default widened to double
    GradientCase.of("switchExpression", "double x, int k",
            """
            double y = switch (k) {
              case 1 -> x * x;
              case 2, 3 -> {
                double t = Math.exp(x);
                yield t * 3;
              }
              default -> 1;
            };
            return y * x;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          int k = d.i("k");
          DerivativeStructure y = k == 1 ? x.multiply(x) : k == 2 || k == 3
              ? x.exp().multiply(3) : d.c(1);
          return y.multiply(x);
        })
        .pinned(args(0.5, 1), 0.75)
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(5))),
    // default first, returns from cases, a case falling out of the switch
    GradientCase.of("switchDefaultFirst", "double x, int k",
            """
            double y = 0;
            switch (k) {
              default:
                return x;
              case 0:
                return x * x;
              case 1:
                y = Math.sin(x);
                break;
            }
            return y * 2;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          int k = d.i("k");
          return k == 0 ? x.multiply(x) : k == 1 ? x.sin().multiply(2) : x;
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(3))),
    // break ends the switch, not the loop; continue goes on with the loop
    GradientCase.of("switchBreakAndContinueInLoop", "double x, int n",
            """
            double s = 0;
            for (int i = 0; i < n; i++) {
              switch (i % 3) {
                case 0 -> s += x * i;
                case 1 -> {
                  if (i > 3) {
                    continue;
                  }
                  s = s * x;
                }
                default -> {
                  s -= x;
                }
              }
              s = s + 1;
            }
            return s;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure s = d.c(0);
          for (int i = 0; i < d.i("n"); i++) {
            if (i % 3 == 0) {
              s = s.add(x.multiply(i));
            } else if (i % 3 == 1) {
              if (i > 3) {
                continue;
              }
              s = s.multiply(x);
            } else {
              s = s.subtract(x);
            }
            s = s.add(1);
          }
          return s;
        })
        .random(POINTS, r -> args(u(r, -1.5, 1.5), r.nextInt(8))),
    // colon-form switch expression with yield, as a condition and as an index
    GradientCase.of("switchExpressionColonForm", "double x, int k",
            """
            double[] w = new double[3];
            w[0] = x;
            w[1] = x * x;
            w[2] = Math.cos(x);
            int j = switch (k % 4) {
              case 0:
                yield 2;
              case 1: case 2:
                int m = k % 2;
                yield m;
              default:
                yield 0;
            };
            if (switch (k) { case 0 -> x; default -> -x; } > 0) {
              return w[j] * 3;
            }
            return w[j];""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          int k = d.i("k");
          int j = k % 4 == 0 ? 2 : k % 4 == 3 ? 0 : k % 2;
          DerivativeStructure w = j == 0 ? x : j == 1 ? x.multiply(x) : x.cos();
          double test = k == 0 ? x.getValue() : -x.getValue();
          return test > 0 ? w.multiply(3) : w;
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(7))),
    // n-- in a while condition: s = s·x + n for n−1, ..., 0
    GradientCase.of("postDecrementCondition", "double x, int n",
            """
            double s = 1;
            while (n-- > 0) {
              s = s * x + n;
            }
            return s;""")
        .oracle(d -> {
          DerivativeStructure s = d.c(1);
          for (int n = d.i("n") - 1; n >= 0; n--) {
            s = s.multiply(d.v("x")).add(n);
          }
          return s;
        })
        .random(POINTS, r -> args(u(r, -1.5, 1.5), r.nextInt(5))),
    // ++ in a for condition and --n in a do/while condition
    GradientCase.of("incrementsInLoopConditions", "double x, int n",
            """
            double s = 1;
            for (int i = 0; i++ < n;) {
              s = s * x + i;
            }
            int m = n;
            do {
              s = s + x;
            } while (--m > 0);
            return s;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure s = d.c(1);
          int n = d.i("n");
          for (int i = 1; i <= n; i++) {
            s = s.multiply(x).add(i);
          }
          int m = n;
          do {
            s = s.add(x);
          } while (--m > 0);
          return s;
        })
        .random(POINTS, r -> args(u(r, -1.5, 1.5), r.nextInt(5))),
    // a[i++] = ..., res += (a[i] *= 5), t = a[0] = ...
    GradientCase.of("assignmentsInExpressions", "double x, int n",
            """
            double[] a = new double[n + 1];
            int i = 0;
            while (i < n) {
              a[i++] = x * i;
            }
            double res = 0;
            for (int j = 0; j < n; j++) {
              res += (a[j] *= 5) * x;
            }
            double t = a[n] = x * x;
            return res + t + a[n];""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure res = d.c(0);
          for (int j = 0; j < d.i("n"); j++) {
            res = res.add(x.multiply(j + 1).multiply(5).multiply(x));
          }
          return res.add(x.multiply(x).multiply(2));
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(4))),
    // Java's left-to-right order: y = (x = 2x) + x is 4x, z = x + (x = 3x) is 4x (of the new x)
    GradientCase.of("leftToRight", "double x",
            """
            double y = (x = x * 2) + x;
            double z = x + (x = 3 * x);
            double w = x * (x = x + 1);
            return y + z + w;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure y = x.multiply(4);
          DerivativeStructure x2 = x.multiply(2);
          DerivativeStructure z = x2.multiply(4);
          DerivativeStructure x3 = x2.multiply(3);
          return y.add(z).add(x3.multiply(x3.add(1)));
        })
        .random(POINTS, r -> args(u(r, -2, 2))),
    // the effect of the right side of && and of one branch of ?: only when it is evaluated
    GradientCase.of("shortCircuitEffects", "double x, int k",
            """
            double y = x;
            if (x > 0 && k++ > 1) {
              y = y * x;
            }
            if ((k += 2) > 4 || (k = k * 2) > 100) {
              y = y + x;
            }
            double z = k > 5 ? x * k++ : x - k--;
            return y * k + z;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          int k = d.i("k");
          DerivativeStructure y = x;
          if (x.getValue() > 0 && k++ > 1) {
            y = y.multiply(x);
          }
          if ((k += 2) > 4 || (k = k * 2) > 100) {
            y = y.add(x);
          }
          DerivativeStructure z = k > 5 ? x.multiply(k++) : x.subtract(k--);
          return y.multiply(k).add(z);
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(6))),
    // array initializers: in a declaration, with new, of a matrix, of ints, as an argument
    GradientCase.of("arrayInitializers", "double a, double x",
            """
            double[] b = {1, a * a, 0, x};
            int[] idx = {0, 3};
            double[][] m = new double[][] {{a, 2}, {x * a, Math.sin(x)}};
            double s = 0;
            for (int i : idx) {
              s += b[i] * m[1][1];
            }
            double[] c = new double[] {s, m[0][0] * m[1][0]};
            b = new double[] {b[1] * 2, x};
            return c[0] + c[1] + b[0] + LinearAlgebra.sum(new double[] {a, x * x});""")
        .oracle(d -> {
          DerivativeStructure a = d.v("a");
          DerivativeStructure x = d.v("x");
          DerivativeStructure s = x.add(1).multiply(x.sin());
          return s.add(a.multiply(a).multiply(x)).add(a.multiply(a).multiply(2)).add(a)
              .add(x.multiply(x));
        })
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2))),
    // ++ in the elements of an initializer and in the index of a compound store
    GradientCase.of("incrementsInInitializerAndIndex", "double x",
            """
            int i = 1;
            double[] d = {x * i++, x * x * i++, i};
            d[--i] *= x;
            d[i--] += d[i] * x;
            return d[0] + d[1] + d[2] * i;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure d0 = x;
          DerivativeStructure d1 = x.multiply(x).multiply(2);
          DerivativeStructure d2 = d.c(3).multiply(x);
          d2 = d2.add(d1.multiply(x));
          return d0.add(d1).add(d2);
        })
        .random(POINTS, r -> args(u(r, -2, 2))),
    // a switch in a case, a case block ending in break, only a default, an empty switch,
    // default inside a group, a switch expression in a loop condition
    GradientCase.of("switchEdgeCases", "double x, int k",
            """
            double y = x;
            switch (k % 3) {
              case 0: {
                switch (k) {
                  case 0 -> y = y * x;
                  default -> y = y + x;
                }
                break;
              }
              case 1: case 4: default:
                y = y * 2;
            }
            switch (k) {
              default:
                y = y + 1;
            }
            switch (k) {
            }
            int n = 0;
            while (switch (n) { case 0, 1 -> x * y; default -> 0.0; } > -100 && n < 3) {
              y = y * 0.5 + x;
              n++;
            }
            return y;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          int k = d.i("k");
          DerivativeStructure y = x;
          if (k % 3 == 0) {
            y = k == 0 ? y.multiply(x) : y.add(x);
          } else {
            y = y.multiply(2);
          }
          y = y.add(1);
          for (int n = 0; n < 3; n++) {
            y = y.multiply(0.5).add(x);
          }
          return y;
        })
        .random(POINTS, r -> args(u(r, -2, 2), r.nextInt(7))),
    // arguments in Java's order, a double stepped inside an expression, x = x++, and asserts
    // (checked by javac, not run by the generated code; the message is not differentiated)
    GradientCase.of("argumentOrderAndAsserts", "double x, double y",
            """
            assert x == x : "x is " + x;
            double p = Math.atan2(y, y++) + Math.pow(x, (x = x + 1));
            y = y++;
            assert y > -10 || true;
            double q = y;
            q += q = x * x;
            q *= (q = q + 1) * 2;
            return p * y + x + q;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          DerivativeStructure y = d.v("y");
          DerivativeStructure p = y.atan2(y).add(x.pow(x.add(1)));
          DerivativeStructure x1 = x.add(1);
          DerivativeStructure q = y.add(1).add(x1.multiply(x1));
          q = q.multiply(q.add(1).multiply(2));
          return p.multiply(y.add(1)).add(x1).add(q);
        })
        .random(POINTS, r -> args(u(r, 0.5, 2), u(r, 0.5, 2))),
    // a char parameter and locals passed through like an int: switch on it, compare, step it
    GradientCase.of("charSelects", "double x, char c, int n",
            """
            char d = 'b';
            int offset = c - 'a';
            double y = x;
            switch (c) {
              case 'a' -> y = y * x;
              case 'b', 'c' -> y = Math.sin(y) + offset;
              default -> y = y - offset * x;
            }
            if (c == d) {
              y = y * 2;
            }
            char letter = 'a';
            for (int i = 0; i < n; i++) {
              y = y * x + (letter - 'a');
              letter++;
            }
            d++;
            return y + (d - 'a') * x;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("x");
          char c = d.ch("c");
          int offset = c - 'a';
          DerivativeStructure y = c == 'a' ? x.multiply(x) : c == 'b' || c == 'c'
              ? x.sin().add(offset) : x.subtract(x.multiply(offset));
          if (c == 'b') {
            y = y.multiply(2);
          }
          for (int i = 0; i < d.i("n"); i++) {
            y = y.multiply(x).add(i);
          }
          return y.add(x.multiply(2));
        })
        .random(POINTS, r -> args(u(r, -1.5, 1.5), (char) ('a' + r.nextInt(5)), r.nextInt(4))),
  };

  static final CaseSuite SUITE =
      CaseSuite.of("adjtest.statements.Statements", CASES)
          .imports("import dev.adjoint.runtime.Gradients;",
              "import dev.adjoint.runtime.LinearAlgebra;");

  static final CaseSuite SUITE_OFF =
      CaseSuite.of("adjtest.statementsoff.StatementsOff", CASES)
          .options("-Aadjoint.analyses=off")
          .imports("import dev.adjoint.runtime.Gradients;",
              "import dev.adjoint.runtime.LinearAlgebra;");

  @TestFactory
  Stream<DynamicNode> statements() {
    return SUITE.tests();
  }

  @TestFactory
  Stream<DynamicNode> statementsWithAnalysesOff() {
    return Stream.of(DynamicContainer.dynamicContainer("analyses off", SUITE_OFF.tests()));
  }
}
