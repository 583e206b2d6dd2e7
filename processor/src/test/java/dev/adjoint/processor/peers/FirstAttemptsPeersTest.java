package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.en;
import static dev.adjoint.processor.peers.PeerSuite.mat;
import static dev.adjoint.processor.peers.PeerSuite.rec;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import dev.adjoint.processor.testing.JavaSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * What a new user types first: a small MLP over a record with an enum-chosen loss (JAX's
 * {@code api_test} style of a loss over parameters), softmax cross-entropy written out with its
 * max shift, local lambdas, a String switch, an RNN over matrix rows through a kernel and
 * through a plain helper returning {@code double[]}; and names that collide with what the
 * generated code uses ({@code seed}, {@code grad}, {@code stacks}, {@code xBar}, a local
 * {@code dev} or {@code java} shadowing package roots, parameters named {@code Math} and
 * {@code LinearAlgebra}, methods named {@code toString}, {@code hashCode}, like the class or like
 * its adjoint). Each against finite differences, analyses on and off.
 */
class FirstAttemptsPeersTest {

  private static final JavaSource CLASH = JavaSource.of("peers.first.Clash", """
      package peers.first;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;

      public class Clash {
        @Differentiable static double gen(double seed, double seed2, double grad, double grad2, double stacks, double xBar, double x, double[] v) {
          double dev = x * 2;
          double java = seed * seed2;
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            s += Math.sin(v[i] * dev) * java + grad * grad2 * stacks * xBar;
            dev = dev * 1.01;
          }
          return s;
        }
        @Differentiable static double mathParam(double Math, double LinearAlgebra, double[] w) {
          double t = 0;
          for (int i = 0; i < w.length; i++) {
            t += java.lang.Math.exp(w[i] * Math) * LinearAlgebra;
            Math = Math * 0.9;
          }
          return t + dev.adjoint.runtime.LinearAlgebra.dot(w, w);
        }
        @Differentiable static double toString(double x) { return x * x; }
        @Differentiable static double hashCode(double x) { return x * 3; }
        @Differentiable static double Clash(double x) { return x * 3; }
        @Differentiable static double ClashAdjoint(double x) { return x * 3; }
        @Differentiable static double i(double[] i2, double i) {
          double s = 0;
          for (int k = 0; k < i2.length; k++) { double iBar = i2[k] * i; s += iBar * iBar; i = i + 0.5; }
          return s;
        }
      }
      """);

