package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record passed to a {@code @Differentiable} instance method of {@code this} (the receiver
 * first among the call's arguments) and to an int helper in a loop condition.
 */
class RecordInstanceCalleeTest {
  static final JavaSource INST = JavaSource.of("adjtest.inst.Inst", """
      package adjtest.inst;

      import dev.adjoint.Differentiable;

      public final class Inst {
        public record Layer(double[] w, double b, int n) {}
        final double scale = 2;

        static int count(Layer l) {
          return l.n();
        }

        @Differentiable
        final double part(Layer l, double x) {
          return scale * l.b() * x + l.w()[0] * Math.sin(x);
        }

        @Differentiable
        double total(Layer l, double x) {
          double s = 0;
          for (int i = 0; i < count(l); i++) {
            s += this.part(l, x) * l.w()[1] + part(l, 2 * x);
          }
          return s;
        }

        public static double value(double[] t) {
          return new Inst().total(new Layer(new double[] {t[0], t[1]}, t[2], 3), t[3]);
        }

        public static double[] gradient(double[] t) {
          InstAdjoint.TotalGradient g = InstAdjoint.total(new Inst(),
              new Layer(new double[] {t[0], t[1]}, t[2], 3), t[3]);
          double[] out = new double[4];
          g.dL().writeTo(out, 0);
          out[3] = g.dX();
          return out;
        }
      }
      """);

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void instanceCalleeTakesTheRecord(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(INST);
    var inst = c.loadClass("adjtest.inst.Inst");
    var value = inst.getMethod("value", double[].class);
    double[] t = {0.7, -0.4, 0.3, 0.9};
    double[] got = (double[]) inst.getMethod("gradient", double[].class).invoke(null, t);
    double[] fd = FiniteDifferences.gradient(p -> {
      try {
        return (double) value.invoke(null, p);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, t);
    for (int i = 0; i < 4; i++) {
      assertEquals(fd[i], got[i], 1e-6 * Math.max(1, Math.abs(fd[i])), "[" + i + "]");
    }
    // ∂/∂b = 3 (2 x w1 + 2 · 2x), exactly
    assertEquals(3 * (2 * t[3] * t[1] + 4 * t[3]), got[2], 1e-12);
  }
}
