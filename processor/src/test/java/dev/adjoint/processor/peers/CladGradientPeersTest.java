package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The shapes of Clad's reverse-mode tests ({@code test/Gradient/Loops.C}, {@code Gradients.C},
 * {@code Assignments.C}, {@code EarlyReturns.C}, {@code FunctionCalls.C}, {@code Switch.C}),
 * rewritten as the Java a user of this library would write for them: loops with side effects
 * in their headers, while/do-while counters, early returns, chained and compound assignments,
 * helpers writing into arrays. Each method against finite differences (analyses on and off),
 * and against the closed form where Clad's test states one.
 */
class CladGradientPeersTest {

  static final PeerSuite SUITE = PeerSuite.of("peers.clad.Reverse", """
      package peers.clad;

      import dev.adjoint.Differentiable;

      public final class Reverse {
        private Reverse() {}

        static final double TWO_PI = 2 * Math.PI;

        // Loops.C f1..f5: products and increments in loops of fixed trip count
        @Differentiable static double cube(double x) {
          double t = 1;
          for (int i = 0; i < 3; i++)
            t *= x;
          return t;
        }
        @Differentiable static double ninth(double x) {
          double t = 1;
          for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
              t *= x;
          return t;
        }
        @Differentiable static double returnInLoop(double x) {
          double t = 1;
          for (int i = 0; i < 3; i++) {
            t *= x;
            if (i == 1)
              return t;
          }
          return t;
        }
        @Differentiable static double updateInHeader(double x) {
          double t = 1;
          for (int i = 0; i < 3; t *= x)
            i++;
          return t;
        }
        @Differentiable static double incrementParam(double x) {
          for (int i = 0; i < 10; i++)
            x++;
          return x;
        }
        @Differentiable static double constLocal(double x) {
          double res = 0;
          for (int i = 0; i < 3; ++i) {
            final double n = x + i;
            res += x * n;
          }
          return res;
        }
        // Loops.C f_sum, f_sum_squares, f_log_gaus
        @Differentiable static double sum(double[] p, int n) {
          double s = 0;
          for (int i = 0; i < n; i++)
            s += p[i];
          return s;
        }
        static double sq(double x) { return x * x; }
        @Differentiable static double sumSquares(double[] p, int n) {
          double s = 0;
          for (int i = 0; i < n; i++)
            s += sq(p[i]);
          return s;
        }
        @Differentiable(wrt = {"p", "sigma"})
        static double logGaussian(double[] x, double[] p, double n, double sigma) {
          double power = 0;
          for (int i = 0; i < n; i++)
            power += sq(x[i] - p[i]);
          power = -power / (2 * sq(sigma));
          double gaus = 1. / Math.sqrt(Math.pow(TWO_PI, n) * sigma) * Math.exp(power);
          return Math.log(gaus);
        }
        // Loops.C fn7..fn12: while and do-while counters
        @Differentiable static double postDecrementWhile(double i, double j) {
          double a = 0;
          int counter = 3;
          while (counter-- > 0)
            a += i * i + j;
          return a;
        }
        @Differentiable static double doInsideWhile(double i, double j) {
          double a = 0;
          int counter = 3;
          while (counter > 0)
            do {
              a += i * i + j;
            } while (--counter != 0);
          return a;
        }
        @Differentiable static double nestedWhiles(double i, double j) {
          int counter, again;
          counter = again = 3;
          double a = 0;
          while (counter-- != 0) {
            again = 3;
            while (again-- != 0) {
              a += i * i + j;
            }
          }
          return a;
        }
        @Differentiable static double nestedDoWhiles(double i, double j) {
          int counter = 3;
          double a = 0;
          do {
            int again = 3;
            do {
              a += i * i + j;
              again -= 1;
              do
                a += j;
              while (false);
            } while (again != 0);
            counter -= 1;
          } while (counter != 0);
          return a;
        }
        // Loops.C fn14..fn18: continue and break in branches
        @Differentiable static double continues(double i, double j) {
          int choice = 5;
          double res = 0;
          while (choice-- > 0) {
            if (choice > 3) {
              res += i;
              continue;
            }
            if (choice > 1) {
              res += j;
              continue;
            }
            if (choice > 0) {
              res += i * j;
              continue;
            }
          }
          return res;
        }
        @Differentiable static double breakAndContinue(double i, double j) {
          int counter = 5;
          double res = 0;
          for (int ii = 0; ii < counter; ++ii) {
            if (ii == 4) {
              res += i * j;
              break;
            }
            if (ii > 2) {
              res += 2 * i;
              continue;
            }
            res += i + j;
          }
          return res;
        }
        @Differentiable static double innerBreak(double i, double j) {
          double res = 0;
          for (int ii = 0; ii < 5; ++ii) {
            int jj = ii;
            if (ii < 2)
              continue;
            while (jj-- > 0) {
              if (jj < 3) {
                res += i * j;
                break;
              } else {
                continue;
              }
            }
          }
          return res;
        }
        @Differentiable static double elseIfBreak(double i, double j) {
          double res = 0;
          for (int counter = 0; counter < 5; ++counter)
            if (counter < 2)
              res += i + j;
            else if (counter < 4)
              continue;
            else {
              res += 2 * i + 2 * j;
              break;
            }
          return res;
        }
        // Loops.C f_loop_init_var: a double loop variable, data-dependent trip count
        @Differentiable static double riemann(double lower, double upper) {
          double sum = 0;
          double points = 100;
          double interval = (upper - lower) / points;
          for (double x = lower; x <= upper; x += interval) {
            sum += x * x * interval;
          }
          return sum;
        }
        // Loops.C fn20, fn21: assignment inside an expression, array initializer in a loop
        @Differentiable static double timesFiveInPlace(double[] arr, int n) {
          double res = 0;
          for (int i = 0; i < n; ++i) {
            res += (arr[i] *= 5);
          }
          return res;
        }
        @Differentiable static double initializerInLoop(double x) {
          double res = 0;
          for (int i = 0; i < 5; ++i) {
            double[] arr = {1, x, 2};
            res += arr[0] + arr[1];
          }
          return res;
        }
        // Loops.C fn24: an assignment in the loop condition
        @Differentiable static double conditionAccumulates(double i, double j) {
          double res = 0;
          for (int c = 0; (res += i * j) != 0 && c < 3; ++c) {
          }
          return res;
        }
        // Gradients.C f_c, f_rosenbrock, f_cond*, f_if*, f_norm, f_sin, f_decls3
        @Differentiable static double fc(double x, double y) {
          return -x * y + (x + y) * (x / y) - x * x;
        }
        @Differentiable static double rosenbrock(double x, double y) {
          return (x - 1) * (x - 1) + 100 * (y - x * x) * (y - x * x);
        }
        @Differentiable static double nestedTernary(double x, double y) {
          return x > y ? x : (y > 0 ? y : -y);
        }
        @Differentiable static double arrayOfParams(double x, double y) {
          int i = 0;
          double[] arr = {x, y};
          if (x > 0) {
            y = arr[i] * x;
          }
          return y;
        }
        @Differentiable static double ifElseChain(double x, double y) {
          if (x > y)
            return x;
          else if (y > 0)
            return y;
          else
            return -y;
        }
        static double sumOfPowers(double x, double y, double z, double p) {
          return Math.pow(x, p) + Math.pow(y, p) + Math.pow(z, p);
        }
        @Differentiable static double pNorm(double x, double y, double z, double d) {
          return Math.pow(sumOfPowers(x, y, z, d), 1 / d);
        }
        @Differentiable static double sinSum(double x, double y) {
          return (Math.sin(x) + Math.sin(y)) * (x + y);
        }
        @Differentiable static double declsWithReturns(double x, double y) {
          double a = 3 * x;
          double c = 333 * y;
          if (x > 1)
            return 2 * a;
          else if (x < -1)
            return -2 * a;
          double b = a * a;
          return b;
        }
        @Differentiable static double preIncrementInReturn(double i, double j) {
          double temp = i;
          return (++i) * temp;
        }
        @Differentiable static double assignInCondition(double x) {
          if ((x += x) != 0) {
            return x;
          }
          return x;
        }
        // Gradients.C running_sum: a prefix sum written into the parameter
        @Differentiable static double runningSum(double[] p, int n) {
          for (int i = 1; i < n; i++) {
            p[i] += p[i - 1];
          }
          return p[n - 1];
        }
        // Assignments.C f3, f7, f8, f9, f10, f13, f18, f19, constVal
        @Differentiable static double selfAssignments(double x, double y) {
          x = x;
          x = x * x;
          y = x * x;
          x = y;
          return y;
        }
        @Differentiable static double elementUpdates(double x, double y) {
          double[] t = {1, x, x * x};
          t[0]++;
          t[0]--;
          ++t[0];
          --t[0];
          t[0] = x;
          x = y;
          t[0] += t[1];
          t[0] *= t[1];
          t[0] /= t[1];
          t[0] -= t[1];
          x = ++t[0];
          return t[0];
        }
        @Differentiable static double chainedElementAssignment(double x, double y) {
          double[] t = {1, x, y, 1};
          t[3] = (y *= (t[0] = t[1] = t[2]));
          return t[3];
        }
        @Differentiable static double chainedLocals(double x, double y) {
          double t = x;
          t = x = y;
          return t * x;
        }
        @Differentiable static double assignInOperand(double x, double y) {
          double t = x * (y = x);
          return t * y;
        }
        @Differentiable static double compoundOnParam(double i, double j, double k) {
          k = 2 * i + 2 * j;
          k += i;
          return k * k;
        }
        @Differentiable static double fusedMultiplyAdd(double a, double b) {
          return Math.fma(a, b, b);
        }
        @Differentiable static double constParamTimes(double y, final double x) {
          final double z = y;
          y *= z;
          return y * x;
        }
        // EarlyReturns.C
        @Differentiable static double loopEarly(double x, double y) {
          double s = 0;
          for (int i = 0; i < 5; ++i) {
            s += x * y;
            if (s > 20)
              return s;
          }
          return s;
        }
        @Differentiable static double recEarly(double x, double y) {
          if (x > y)
            return recEarly(x - 1, y);
          return x * y;
        }
        @Differentiable static double declAfterEarly(double x, double y) {
          if (y == 0)
            return 1;
          double n = y;
          double a = n + x;
          double b = n, c = 2 * x;
          a *= b;
          return a + c;
        }
        // FunctionCalls.C fn3, fn4, fn5, fn9, fn10: helpers that write into their arguments
        static void update(double[] ij) {
          ij[0] += ij[1];
          ij[1] += ij[1];
        }
        @Differentiable static double updateTwice(double i, double j) {
          double[] ij = {i, j};
          update(ij);
          update(ij);
          return ij[0];
        }
        static double sumThenBump(double[] arr, int n) {
          double res = 0;
          for (int i = 0; i < n; ++i)
            res += arr[i];
          arr[0] += 10 * arr[0];
          return res;
        }
        static void twice(double[] d, int i) {
          d[i] = 2 * d[i];
        }
        @Differentiable static double callsWriters(double[] arr, int n) {
          double res = 0;
          res += sumThenBump(arr, n);
          for (int i = 0; i < n; ++i) {
            twice(arr, i);
            res += arr[i];
          }
          return res;
        }
        static double customMax(double a, double b) {
          return a > b ? a : b;
        }
        @Differentiable static double callsCustomMax(double x, double y) {
          return customMax(x * y, y);
        }
        @Differentiable static double clamps(double x, double y) {
          double out = x;
          out = Math.max(out, 0.0);
          out = Math.min(out, 10.0);
          out = Math.max(3.0, Math.min(out, 7.0));
          return out * y;
        }
        // Switch.C fn3, fn7, switchReturn (without fall-through, which Java allows and we reject)
        @Differentiable static double switchInLoop(double i, double j) {
          double res = 0;
          int counter = 3;
          while (counter-- > 0) {
            switch (counter) {
              case 0 -> res += i * i * j * j;
              case 1 -> res += i * i;
              case 2 -> res += j * j;
              default -> res += i + j;
            }
          }
          return res;
        }
        @Differentiable static double groupedLabels(double u, double v) {
          double res = 0;
          for (int i = 0; i < 5; ++i) {
            switch (i) {
              case 0:
              case 1:
              case 2:
                res += u;
                break;
              case 3:
              default:
                res += v * u;
                break;
            }
          }
          return res;
        }
        @Differentiable static double switchReturn(double x, double y, int k) {
          switch (k) {
            case 0: return x * y;
            case 1: return x + y;
            default: return Math.sin(x) * y;
          }
        }
      }
      """)
      .check("cube", 4, r -> args(u(r, -2, 2)))
      .closedForm(args(1.5), 3 * 1.5 * 1.5)
      .check("ninth", 4, r -> args(u(r, -1.2, 1.2)))
      .closedForm(args(1.1), 9 * Math.pow(1.1, 8))
      .check("returnInLoop", 4, r -> args(u(r, -2, 2)))
      .closedForm(args(3.0), 6.0)
      .check("updateInHeader", 4, r -> args(u(r, -2, 2)))
      .check("incrementParam", 3, r -> args(u(r, -2, 2)))
      .closedForm(args(0.5), 1.0)
      .check("constLocal", 4, r -> args(u(r, -2, 2)))
      .closedForm(args(2.0), 6 * 2.0 + 3)
      .check("sum", 3, r -> args(vec(r, 5, -1, 1), 4))
      .check("sumSquares", 3, r -> args(vec(r, 5, -1, 1), 5))
      .check("logGaussian", 4, r -> args(vec(r, 3, -1, 1), vec(r, 3, -1, 1), 3.0, u(r, 0.5, 2)))
      .check("postDecrementWhile", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .closedForm(args(1.5, 2.0), 9.0, 3.0)
      .check("doInsideWhile", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("nestedWhiles", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .closedForm(args(1.5, 2.0), 27.0, 9.0)
      .check("nestedDoWhiles", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .closedForm(args(1.5, 2.0), 27.0, 18.0)
      .check("continues", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("breakAndContinue", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("innerBreak", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("elseIfBreak", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("riemann", 0, r -> args())
      .closedForm(args(-0.25, 1.5), riemannGradient(-0.25, 1.5))
      .closedForm(args(0.125, 2.0), riemannGradient(0.125, 2.0))
      .closedFormsOnly()
      .check("timesFiveInPlace", 3, r -> args(vec(r, 4, -1, 1), 4))
      .check("initializerInLoop", 3, r -> args(u(r, -2, 2)))
      .check("conditionAccumulates", 3, r -> args(u(r, 0.5, 2), u(r, 0.5, 2)))
      .check("fc", 4, r -> args(u(r, -2, 2), u(r, 0.5, 2)))
      .check("rosenbrock", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .closedForm(args(1.0, 1.0), 0.0, 0.0)
      .check("nestedTernary", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("arrayOfParams", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("ifElseChain", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("pNorm", 4, r -> args(u(r, 0.5, 2), u(r, 0.5, 2), u(r, 0.5, 2), u(r, 1.5, 3)))
      .check("sinSum", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("declsWithReturns", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("preIncrementInReturn", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .closedForm(args(1.5, 0.0), 4.0, 0.0)
      .check("assignInCondition", 4, r -> args(u(r, 0.5, 2)))
      .check("runningSum", 3, r -> args(vec(r, 5, -1, 1), 5))
      .check("selfAssignments", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("elementUpdates", 4, r -> args(u(r, 0.5, 2), u(r, -2, 2)))
      .check("chainedElementAssignment", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("chainedLocals", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("assignInOperand", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("compoundOnParam", 4, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2)))
      .check("fusedMultiplyAdd", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("constParamTimes", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("loopEarly", 6, r -> args(u(r, 0.5, 3), u(r, 0.5, 3)))
      .check("recEarly", 6, r -> args(u(r, -3, 3), u(r, -3, 3)))
      .check("declAfterEarly", 4, r -> args(u(r, -2, 2), u(r, 0.5, 2)))
      .closedForm(args(1.0, 3.0), 5.0, 7.0)
      .check("updateTwice", 4, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .closedForm(args(1.0, 1.0), 1.0, 3.0)
      .check("callsWriters", 3, r -> args(vec(r, 4, -1, 1), 4))
      .check("callsCustomMax", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("clamps", 8, r -> args(u(r, -2, 12), u(r, -2, 2)))
      .check("switchInLoop", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("groupedLabels", 3, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("switchReturn", 3, r -> args(u(r, -2, 2), u(r, -2, 2), r.nextInt(3)));

  /** d/d(lower, upper) of the sum over the points the loop visits (its trip count held). */
  private static double[] riemannGradient(double lower, double upper) {
    double points = 100;
    double interval = (upper - lower) / points;
    double dl = 0;
    double du = 0;
    int k = 0;
    for (double x = lower; x <= upper; x += interval, k++) {
      // x = lower + k * interval, accumulated exactly as the loop does
      dl += 2 * x * (1 - k / points) * interval - x * x / points;
      du += 2 * x * (k / points) * interval + x * x / points;
    }
    return new double[] {dl, du};
  }

  @TestFactory
  Stream<DynamicNode> cladShapes() {
    return SUITE.tests();
  }
}
