package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Enum and String components of a record are read as data, like enum and String parameters:
 * compared, switched on, passed on with the record; the gradient is the double components'.
 */
class RecordObjectComponentsTest {
  static final JavaSource MODES = JavaSource.of("adjtest.modes.Modes", """
      package adjtest.modes;

      import dev.adjoint.Differentiable;

      public final class Modes {
        public enum Act { TANH, RELU, SQUARE }
        public record Layer(double[] w, Act act, String name, double b) {}

        static double apply(Layer l, double z) {
          switch (l.act()) {
            case TANH: return Math.tanh(z);
            case RELU: return Math.max(0, z);
            default: return z * z;
          }
        }

        @Differentiable
        public static double f(Layer l, double x) {
          double z = l.w()[0] * x + l.w()[1] + l.b();
          if (l.name().equals("skip")) {
            return z * l.act().ordinal();
          }
          return apply(l, z);
        }

        static Layer at(double[] t, String act, String name) {
          return new Layer(new double[] {t[0], t[1]}, Act.valueOf(act), name, t[2]);
        }

        public static double value(double[] t, String act, String name) {
          return f(at(t, act, name), t[3]);
        }

        public static double[] gradient(double[] t, String act, String name) {
          ModesAdjoint.FGradient g = ModesAdjoint.f(at(t, act, name), t[3]);
          double[] out = new double[4];
          g.dL().writeTo(out, 0);
          out[3] = g.dX();
          return out;
        }
      }
      """);

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void enumAndStringComponentsAreData(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(MODES);
    var modes = c.loadClass("adjtest.modes.Modes");
    var value = modes.getMethod("value", double[].class, String.class, String.class);
    var gradient = modes.getMethod("gradient", double[].class, String.class, String.class);
    double[] t = {0.7, -0.2, 0.3, 0.9};
    for (String act : new String[] {"TANH", "RELU", "SQUARE"}) {
      for (String name : new String[] {"skip", "dense"}) {
        double[] got = (double[]) gradient.invoke(null, t, act, name);
        double[] fd = FiniteDifferences.gradient(p -> {
          try {
            return (double) value.invoke(null, p, act, name);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }, t);
        for (int i = 0; i < 4; i++) {
          assertEquals(fd[i], got[i], 1e-6 * Math.max(1, Math.abs(fd[i])),
              act + " " + name + " [" + i + "]");
        }
      }
    }
    // SQUARE, dense: f = z², z = w0 x + w1 + b; ∂f/∂b = 2z exactly.
    double z = t[0] * t[3] + t[1] + t[2];
    assertEquals(2 * z, ((double[]) gradient.invoke(null, t, "SQUARE", "dense"))[2], 1e-12);
  }
}
