package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.mat;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The shapes of Enzyme's reverse-mode integration tests ({@code test/Integration/ReverseMode}:
 * insertion sort then sum, read-write-read of one element, loops writing a matrix then reading
 * it, Taylor series of cos and log, explicit Euler integration of exp, sum until a threshold,
 * recursion, many divisions, a loop-invariant value recomputed or stored), in Java. Each against
 * finite differences (analyses on and off), closed forms where the test states them.
 */
class EnzymePeersTest {

  static final PeerSuite SUITE = PeerSuite.of("peers.enzyme.Integration", """
      package peers.enzyme;

      import dev.adjoint.Differentiable;

      public final class Integration {
        private Integration() {}

        // insertsort_sum: sort in place (the permutation depends on the data), sum the top half
        @Differentiable static double insertsortSum(double[] array, int n) {
          for (int i = 1; i < n; i++) {
            int j = i;
            while (j > 0 && array[j - 1] < array[j]) {
              double tmp = array[j];
              array[j] = array[j - 1];
              array[j - 1] = tmp;
              j--;
            }
          }
          double sum = 0;
          for (int i = 0; i < n / 2; i++) {
            sum += array[i] * array[i];
          }
          return sum;
        }
        // readwriteread
        @Differentiable static double readWriteRead(double[] x) {
          double a = x[0] * x[0];
          x[0] = a * 2;
          return x[0] * x[0] + a;
        }
        // rwrloop: a loop nest writing a matrix from itself, then reading it
        @Differentiable static double rwrLoop(double[][] a, int n, int m) {
          double sum = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
              a[i][j] = a[i][j] * a[i][j] + (j > 0 ? a[i][j - 1] : 0);
            }
          }
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
              sum += a[i][j] * a[i][j];
            }
          }
          return sum;
        }
        // mycos: Taylor series with a factorial helper and integer powers
        static double factorial(int n) {
          double r = 1;
          for (int i = 2; i <= n; i++) {
            r *= i;
          }
          return r;
        }
        @Differentiable static double myCos(double x) {
          double sum = 0;
          for (int n = 0; n <= 20; n++) {
            sum += Math.pow(-1, n) * Math.pow(x, 2 * n) / factorial(2 * n);
          }
          return sum;
        }
        // taylorlog: sum of x^i / i
        @Differentiable static double taylorLog(double x, int terms) {
          double sum = 0;
          for (int i = 1; i <= terms; i++) {
            sum += Math.pow(x, i) / i;
          }
          return sum;
        }
        // integrateexp: explicit Euler for y' = -y into a buffer, return its end
        @Differentiable static double integrateExp(double y0, double t, int steps) {
          double dt = t / steps;
          double[] y = new double[steps + 1];
          y[0] = y0;
          for (int i = 1; i <= steps; i++) {
            y[i] = y[i - 1] - dt * y[i - 1];
          }
          return y[steps];
        }
        // sumtil: sum until the partial sum passes a threshold
        @Differentiable static double sumTil(double[] vec, double limit) {
          double ret = 0;
          for (int i = 0; i < vec.length; i++) {
            ret += vec[i] * vec[i];
            if (ret > limit) {
              break;
            }
          }
          return ret;
        }
        // recurse
        @Differentiable static double recursePow(double x, int n) {
          if (n <= 0) {
            return 1;
          }
          return x * recursePow(x, n - 1);
        }
        // manydiv
        @Differentiable static double manyDiv(double x, double y) {
          double r = x;
          for (int i = 0; i < 6; i++) {
            r = r / y + 1 / (r + 3);
          }
          return r;
        }
        // headerremat: a value the loop overwrites each iteration and reads after
        @Differentiable static double overwrittenInLoop(double x, int n) {
          double t = 0;
          double acc = 0;
          for (int i = 0; i < n; i++) {
            t = Math.sin(x * (i + 1));
            acc += t * t;
          }
          return acc + t;
        }
        // invsqrt-like: a Newton iteration in a loop
        @Differentiable static double newtonSqrt(double a) {
          double g = a;
          for (int i = 0; i < 8; i++) {
            g = 0.5 * (g + a / g);
          }
          return g;
        }
        // mixed struct: a record of a matrix, a vector and a scalar
        @Differentiable static double affineSquared(Layer layer, double[] x) {
          double s = 0;
          for (int i = 0; i < layer.w().length; i++) {
            double z = layer.b()[i];
            for (int j = 0; j < x.length; j++) {
              z += layer.w()[i][j] * x[j];
            }
            s += Math.tanh(z) * layer.gain();
          }
          return s;
        }
        public record Layer(double[][] w, double[] b, double gain) {}
        // a 2-level loop building a matrix locally
        @Differentiable static double outerProductTrace(double[] a, double[] b) {
          int n = a.length;
          double[][] m = new double[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              m[i][j] = a[i] * b[j];
            }
          }
          double tr = 0;
          for (int i = 0; i < n; i++) {
            tr += m[i][i] * m[i][(i + 1) % n];
          }
          return tr;
        }
      }
      """)
      .check("insertsortSum", 4, r -> args(vec(r, 6, -1, 1), 6))
      .check("readWriteRead", 3, r -> args(vec(r, 2, -1, 1)))
      .check("rwrLoop", 3, r -> args(mat(r, 2, 3, -1, 1), 2, 3))
      .check("myCos", 4, r -> args(u(r, -3, 3)))
      .closedForm(args(0.7), -Math.sin(0.7))
      .check("taylorLog", 3, r -> args(u(r, -0.5, 0.5), 5 + r.nextInt(5)))
      .check("integrateExp", 3, r -> args(u(r, 0.5, 2), u(r, 0.5, 2), 10))
      .check("sumTil", 6, r -> args(vec(r, 6, -1, 1), u(r, 0.2, 1.5)))
      .check("recursePow", 4, r -> args(u(r, -2, 2), r.nextInt(5)))
      .closedForm(args(1.5, 3), 3 * 1.5 * 1.5)
      .check("manyDiv", 3, r -> args(u(r, 0.5, 2), u(r, 1, 2)))
      .check("overwrittenInLoop", 3, r -> args(u(r, -2, 2), 1 + r.nextInt(4)))
      .check("newtonSqrt", 3, r -> args(u(r, 0.5, 4)))
      .closedForm(args(4.0), 0.25)
      .check("affineSquared", 3, r -> args(PeerSuite.rec("peers.enzyme.Integration$Layer",
          mat(r, 2, 3, -1, 1), vec(r, 2, -1, 1), u(r, 0.5, 2)), vec(r, 3, -1, 1)))
      .check("outerProductTrace", 3, r -> args(vec(r, 3, -1, 1), vec(r, 3, -1, 1)));

  @TestFactory
  Stream<DynamicNode> enzymeShapes() {
    return SUITE.tests();
  }
}
