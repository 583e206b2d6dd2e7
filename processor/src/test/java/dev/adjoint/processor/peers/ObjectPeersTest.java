package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.mat;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Clad's {@code MemberFunctions.C} and {@code FunctionCalls.C} shapes in Java: instance methods
 * reading the receiver's fields (final and not) and calling each other, recursion through an
 * instance method, a record's own method over its components, helpers of another class that
 * normalize a matrix row in place or return a new array, recursion over an array. Each against
 * finite differences, analyses on and off.
 */
class ObjectPeersTest {

  private static final String SOURCE = """
      package peers.objects;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;

      public final class Model {
        final double[][] xs;
        final double[] ys;
        double lambda;
        static final double[] PRIOR = {0.5, -0.25, 1.0};

        Model(double[][] xs, double[] ys, double lambda) { this.xs = xs; this.ys = ys; this.lambda = lambda; }

        @Differentiable double predict(double[] w, int i) {
          double z = 0;
          for (int j = 0; j < w.length; j++) z += xs[i][j] * w[j];
          return z;
        }
        @Differentiable double loss(double[] w, double bias) {
          double s = 0;
          for (int i = 0; i < xs.length; i++) {
            double r = predict(w, i) + bias - ys[i];
            s += r * r;
          }
          double reg = 0;
          for (int j = 0; j < w.length; j++) reg += (w[j] - PRIOR[j % PRIOR.length]) * (w[j] - PRIOR[j % PRIOR.length]);
          return s / xs.length + lambda * reg + Stats.logCosh(bias);
        }
        @Differentiable double recursive(double x, int depth) {
          return depth == 0 ? x * lambda : Math.sin(recursive(x, depth - 1)) + x;
        }
      }
      record Line(double slope, double intercept) {
        @Differentiable double residual(double x, double y, double scale) {
          double r = slope * x + intercept - y;
          return scale * r * r;
        }
      }
      final class Stats {
        static double logCosh(double v) { return Math.log(Math.cosh(v)); }
        static void normalize(double[] v) {
          double n = 0;
          for (double e : v) n += e * e;
          n = Math.sqrt(n);
          for (int i = 0; i < v.length; i++) v[i] /= n;
        }
        static double[] softmax(double[] v) {
          double m = v[0];
          for (double e : v) m = Math.max(m, e);
          double[] out = new double[v.length];
          double z = 0;
          for (int i = 0; i < v.length; i++) { out[i] = Math.exp(v[i] - m); z += out[i]; }
          for (int i = 0; i < v.length; i++) out[i] /= z;
          return out;
        }
        @Differentiable static double normalizedRows(double[][] m, double[] t) {
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            normalize(m[i]);
            double[] p = softmax(m[i].clone());
            s += LinearAlgebra.dot(p, t) + p[0] * p[p.length - 1];
          }
          return s;
        }
        @Differentiable static double recursiveSum(double[] v, int k) {
          if (k < 0) return 0;
          return v[k] * v[k] + recursiveSum(v, k - 1) * 0.5;
        }
      }
      """;

  static final PeerSuite MODEL = PeerSuite.of("peers.objects.Model", SOURCE)
      .receiver(new double[][] {{1, 2, -1}, {0.5, -1, 2}, {-1, 0.25, 1}}, new double[] {1, -2, 0.5},
          0.3)
      .check("predict", 3, r -> args(vec(r, 3, -1, 1), r.nextInt(3)))
      .check("loss", 4, r -> args(vec(r, 3, -1, 1), u(r, -1, 1)))
      .check("recursive", 4, r -> args(u(r, -2, 2), r.nextInt(4)));

  static final PeerSuite LINE = PeerSuite.of("peers.objects.Model", SOURCE)
      .testing("peers.objects.Line")
      .receiver(1.5, -0.5)
      .check("residual", 4, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, 0.5, 2)));

  static final PeerSuite STATS = PeerSuite.of("peers.objects.Model", SOURCE)
      .testing("peers.objects.Stats")
      .check("normalizedRows", 4, r -> args(mat(r, 3, 3, 0.2, 1), vec(r, 3, -1, 1)))
      .check("recursiveSum", 4, r -> args(vec(r, 4, -1, 1), r.nextInt(4)));

  /** An instance method of a generic class: its adjoint takes {@code Scaled<?>}. */
  static final PeerSuite GENERIC = PeerSuite.of("peers.objects.Scaled", """
      package peers.objects;

      import dev.adjoint.Differentiable;

      public final class Scaled<T> {
        final double gain;
        final double[] weights;

        Scaled(double gain, double[] weights) {
          this.gain = gain;
          this.weights = weights;
        }

        @Differentiable double energy(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += weights[i % weights.length] * x[i] * x[i];
          }
          return gain * Math.log1p(s);
        }
      }
      """)
      .receiver(1.5, new double[] {0.5, 2.0})
      .check("energy", 3, r -> args(vec(r, 3, -1, 1)));

  @TestFactory
  Stream<DynamicNode> genericReceiver() {
    return GENERIC.tests();
  }

  @TestFactory
  Stream<DynamicNode> instanceMethods() {
    return MODEL.tests();
  }

  @TestFactory
  Stream<DynamicNode> recordMethod() {
    return LINE.tests();
  }

  @TestFactory
  Stream<DynamicNode> helpersOfAnotherClass() {
    return STATS.tests();
  }
}
