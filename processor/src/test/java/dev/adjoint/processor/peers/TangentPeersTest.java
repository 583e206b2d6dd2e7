package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.mat;
import static dev.adjoint.processor.peers.PeerSuite.rec;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import dev.adjoint.processor.testing.JavaSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The shapes of Tangent's {@code tests/functions.py} (the functions its reverse mode is tested
 * on), written in Java: overwritten arguments and locals, serial and nested ifs, loops that
 * square their variable n times, numpy reductions as loops or {@code LinearAlgebra} kernels,
 * subscript writes, an RNN over matrix rows, nested dictionaries as nested records. Each against
 * finite differences, analyses on and off.
 */
class TangentPeersTest {

  private static final JavaSource PARAMS = JavaSource.of("peers.tangent.Params", """
      package peers.tangent;

      public record Params(Inner i, double scale) {
        public record Inner(double j, double k, int unused) {}
      }
      """);

  static final PeerSuite SUITE = PeerSuite.of("peers.tangent.Functions", """
      package peers.tangent;

      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;
      import java.util.Arrays;

      public final class Functions {
        private Functions() {}

        @Differentiable static double unarySub(double a) { return -a; }
        @Differentiable static double overwriteCall(double[] x) {
          double s = LinearAlgebra.sum(x);
          s = s * s;
          return s;
        }
        static double mul(double a, double b) { return a * b; }
        static double add(double a, double b) { return a + b; }
        @Differentiable static double saxpyCall(double a, double b, double c) {
          return add(mul(a, b), c);
        }
        @Differentiable static double saxpyOverwrite(double a, double b, double c) {
          double t = a * b;
          t = t + c;
          return t;
        }
        @Differentiable static double gradnameAliasing(double a) {
          double aBar = a * a; // the name the generated code would give a's adjoint
          double da = aBar * a;
          return da;
        }
        @Differentiable static double binops(double a) {
          return a * 3.0 + 3.0 * a + a * a + a / 3.0 + 3.0 / a + a / a + (a - 3.0) + (3.0 - a)
              + (a - a) + (a + a);
        }
        @Differentiable static double nestedIf(double a) {
          if (a > 0) {
            if (a < 10) {
              a = a * a;
            }
          } else {
            a = 3.0 * a;
          }
          return a;
        }
        @Differentiable static double multiargIf(double a) {
          double b;
          if (a * a / 3.0 > 0) {
            b = 3.0;
          } else {
            b = 4.0;
          }
          a = a * b;
          if (a < b - a * b) {
            a = a * a;
          } else if (a > b + 3.0 * a) {
            if (a / 2.0 < 0) {
              a = a / b;
            } else {
              a = a * b;
            }
          } else {
            a = -a;
          }
          return a;
        }
        @Differentiable static double anfList(double a) {
          double[] b = {1, a * a, 2};
          return LinearAlgebra.sum(b);
        }
        @Differentiable static double subscriptWrite(double[] x) {
          double a = x[0];
          double b = x[1];
          x[0] = a * b;
          return LinearAlgebra.sum(x);
        }
        @Differentiable static double subscriptSquares(double[] x) {
          double[] y = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = Math.pow(x[i], 2.0);
          }
          x[0] = y[1] * y[2];
          return LinearAlgebra.dot(x, y);
        }
        @Differentiable static double implicitIndexing(double[] x) {
          double res = 0.0;
          for (double a : x) {
            res += a * a;
          }
          return res;
        }
        @Differentiable static double serialIf(double a) {
          if (a > 0) {
            a = a * a;
          }
          a = a + a;
          if (a < 0) {
            a = 3.0 * a;
          }
          return a;
        }
        @Differentiable static double multivarIf(double a, double b) {
          if (a > b) {
            a = a * a;
          } else {
            a = a * b;
          }
          return a;
        }
        @Differentiable static double serialFor(double a, int n) {
          for (int i = 0; i < n; i++) {
            a = a * a;
          }
          a = 2.0 * a;
          for (int i = 0; i < n + 1; i++) {
            a = a * 3.0;
          }
          return a;
        }
        @Differentiable static double serialIfThenFor(double a, int n) {
          if (a > 0) {
            a = a * a;
          }
          a = 2.0 * a;
          for (int i = 0; i < n; i++) {
            a = a * a;
          }
          return a;
        }
        @Differentiable static double devilishNestedIf(double a) {
          if (a > 0) {
            a = a * 3.0;
            if (a < 10) {
              a = a * a;
            } else {
              a = a * 2.0;
            }
          }
          return a;
        }
        @Differentiable static double overwriteIfElse(double a) {
          if (a > 0) {
            a = a * 3.0;
          } else if (0 > a) {
            a = a * 2.0;
          } else {
            a = 1.0 * a;
          }
          return a;
        }
        @Differentiable static double iterThirdPow(double a) {
          double out = a;
          for (int i = 0; i < 3 - 1; i++) {
            out = out * a;
          }
          return out;
        }
        @Differentiable static double iterpower(double a, int n) {
          for (int i = 0; i < n; i++) {
            a = a * a;
          }
          return a;
        }
        @Differentiable static double condIterpower(double a) {
          for (int i = 0; i < 3; i++) {
            if (a < 20) {
              a = a * a;
            }
          }
          return a;
        }
        @Differentiable static double superforIterpower(double a) {
          for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
              a = a * a;
            }
          }
          return a;
        }
        @Differentiable static double superIterpower(double a) {
          for (int i = 0; i < 3; i++) {
            a = a * a * a;
          }
          return a;
        }
        @Differentiable static double mean(double[] x) {
          return LinearAlgebra.sum(x) / x.length;
        }
        @Differentiable static double expExp(double a) { return Math.exp(Math.exp(a)); }
        @Differentiable static double branchSqrt(double a) {
          double r;
          if (a >= 0) {
            r = Math.sqrt(a);
          } else {
            r = Math.sqrt(-a);
          }
          return r;
        }
        @Differentiable static double trig(double a) {
          return Math.cos(a) + Math.sin(a) * Math.tan(a) + Math.cosh(a) / Math.sinh(a + 3)
              + Math.atan2(a, 2) + Math.asin(a / 4) + Math.acos(a / 5);
        }
        @Differentiable static double listcomp(double[] a) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * 3;
          }
          return s;
        }
        @Differentiable static double whileBig(double a) {
          while (Math.abs(a) > 0.1) {
            a = a * 0.5;
          }
          return a;
        }
        @Differentiable static double activeSubscript(double[] x) {
          double[] y = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
          }
          return LinearAlgebra.sum(y);
        }
        @Differentiable static double rowsFromVector(double[] x) {
          double[][] h = new double[x.length][3];
          for (int t = 0; t < h.length; t++) {
            for (int k = 0; k < 3; k++) {
              h[t][k] = x[t] * (k + 1);
            }
          }
          double s = 0;
          for (double[] row : h) {
            s += LinearAlgebra.sum(row);
          }
          return s;
        }
        @Differentiable static double slicing(double[] x) {
          return LinearAlgebra.sum(Arrays.copyOfRange(x, 1, x.length));
        }
        @Differentiable static double rnn(double[][] inputs, double[][] W) {
          double[][] h = new double[4][];
          h[0] = new double[3];
          for (int t = 0; t < 3; t++) {
            h[t + 1] = LinearAlgebra.add(LinearAlgebra.vecMat(inputs[t], W), h[t]);
          }
          double s = 0;
          for (int t = 1; t < 4; t++) {
            s += LinearAlgebra.sum(h[t]);
          }
          return s;
        }
        @Differentiable static double augassign(double a) {
          double x = a * a;
          x *= x;
          return x;
        }
        @Differentiable static double bilinear(double[] x, double[] h, double[][] U,
            double[][] W, double[] b) {
          double[] y = LinearAlgebra.vecMat(x, W);
          y = LinearAlgebra.add(y, LinearAlgebra.vecMat(h, U));
          y = LinearAlgebra.add(y, b);
          y = LinearAlgebra.tanh(y);
          return LinearAlgebra.sum(y);
        }
        @Differentiable static double gradgradPow(double a, double b) {
          if (a >= 0) {
            a = Math.pow(a, b);
          } else {
            a = Math.pow(-a, b);
          }
          return a;
        }
        @Differentiable static double chainOfMultcalls(double a) {
          double b = mul(a, a);
          double c = mul(b, b);
          double d = mul(c, c);
          return d;
        }
        @Differentiable static double uselessStack(double a) {
          double b = a * a;
          b = b + 1;
          return a;
        }
        @Differentiable static double nestedDict(Params p) {
          return p.i().j() * p.i().k() + p.scale();
        }
        @Differentiable static double extendedSlice(double[] x) {
          double s = 0;
          for (int i = 0; i < x.length; i += 2) {
            s += x[i];
          }
          return s;
        }
      }
      """)
      .with(PARAMS)
      .check("unarySub", 2, r -> args(u(r, -2, 2)))
      .check("overwriteCall", 3, r -> args(vec(r, 4, -1, 1)))
      .check("saxpyCall", 3, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2)))
      .check("saxpyOverwrite", 3, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2)))
      .check("gradnameAliasing", 3, r -> args(u(r, -2, 2)))
      .check("binops", 3, r -> args(u(r, 0.5, 2)))
      .check("nestedIf", 6, r -> args(u(r, -5, 12)))
      .check("multiargIf", 8, r -> args(u(r, -3, 3)))
      .check("anfList", 3, r -> args(u(r, -2, 2)))
      .check("subscriptWrite", 3, r -> args(vec(r, 3, -1, 1)))
      .check("subscriptSquares", 3, r -> args(vec(r, 4, -1, 1)))
      .check("implicitIndexing", 3, r -> args(vec(r, 4, -1, 1)))
      .check("serialIf", 6, r -> args(u(r, -2, 2)))
      .check("multivarIf", 6, r -> args(u(r, -2, 2), u(r, -2, 2)))
      .check("serialFor", 3, r -> args(u(r, -1.2, 1.2), r.nextInt(3)))
      .check("serialIfThenFor", 4, r -> args(u(r, -1.2, 1.2), r.nextInt(3)))
      .check("devilishNestedIf", 6, r -> args(u(r, -2, 5)))
      .check("overwriteIfElse", 6, r -> args(u(r, -2, 2)))
      .check("iterThirdPow", 3, r -> args(u(r, -2, 2)))
      .closedForm(args(2.0), 12.0)
      .check("iterpower", 4, r -> args(u(r, -1.2, 1.2), r.nextInt(4)))
      .check("condIterpower", 6, r -> args(u(r, -2, 2)))
      .check("superforIterpower", 3, 1e-5, r -> args(u(r, 0.9, 1.05)))
      .check("superIterpower", 3, r -> args(u(r, 0.8, 1.1)))
      .check("mean", 3, r -> args(vec(r, 5, -1, 1)))
      .check("expExp", 3, r -> args(u(r, -1, 1)))
      .check("branchSqrt", 6, r -> args(u(r, -2, 2)))
      .check("trig", 4, r -> args(u(r, 0.2, 1.4)))
      .check("listcomp", 3, r -> args(vec(r, 4, -1, 1)))
      .check("whileBig", 6, r -> args(u(r, -4, 4)))
      .check("activeSubscript", 3, r -> args(vec(r, 4, -1, 1)))
      .check("rowsFromVector", 3, r -> args(vec(r, 4, -1, 1)))
      .check("slicing", 3, r -> args(vec(r, 4, -1, 1)))
      .check("rnn", 3, r -> args(mat(r, 3, 2, -1, 1), mat(r, 2, 3, -1, 1)))
      .check("augassign", 3, r -> args(u(r, -2, 2)))
      .check("bilinear", 3, r -> args(vec(r, 2, -1, 1), vec(r, 3, -1, 1), mat(r, 3, 4, -1, 1),
          mat(r, 2, 4, -1, 1), vec(r, 4, -1, 1)))
      .check("gradgradPow", 6, r -> args(u(r, -2, 2), u(r, 0.5, 2.5)))
      .check("chainOfMultcalls", 3, r -> args(u(r, 0.8, 1.1)))
      .check("uselessStack", 2, r -> args(u(r, -2, 2)))
      .closedForm(args(3.0), 1.0)
      .check("nestedDict", 3, r -> args(rec("peers.tangent.Params",
          rec("peers.tangent.Params$Inner", u(r, -2, 2), u(r, -2, 2), 3), u(r, -1, 1))))
      .check("extendedSlice", 3, r -> args(vec(r, 5, -1, 1)));

  @TestFactory
  Stream<DynamicNode> tangentShapes() {
    return SUITE.tests();
  }
}
