package dev.adjoint.processor.records;

import dev.adjoint.processor.testing.JavaSource;

/** The user code of the record tests, with plain helpers that drive the generated API. */
final class RecordSources {
  private RecordSources() {}

  static final JavaSource NETS = JavaSource.of("adjtest.records.Nets", """
      package adjtest.records;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Nets {
        public record Every(double a, double[] v, double[][] m, int n, long k, boolean flip,
            char c, int[] idx) {}
        public record Layer(double[][] w, double[] b) {}
        public record Mlp(Layer l1, double[] w2, double b2) {}
        public record Scaled(double a, double[] v) {}

        /** Every component kind: doubles and arrays differentiated, the rest passed through. */
        @Differentiable
        public static double every(Every p, double x) {
          double s = p.a() * x;
          for (int i = 0; i < p.n(); i++) {
            s += p.v()[p.idx()[i]] * p.m()[i][i % 2];
          }
          if (p.flip()) {
            s = -s;
          }
          double extra = p.c() == 'q' ? s * s : 0;
          return Math.sin(s) + p.k() * p.a() * p.a() + extra;
        }

        /** Nested records, read through local aliases of both forms. */
        @Differentiable
        public static double mlp(Mlp p, double[] x, double y) {
          Layer l = p.l1();
          var alias = p.l1();
          double out = p.b2();
          for (int i = 0; i < p.w2().length; i++) {
            double h = alias.b()[i];
            for (int j = 0; j < x.length; j++) {
              h += l.w()[i][j] * x[j];
            }
            out += p.w2()[i] * Math.tanh(h);
          }
          double e = out - y;
          return e * e;
        }

        /** Writes into a component array: the gradient is with respect to the values on entry. */
        @Differentiable
        public static double writes(Scaled p) {
          p.v()[0] *= p.a();
          p.v()[1] += p.v()[0];
          return p.v()[0] * p.v()[1];
        }

        @Differentiable(wrt = {"p"})
        public static double mixed(double s, Scaled p, double[] z, @NoDerivative Scaled q) {
          double t = s * p.a();
          for (int i = 0; i < z.length; i++) {
            t += z[i] * p.v()[i] * q.v()[i];
          }
          return t * t + q.a();
        }

        @Differentiable
        public static double mixedAll(double s, Scaled p, double[] z, @NoDerivative Scaled q) {
          double t = s * p.a();
          for (int i = 0; i < z.length; i++) {
            t += z[i] * p.v()[i] * q.v()[i];
          }
          return t * t + q.a();
        }

        // --- drivers for the tests: a flat vector theta in, values and gradients out ---

        static Every everyAt(double[] t) {
          return new Every(t[0], new double[] {t[1], t[2], t[3]},
              new double[][] {{t[4], t[5]}, {t[6], t[7]}}, 2, 3L, true, 'q', new int[] {2, 0});
        }

        public static double everyValue(double[] t) {
          return every(everyAt(t), t[8]);
        }

        public static double[] everyGradient(double[] t) {
          NetsAdjoint.EveryGradient g = NetsAdjoint.every(everyAt(t), t[8]);
          double[] out = new double[10];
          int end = g.dP().writeTo(out, 0);
          out[end] = g.dX();
          out[9] = g.value();
          return out;
        }

        /** The pullback adds seed times the gradient into storage holding ones. */
        public static double[] everyPullback(double[] t, double seed) {
          Every p = everyAt(t);
          Nets_EveryBar bar = Nets_EveryBar.zerosLike(p);
          double[] ones = new double[bar.size()];
          java.util.Arrays.fill(ones, 1);
          bar.readFrom(ones, 0);
          double[] grad = {1};
          double value = NetsAdjoint.everyPullback(p, t[8], seed, grad, bar);
          double[] out = new double[10];
          bar.writeTo(out, 0);
          out[8] = grad[0];
          out[9] = value;
          return out;
        }

        static Mlp mlpAt(double[] t) {
          return new Mlp(new Layer(new double[][] {{t[0], t[1]}, {t[2], t[3]}},
              new double[] {t[4], t[5]}), new double[] {t[6], t[7]}, t[8]);
        }

        public static double mlpValue(double[] t) {
          return mlp(mlpAt(t), new double[] {t[9], t[10]}, t[11]);
        }

        public static double[] mlpGradient(double[] t) {
          NetsAdjoint.MlpGradient g = NetsAdjoint.mlp(mlpAt(t), new double[] {t[9], t[10]},
              t[11]);
          double[] out = new double[12];
          g.dP().writeTo(out, 0);
          out[9] = g.dX()[0];
          out[10] = g.dX()[1];
          out[11] = g.dY();
          return out;
        }

        /** Allocation-free training step: the caller's storage, zeroed and reused. */
        public static double[] mlpTwice(double[] t) {
          Mlp p = mlpAt(t);
          Nets_MlpBar bar = Nets_MlpBar.zerosLike(p);
          double[] x = {t[9], t[10]};
          double[] xBar = new double[2];
          double[] grad = new double[1];
          dev.adjoint.runtime.Stacks stacks = new dev.adjoint.runtime.Stacks();
          NetsAdjoint.mlpPullback(p, x, t[11], 1.0, grad, bar, xBar, stacks);
          bar.zero();
          NetsAdjoint.mlpPullback(p, x, t[11], 1.0, grad, bar, xBar, stacks);
          double[] out = new double[9];
          bar.writeTo(out, 0);
          return out;
        }

        static Scaled scaledAt(double[] t) {
          return new Scaled(t[0], new double[] {t[1], t[2]});
        }

        public static double writesValue(double[] t) {
          return writes(scaledAt(t));
        }

        /** Gradient, then the component array as the call left it. */
        public static double[] writesGradient(double[] t) {
          Scaled p = scaledAt(t);
          NetsAdjoint.WritesGradient g = NetsAdjoint.writes(p);
          double[] out = new double[5];
          g.dP().writeTo(out, 0);
          out[3] = p.v()[0];
          out[4] = p.v()[1];
          return out;
        }

        static final Scaled Q = new Scaled(0.7, new double[] {1.5, -0.5});

        public static double mixedValue(double[] t) {
          return mixed(t[0], new Scaled(t[1], new double[] {t[2], t[3]}),
              new double[] {t[4], t[5]}, Q);
        }

        public static double[] mixedGradient(double[] t) {
          NetsAdjoint.MixedGradient g = NetsAdjoint.mixed(t[0],
              new Scaled(t[1], new double[] {t[2], t[3]}), new double[] {t[4], t[5]}, Q);
          double[] out = new double[3];
          g.dP().writeTo(out, 0);
          return out;
        }

        public static double[] mixedAllGradient(double[] t) {
          NetsAdjoint.MixedAllGradient g = NetsAdjoint.mixedAll(t[0],
              new Scaled(t[1], new double[] {t[2], t[3]}), new double[] {t[4], t[5]}, Q);
          double[] out = new double[6];
          out[0] = g.dS();
          g.dP().writeTo(out, 1);
          out[4] = g.dZ()[0];
          out[5] = g.dZ()[1];
          return out;
        }

        /** The storage's helpers: copyOf, axpy, toRecord, zero, size. */
        public static double[] storage(double[] t) {
          Mlp p = mlpAt(t);
          Nets_MlpBar theta = Nets_MlpBar.copyOf(p);
          Nets_MlpBar g = NetsAdjoint.mlp(p, new double[] {t[9], t[10]}, t[11]).dP();
          theta.axpy(-0.5, g);
          Mlp next = theta.toRecord();
          double[] out = new double[theta.size() + 1];
          Nets_MlpBar.copyOf(next).writeTo(out, 0);
          theta.zero();
          double[] zeros = new double[theta.size()];
          theta.writeTo(zeros, 0);
          double sum = 0;
          for (double z : zeros) {
            sum += Math.abs(z);
          }
          out[theta.size()] = sum;
          return out;
        }
      }
      """);
}