  static final PeerSuite ML = PeerSuite.of("peers.first.Ml", """
      package peers.first;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;
      import java.util.function.DoubleUnaryOperator;

      public class Ml {
        enum Loss { L1, L2, HUBER }
        public record Mlp(double[][] w1, double[] b1, double[] w2, double b2) {}

        static double[] layer(double[][] w, double[] b, double[] x) {
          double[] out = new double[b.length];
          for (int i = 0; i < b.length; i++) {
            double z = b[i];
            for (int j = 0; j < x.length; j++) z += w[i][j] * x[j];
            out[i] = Math.tanh(z);
          }
          return out;
        }
        @Differentiable static double mlpLoss(Mlp p, double[][] xs, double[] ys, Loss kind) {
          double total = 0;
          for (int n = 0; n < xs.length; n++) {
            double[] h = layer(p.w1(), p.b1(), xs[n]);
            double pred = LinearAlgebra.dot(p.w2(), h) + p.b2();
            double r = pred - ys[n];
            total += switch (kind) {
              case L1 -> Math.abs(r);
              case L2 -> r * r;
              case HUBER -> Math.abs(r) < 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
            };
          }
          return total / xs.length;
        }
        @Differentiable static double crossEntropy(double[][] W, double[][] xs, int[] labels) {
          double loss = 0;
          for (int i = 0; i < xs.length; i++) {
            double[] logits = LinearAlgebra.matVec(W, xs[i]);
            double max = logits[0];
            for (double l : logits) max = Math.max(max, l);
            double z = 0;
            for (int k = 0; k < logits.length; k++) z += Math.exp(logits[k] - max);
            loss -= logits[labels[i]] - max - Math.log(z);
          }
          return loss;
        }
        @Differentiable static double lambdaLoss(double[] w, double a) {
          DoubleUnaryOperator sq = v -> v * v;
          DoubleUnaryOperator soft = v -> Math.log(1 + Math.exp(a * v));
          double s = 0;
          for (double x : w) s += sq.applyAsDouble(x) + soft.applyAsDouble(x - 1);
          return s;
        }
        @Differentiable static double stringLoss(double x, double y, String kind) {
          double r = x - y;
          switch (kind) {
            case "l1": return Math.abs(r);
            case "l2": return r * r;
            default: return Math.log(Math.cosh(r));
          }
        }
        @Differentiable static double rnnRows(double[][] W, double[][] U, double[][] xs, double[] h0) {
          double[][] h = new double[xs.length + 1][];
          h[0] = h0.clone();
          for (int t = 0; t < xs.length; t++) {
            h[t + 1] = LinearAlgebra.tanh(LinearAlgebra.add(LinearAlgebra.matVec(W, h[t]), LinearAlgebra.matVec(U, xs[t])));
          }
          return LinearAlgebra.sum(h[xs.length]);
        }
        @Differentiable static double rnnHelperRows(double[][] W, double[][] U, double[][] xs, double[] h0) {
          double[][] h = new double[xs.length + 1][];
          h[0] = h0.clone();
          double s = 0;
          for (int t = 0; t < xs.length; t++) {
            h[t + 1] = layer(W, LinearAlgebra.matVec(U, xs[t]), h[t]);
            s += h[t + 1][0] * h[t + 1][0];
          }
          return s + LinearAlgebra.sum(h[xs.length]);
        }
      }
      """)
      .check("mlpLoss", 6, r -> args(rec("peers.first.Ml$Mlp", mat(r, 3, 2, -1, 1),
          vec(r, 3, -1, 1), vec(r, 3, -1, 1), u(r, -1, 1)), mat(r, 4, 2, -1, 1),
          vec(r, 4, -1, 1), en("peers.first.Ml$Loss", new String[] {"L1", "L2", "HUBER"}[r.nextInt(3)])))
      .check("crossEntropy", 3, r -> args(mat(r, 3, 2, -1, 1), mat(r, 4, 2, -1, 1),
          new int[] {0, 2, 1, 2}))
      .check("lambdaLoss", 3, r -> args(vec(r, 3, -1, 1), u(r, -1, 1)))
      .check("stringLoss", 6, r -> args(u(r, -2, 2), u(r, -2, 2),
          new String[] {"l1", "l2", "logcosh"}[r.nextInt(3)]))
      .check("rnnRows", 3, r -> args(mat(r, 3, 3, -1, 1), mat(r, 3, 2, -1, 1),
          mat(r, 4, 2, -1, 1), vec(r, 3, -1, 1)))
      .check("rnnHelperRows", 3, r -> args(mat(r, 3, 3, -1, 1), mat(r, 3, 2, -1, 1),
          mat(r, 4, 2, -1, 1), vec(r, 3, -1, 1)));

  /**
   * The two rewrites the error for an array rebound in a loop suggests, for an explicit heat
   * equation: copy the new step into one array, or keep each step as a row of a matrix.
   */
  static final PeerSuite REWRITES = PeerSuite.of("peers.first.Heat", """
      package peers.first;

      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;

      public final class Heat {
        private Heat() {}

        @Differentiable static double copied(double[] u0, double c, int steps) {
          double[] u = u0.clone();
          for (int t = 0; t < steps; t++) {
            double[] next = new double[u.length];
            for (int i = 1; i + 1 < u.length; i++) {
              next[i] = u[i] + c * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }
            System.arraycopy(next, 0, u, 0, u.length);
          }
          return LinearAlgebra.squaredNorm(u);
        }

        @Differentiable static double rows(double[] u0, double c, int steps) {
          double[][] us = new double[steps + 1][];
          us[0] = u0.clone();
          for (int t = 0; t < steps; t++) {
            double[] u = us[t];
            double[] next = new double[u.length];
            for (int i = 1; i + 1 < u.length; i++) {
              next[i] = u[i] + c * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }
            us[t + 1] = next.clone();
          }
          return LinearAlgebra.squaredNorm(us[steps]);
        }
      }
      """)
      .check("copied", 3, r -> args(vec(r, 5, -1, 1), u(r, 0.1, 0.4), 1 + r.nextInt(4)))
      .check("rows", 3, r -> args(vec(r, 5, -1, 1), u(r, 0.1, 0.4), 1 + r.nextInt(4)));

