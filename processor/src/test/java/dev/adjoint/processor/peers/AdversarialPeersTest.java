package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.mat;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Programs written to catch a silently wrong gradient: Java's implicit narrowing in compound
 * assignments ({@code int k += x}), increments of doubles inside expressions, aliases of arrays
 * written through the other name, integer powers at zero and of negative bases, indices computed
 * from the data, loops whose exit depends on the data. Each against finite differences (analyses
 * on and off) and closed forms at the points where a formula is most likely to break.
 */
class AdversarialPeersTest {

  static final PeerSuite SUITE = PeerSuite.of("peers.adversarial.Adv", """
      package peers.adversarial;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;

      public class Adv {
        @Differentiable static double narrowingCompound(double x) {
          int k = 0;
          k += x * 3;
          return k * x + x;
        }
        @Differentiable static double charCompound(double x) {
          char c = 'a';
          c += 1;
          return c * x;
        }
        @Differentiable static double powAtZero(double x) {
          return Math.pow(x, 2) + Math.pow(x, 3) * 2;
        }
        @Differentiable static double powIntVar(double x, int n) {
          return Math.pow(x, n);
        }
        @Differentiable static double postIncDouble(double x) {
          double y = x++ + ++x;
          x++;
          return y * x;
        }
        @Differentiable static double rowAliasThenWrite(double[][] m, double x) {
          double[] row = m[0];
          m[0][0] = x * row[1];
          return row[0] * m[0][1];
        }
        @Differentiable static double paramAliasWrite(double[] x) {
          double[] y = x;
          y[0] = y[0] * y[1];
          return x[0] + y[1];
        }
        @Differentiable static double localAliasWrite(double x) {
          double[] a = new double[2];
          double[] b = a;
          b[0] = x * x;
          return a[0] + b[0];
        }
        @Differentiable static double multiInit(double x) {
          double s = 0;
          for (int i = 0, j = 10; i < j; i++, j--) {
            s += x * (j - i);
          }
          return s;
        }
        @Differentiable static double whileTrue(double x) {
          int k = 0;
          while (true) {
            x = x * 1.5;
            if (++k >= 4) {
              return x;
            }
          }
        }
        @Differentiable static double doWhileData(double x) {
          do {
            x = x * 0.5 + 0.1;
          } while (x > 1);
          return x;
        }
        @Differentiable static double castToInt(double x, double[] a) {
          int k = (int) Math.floor(Math.abs(x) * 1.9) % a.length;
          return a[k] * x;
        }
        @Differentiable static double reluIterations(double x, double w) {
          for (int i = 0; i < 4; i++) {
            x = Math.max(w * x - 0.1, 0);
          }
          return x;
        }
        @Differentiable static double inPlaceRecurrence(double[] a, double x) {
          for (int i = 1; i < a.length; i++) {
            a[i] -= a[i - 1] * x;
          }
          return a[a.length - 1];
        }
        @Differentiable static double matrixInPlace(double[][] m, double x) {
          for (int i = 0; i < m.length; i++)
            for (int j = 0; j < m[i].length; j++)
              m[i][j] *= x + i;
          double s = 0;
          for (double[] r : m) for (double v : r) s += v * v;
          return s;
        }
        @Differentiable static double cloneThenWrite(double[] a, double x) {
          double[] b = a.clone();
          b[0] *= x;
          return b[0] + a[0] * b[1];
        }
        @Differentiable static double flagBool(double x) {
          boolean neg = x < 0;
          double y = neg ? -x : x;
          if (!neg && y > 1) y = Math.sqrt(y);
          return y;
        }
        @Differentiable static double nestedTernaryAssign(double x, double y) {
          double t = 0;
          double r = x > y ? (t = x * y) : (t = x + y);
          return r * t;
        }
        @Differentiable static double mathZoo(double x, double y) {
          return Math.hypot(x, y) + Math.atan2(y, x) + Math.log10(x * x + 1) + Math.cbrt(y)
              + Math.expm1(x) + Math.log1p(y * y) + Math.toRadians(x) + StrictMath.sin(y)
              + Math.abs(x - y) + Math.min(x, 1.0) + Math.max(y, 0) + Math.signum(x) * x;
        }
      }
      """)
      .check("narrowingCompound", 6, r -> args(u(r, -2, 2)))
      .check("charCompound", 3, r -> args(u(r, -2, 2)))
      .check("powAtZero", 3, r -> args(u(r, -2, 2)))
      .closedForm(args(0.0), 0.0)
      .closedForm(args(-1.5), -3 + 6 * 2.25)
      .check("powIntVar", 6, r -> args(u(r, -2, 2), r.nextInt(5) - 1))
      .closedForm(args(0.0, 2), 0.0)
      .closedForm(args(-2.0, 3), 12.0)
      .check("postIncDouble", 3, r -> args(u(r, -2, 2)))
      .check("rowAliasThenWrite", 3, r -> args(mat(r, 2, 2, -1, 1), u(r, -2, 2)))
      .check("paramAliasWrite", 3, r -> args(vec(r, 2, -1, 1)))
      .check("localAliasWrite", 3, r -> args(u(r, -2, 2)))
      .check("multiInit", 3, r -> args(u(r, -2, 2)))
      .check("whileTrue", 3, r -> args(u(r, -2, 2)))
      .check("doWhileData", 6, r -> args(u(r, -3, 6)))
      .check("castToInt", 6, r -> args(u(r, -2, 2), vec(r, 3, -1, 1)))
      .check("reluIterations", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("inPlaceRecurrence", 3, r -> args(vec(r, 4, -1, 1), u(r, -2, 2)))
      .check("matrixInPlace", 3, r -> args(mat(r, 2, 3, -1, 1), u(r, -2, 2)))
      .check("cloneThenWrite", 3, r -> args(vec(r, 2, -1, 1), u(r, -2, 2)))
      .check("flagBool", 8, r -> args(u(r, -3, 3)))
      .check("nestedTernaryAssign", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("mathZoo", 6, r -> args(u(r, 0.2, 2), u(r, 0.2, 2)));

  /**
   * Locals of one name in sibling blocks, loops and branches (of different types, scalar and
   * array), and Java's evaluation order where an index or an operand is assigned in the same
   * statement ({@code a[k] = (k = 2) * x + a[k]}, {@code y += y++}).
   */
  static final PeerSuite SCOPES = PeerSuite.of("peers.adversarial.Scope", """
      package peers.adversarial;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;

      public class Scope {
        @Differentiable static double siblings(double x, double y) {
          double s = 0;
          { double t = x * y; s += t * t; }
          { double t = Math.sin(y); s += t * x; }
          if (x > 0) { double u = x * x; s += u; } else { int u = 3; s += u * y; }
          return s;
        }
        @Differentiable static double siblingLoops(double x, double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) { double t = v[i] * x; s += t * t; }
          for (int i = 0; i < v.length; i++) { double t = Math.exp(v[i]); s += t * x; }
          for (int i = v.length - 1; i >= 0; i--) { double[] t = {v[i], x}; s += t[0] * t[1]; }
          return s;
        }
        @Differentiable static double typeChange(double x, double[] v) {
          double s = 0;
          for (int k = 0; k < 2; k++) { double[] t = LinearAlgebra.scale(x, v); s += LinearAlgebra.sum(t); }
          for (int k = 0; k < 2; k++) { double t = x * k; s += t * t; }
          if (s > 0) { double[] w = v.clone(); w[0] *= x; s += w[0]; } else { double w = x; s -= w * w; }
          return s;
        }
        @Differentiable static double orderOfEvaluation(double[] a, double x) {
          int i = 0;
          a[i] = a[i++] * x + a[i];
          int k = 1;
          a[k] = (k = 2) * x + a[k];
          a[i++] += x * a[i];
          double y = x;
          y += y++;
          double z = y * (y = 3 * x);
          double s = a[0];
          s += (s = x * 2);
          return a[0] + a[1] + a[2] + z + s + y;
        }
        @Differentiable static double charSwitch(double x, char c) {
          switch (c) {
            case 'a': return x * x;
            case 'b': return Math.sin(x);
            default: return x;
          }
        }
        @Differentiable static double precedence(double x, double y) {
          final var k = (int) x * x;
          return - -x * -y + Math.round(x) * y + k + Math.pow(2, x) + Math.pow(x, 0.5) + Math.pow(-y, 2.0);
        }
      }
      """)
      .check("siblings", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("siblingLoops", 3, r -> args(u(r, -2, 2), vec(r, 3, -1, 1)))
      .check("typeChange", 6, r -> args(u(r, -2, 2), vec(r, 3, -1, 1)))
      .check("orderOfEvaluation", 3, r -> args(vec(r, 3, -1, 1), u(r, -2, 2)))
      .check("charSwitch", 3, r -> args(u(r, -2, 2), "abc".charAt(r.nextInt(3))))
      .check("precedence", 6, r -> args(u(r, 0.1, 3), u(r, -2, 2)));

  /**
   * Control flow a translation gets wrong first: {@code continue} in a do-while (it goes to the
   * condition), {@code break} in a switch in a loop, assignments in loop conditions and after
   * {@code &&}, a counter bumped in the body, a double counter, {@code for (;;)}, an argmax index
   * read afterwards, a written {@code int[]}, a flag ending nested loops, switch expressions
   * with blocks in a loop.
   */
  static final PeerSuite FLOW = PeerSuite.of("peers.flow.Flow", """
      package peers.flow;
      import dev.adjoint.Differentiable;

      public final class Flow {
        private Flow() {}
        @Differentiable static double continueInDoWhile(double x) {
          int k = 0;
          double s = 0;
          do {
            k++;
            if (k % 2 == 0) continue;
            s += x * k;
            x = x * 1.1;
          } while (k < 5);
          return s;
        }
        @Differentiable static double breakInSwitchInLoop(double x, int n) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            switch (i % 3) {
              case 0:
                s += x;
                break;
              case 1:
                if (s > 100) {
                  s = 0;
                }
                s *= x;
                break;
              default:
                continue;
            }
            s += 0.5;
          }
          return s;
        }
        @Differentiable static double assignInWhileCondition(double x) {
          double s = 0;
          while ((x = x * 0.5) > 0.1) {
            s += x * x;
          }
          return s + x;
        }
        @Differentiable static double forEver(double x) {
          int k = 0;
          for (;;) {
            x = Math.sin(x) + 0.5;
            if (++k == 6) break;
          }
          return x;
        }
        @Differentiable static double bodyBumpsCounter(double x, double[] a) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * x;
            if (a[i] > 0) i++;
          }
          return s;
        }
        @Differentiable static double doubleCounterChangedInBody(double x) {
          double s = 0;
          for (double t = 0; t < 3; t += 0.5) {
            s += t * x;
            x *= 0.9;
          }
          return s;
        }
        @Differentiable static double sideEffectCondition(double x, int n) {
          double s = 0;
          int k = 0;
          while (k < n && (s += x * x) < 10) {
            k++;
          }
          return s;
        }
        @Differentiable static double ternaryIndex(double x, double[] a) {
          return a[x > 0 ? 0 : 1] * x + a[a.length - 1 - (x > 1 ? 1 : 0)];
        }
        @Differentiable static double argmax(double[] a, double x) {
          int best = 0;
          for (int i = 1; i < a.length; i++) {
            if (a[i] * x > a[best] * x) best = i;
          }
          return a[best] * x * x;
        }
        @Differentiable static double intArrayWritten(double x, int[] idx, double[] a) {
          idx[0] = (idx[0] + 1) % a.length;
          double s = 0;
          for (int i = 0; i < idx.length; i++) s += a[idx[i] % a.length] * x;
          return s;
        }
        @Differentiable static double nestedBreakFlags(double x, double[][] m) {
          double s = 0;
          boolean done = false;
          for (int i = 0; i < m.length && !done; i++) {
            for (int j = 0; j < m[i].length; j++) {
              s += m[i][j] * x;
              if (s > 1.5) { done = true; break; }
            }
          }
          return s;
        }
        @Differentiable static double switchExprInLoop(double x, double y) {
          double s = 0;
          for (int i = 0; i < 6; i++) {
            double t = switch (i % 4) {
              case 0 -> x * y;
              case 1 -> { double q = Math.exp(x); yield q * y; }
              case 2 -> { if (x > y) { x = x * 0.9; } yield x; }
              default -> -y;
            };
            s += t;
            if (t > 50) continue;
            s *= 0.9;
          }
          return s;
        }
      }
      """)
      .check("continueInDoWhile", 3, r -> args(u(r, -2, 2)))
      .check("breakInSwitchInLoop", 4, r -> args(u(r, -2, 2), r.nextInt(8)))
      .check("assignInWhileCondition", 6, r -> args(u(r, 0.3, 4)))
      .check("forEver", 3, r -> args(u(r, -2, 2)))
      .check("bodyBumpsCounter", 4, r -> args(u(r, -2, 2), vec(r, 6, -1, 1)))
      .check("doubleCounterChangedInBody", 3, r -> args(u(r, -2, 2)))
      .check("sideEffectCondition", 6, r -> args(u(r, -2, 2), r.nextInt(12)))
      .check("ternaryIndex", 6, r -> args(u(r, -2, 2), vec(r, 3, -1, 1)))
      .check("argmax", 6, r -> args(vec(r, 4, -1, 1), u(r, -2, 2)))
      .check("intArrayWritten", 4, r -> args(u(r, -2, 2), new int[] {r.nextInt(3), 2, 1},
          vec(r, 3, -1, 1)))
      .check("nestedBreakFlags", 6, r -> args(u(r, 0.5, 2), mat(r, 3, 3, 0, 1)))
      .check("switchExprInLoop", 6, r -> args(u(r, -2, 2), u(r, -2, 2)));

  @TestFactory
  Stream<DynamicNode> flow() {
    return FLOW.tests();
  }

  @TestFactory
  Stream<DynamicNode> scopes() {
    return SCOPES.tests();
  }

  @TestFactory
  Stream<DynamicNode> adversarial() {
    return SUITE.tests();
  }
}
