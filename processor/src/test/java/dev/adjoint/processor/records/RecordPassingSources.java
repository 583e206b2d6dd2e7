package dev.adjoint.processor.records;

import dev.adjoint.processor.testing.JavaSource;

/** The user code of the tests of records passed to other methods, with drivers. */
final class RecordPassingSources {
  private RecordPassingSources() {}

  /** Helpers in another class: a plain one over a nested record, one not differentiating it. */
  static final JavaSource LAYERS = JavaSource.of("adjtest.passing.Layers", """
      package adjtest.passing;

      import dev.adjoint.NoDerivative;

      public final class Layers {
        /** sum_i tanh(b_i + sum_j w_ij x_j) */
        public static double forward(Nets.Layer l, double[] x) {
          double s = 0;
          for (int i = 0; i < l.b().length; i++) {
            double a = l.b()[i];
            for (int j = 0; j < x.length; j++) {
              a += l.w()[i][j] * x[j];
            }
            s += Math.tanh(a);
          }
          return s;
        }

        public static double scaled(@NoDerivative Nets.Mlp q, double[] x) {
          return q.b2() * x[0] * x[1] + q.classes();
        }
      }
      """);

  static final JavaSource NETS = JavaSource.of("adjtest.passing.Nets", """
      package adjtest.passing;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public final class Nets {
        public record Layer(double[][] w, double[] b) {}
        public record Mlp(Layer l1, double[] w2, double b2, int classes) {}

        /** A @Differentiable callee of the same class. */
        @Differentiable
        public static double head(Mlp p, double x) {
          return p.b2() * x + p.w2()[0] * Math.sin(p.w2()[1] * x);
        }

        /** Passed in a loop, a nested component to another class, an alias. */
        @Differentiable
        public static double inLoop(Mlp p, double[] x) {
          double s = 0;
          for (int i = 0; i < p.classes(); i++) {
            s += head(p, x[i % 2]) * Layers.forward(p.l1(), x);
          }
          var l = p.l1();
          return s + Layers.forward(l, x);
        }

        static double both(Mlp a, Mlp b, double c) {
          return a.b2() * b.b2() * c + a.w2()[0] * b.w2()[1] * Layers.forward(a.l1(), b.w2());
        }

        /** The same record passed twice to one call. */
        @Differentiable
        public static double twice(Mlp p, double c) {
          return both(p, p, c) + both(p, p, 2 * c);
        }

        static double middle(Mlp p, double[] x) {
          return head(p, x[1]) + Layers.forward(p.l1(), x);
        }

        /** Passed on two levels. */
        @Differentiable
        public static double twoLevels(Mlp p, double[] x) {
          return middle(p, x) * p.b2();
        }

        /** Not differentiated here: the callees add into scratch storage. */
        @Differentiable(wrt = {"x"})
        public static double onlyX(Mlp p, double[] x) {
          return middle(p, x) * x[0];
        }

        static double pair(Mlp a, Mlp b, double[] x) {
          return head(a, x[0]) * head(b, x[1]) + Layers.forward(a.l1(), x);
        }

        /** One record differentiated, one not, both to a callee differentiating both. */
        @Differentiable
        public static double frozen(@NoDerivative Mlp q, Mlp p, double[] x) {
          return pair(q, p, x);
        }

        /** A record the callee does not differentiate, and that is not differentiated here. */
        @Differentiable
        public static double passedThrough(@NoDerivative Mlp q, double[] x) {
          return Layers.scaled(q, x) * x[0];
        }

        // --- drivers: theta = (l1.w row by row, l1.b, w2, b2, x) in, gradients out flat ---

        static Mlp at(double[] t, int from) {
          return new Mlp(new Layer(new double[][] {{t[from], t[from + 1]},
              {t[from + 2], t[from + 3]}}, new double[] {t[from + 4], t[from + 5]}),
              new double[] {t[from + 6], t[from + 7]}, t[from + 8], 3);
        }

        static double[] x(double[] t) {
          return new double[] {t[9], t[10]};
        }

        public static double value(String f, double[] t) {
          switch (f) {
            case "inLoop": return inLoop(at(t, 0), x(t));
            case "twice": return twice(at(t, 0), t[9]);
            case "twoLevels": return twoLevels(at(t, 0), x(t));
            case "onlyX": return onlyX(at(t, 0), x(t));
            case "frozen": return frozen(at(t, 11), at(t, 0), x(t));
            case "passedThrough": return passedThrough(at(t, 0), x(t));
            default: throw new IllegalArgumentException(f);
          }
        }

        /** The gradient, laid out as theta (zeros where it is not differentiated). */
        public static double[] gradient(String f, double[] t) {
          Mlp p = at(t, 0);
          double[] x = x(t);
          double[] out = new double[11];
          switch (f) {
            case "inLoop": {
              NetsAdjoint.InLoopGradient g = NetsAdjoint.inLoop(p, x);
              g.dP().writeTo(out, 0);
              System.arraycopy(g.dX(), 0, out, 9, 2);
              return out;
            }
            case "twice": {
              NetsAdjoint.TwiceGradient g = NetsAdjoint.twice(p, t[9]);
              g.dP().writeTo(out, 0);
              out[9] = g.dC();
              return java.util.Arrays.copyOf(out, 10);
            }
            case "twoLevels": {
              NetsAdjoint.TwoLevelsGradient g = NetsAdjoint.twoLevels(p, x);
              g.dP().writeTo(out, 0);
              System.arraycopy(g.dX(), 0, out, 9, 2);
              return out;
            }
            case "onlyX": {
              System.arraycopy(NetsAdjoint.onlyX(p, x).dX(), 0, out, 9, 2);
              return out;
            }
            case "frozen": {
              NetsAdjoint.FrozenGradient g = NetsAdjoint.frozen(at(t, 11), p, x);
              g.dP().writeTo(out, 0);
              System.arraycopy(g.dX(), 0, out, 9, 2);
              return out;
            }
            case "passedThrough": {
              System.arraycopy(NetsAdjoint.passedThrough(p, x).dX(), 0, out, 9, 2);
              return out;
            }
            default: throw new IllegalArgumentException(f);
          }
        }

        /**
         * inLoop's pullback, seed 2, into storage holding ones, twice with one Stacks (zeroing
         * between): 1 + 2 g, as the pullback accumulates.
         */
        public static double[] inLoopPulled(double[] t) {
          Mlp p = at(t, 0);
          double[] x = x(t);
          Nets_MlpBar bar = Nets_MlpBar.zerosLike(p);
          double[] xBar = new double[2];
          dev.adjoint.runtime.Stacks stacks = new dev.adjoint.runtime.Stacks();
          NetsAdjoint.inLoopPullback(p, x, 1.0, bar, xBar, stacks);
          bar.zero();
          double[] ones = new double[bar.size()];
          java.util.Arrays.fill(ones, 1);
          bar.readFrom(ones, 0);
          NetsAdjoint.inLoopPullback(p, x, 2.0, bar, xBar, stacks);
          double[] out = new double[9];
          bar.writeTo(out, 0);
          return out;
        }
      }
      """);
}