  static final PeerSuite NAMES = PeerSuite.of("peers.first.Names", """
      package peers.first;

      import dev.adjoint.Differentiable;

      public final class Names {
        private Names() {}

        @Differentiable static double callsClash(double x, double[] v) {
          return Clash.gen(x, 2 * x, x * x, 1.5, x, -x, 3 * x, v) + Clash.toString(x)
              + Clash.hashCode(x) + Clash.Clash(x) + Clash.ClashAdjoint(x) + Clash.i(v, x)
              + Clash.mathParam(x, x * x, v);
        }
      }
      """)
      .with(CLASH)
      .check("callsClash", 4, r -> args(u(r, -1, 1), vec(r, 3, -1, 1)));

  /**
   * Locals named like the classes the generated code uses ({@code System}, {@code Stacks},
   * {@code Double}, ...) and like its temporaries and adjoints ({@code product}, {@code exp2},
   * {@code y2}, {@code yBar}, {@code value}, {@code kBar}).
   */
  static final PeerSuite HIDDEN = PeerSuite.of("peers.first.Hidden", """
      package peers.first;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;
      import java.util.Arrays;
      public final class Hidden {
        @Differentiable static double hiddenClasses(double[] v, double x) {
          double System = 2, Stacks = 3, Adjoints = 4, ArrayCopies = 5, Double = 6, Integer = 7, Object = 8, String = 9;
          double[] c = Arrays.copyOf(v, v.length);
          java.lang.System.arraycopy(v, 0, c, 0, 1);
          double s = 0;
          for (int i = 0; i < c.length; i++) {
            s += Math.sin(c[i] * x) * System + Stacks * c[i] + Adjoints * ArrayCopies + Double * Integer * Object * String * x;
            c[i] = s;
          }
          return s + c[0];
        }
        @Differentiable static double temps(double x, double y) {
          double product = x * y;
          double exp = Math.exp(x);
          double exp2 = Math.exp(y);
          double y2 = y * y;
          double yBar = y2 * x;
          double xBar = product * exp;
          double sin = Math.sin(x * y) * Math.sin(x);
          double quotient = x / (y * y + 1);
          double value = product + exp + exp2 + y2 + yBar + xBar + sin + quotient;
          return value * (x / (y * y + 1)) * (x * y);
        }
        @Differentiable static double rebindNames(double[] y, double a) {
          double[] y2 = LinearAlgebra.scale(a, y);
          y = LinearAlgebra.scale(2 * a, y2);
          double[] y3 = LinearAlgebra.exp(y);
          y = LinearAlgebra.add(y, y3);
          double y2Bar = LinearAlgebra.sum(y2);
          return LinearAlgebra.dot(y, y) + y2Bar;
        }
        @Differentiable static double loopNames(double x, int n) {
          double stacks = x, seed = 1, grad = 2, i = 0;
          double s = 0;
          for (int k = 0; k < n; k++) {
            double kBar = Math.cos(s + x);
            s = s * kBar + stacks * seed * grad + i;
            i += 0.5;
          }
          return s;
        }
      }
      """)
      .check("hiddenClasses", 3, r -> args(vec(r, 3, -1, 1), u(r, -2, 2)))
      .check("temps", 3, r -> args(u(r, -1, 1), u(r, -1, 1)))
      .check("rebindNames", 3, r -> args(vec(r, 3, -1, 1), u(r, -1, 1)))
      .check("loopNames", 3, r -> args(u(r, -1, 1), r.nextInt(5)));

  @TestFactory
  Stream<DynamicNode> hiddenNames() {
    return HIDDEN.tests();
  }

  @TestFactory
  Stream<DynamicNode> ml() {
    return ML.tests();
  }

  @TestFactory
  Stream<DynamicNode> suggestedRewrites() {
    return REWRITES.tests();
  }

  @TestFactory
  Stream<DynamicNode> names() {
    return NAMES.tests();
  }
}
