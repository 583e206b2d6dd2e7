package dev.adjoint.gradbench.saddle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.gradbench.particle.ProcessorRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why there is no {@code saddle} module yet: the outer argmin needs the gradient of
 * {@code x ↦ f(x, argmax_y f(x, y))}, where the inner argmax is gradient ascent driven by the
 * generated gradient of {@code f} in {@code y}; differentiating that is a derivative through a
 * generated gradient, which the processor rejects. When this test fails, write the module.
 */
class NestedGradientGapTest {
  static final String SOURCE = """
      package probe;

      import dev.adjoint.Differentiable;

      public final class Saddle {
        @Differentiable
        public static double f(double x1, double x2, double y1, double y2) {
          return (x1 * x1 + y1 * y1) - (x2 * x2 + y2 * y2);
        }

        /** max over y by fixed-step ascent from s, then f there: what the argmin minimizes. */
        @Differentiable(wrt = {"x1", "x2"})
        public static double innerMax(double x1, double x2, double s1, double s2, int steps) {
          double y1 = s1;
          double y2 = s2;
          for (int i = 0; i < steps; i++) {
            double[] g = new double[4];
            double value = SaddleAdjoint.fPullback(x1, x2, y1, y2, 1.0, g);
            y1 = y1 + 1e-2 * g[2];
            y2 = y2 + 1e-2 * g[3];
          }
          return f(x1, x2, y1, y2);
        }
      }
      """;

  @Test
  void anArgmaxDrivenByAGeneratedGradientIsNotDifferentiatedYet() throws Exception {
    List<String> errors = ProcessorRun.errors("probe.Saddle", SOURCE);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(
        "[adjoint.call] no derivative rule for SaddleAdjoint.fPullback("), errors.get(0));
  }
}
