package dev.adjoint.gradbench.particle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why there is no {@code particle} module yet: every variant needs the derivative with respect
 * to {@code w} of a trajectory whose force is the gradient of the potential, that is a
 * derivative through a generated gradient. The processor does not differentiate generated
 * adjoint code (nor any method without source or {@code @DerivativeOf}), so the natural program
 * below is rejected. When this test fails, nested reverse mode works: write the module.
 */
class NestedGradientGapTest {
  static final String SOURCE = """
      package probe;

      import dev.adjoint.Differentiable;

      public final class Particle {
        @Differentiable(wrt = {"x1", "x2"})
        public static double potential(double x1, double x2, double w) {
          double l = Math.sqrt((x1 - 10) * (x1 - 10) + x2 * x2);
          double r = Math.sqrt((x1 - 10) * (x1 - 10) + (x2 - (10 - w)) * (x2 - (10 - w)));
          return 1 / l + 1 / r;
        }

        @Differentiable(wrt = {"w"})
        public static double landing(double w) {
          double x1 = 0;
          double x2 = 8;
          double v1 = 0.75;
          double v2 = 0;
          double dt = 0.1;
          for (int counter = 0; counter < 1000000; counter++) {
            double[] force = new double[2];
            double p = ParticleAdjoint.potentialPullback(x1, x2, w, 1.0, force);
            double nextX2 = x2 + dt * v2;
            if (nextX2 < 0) {
              break;
            }
            x1 = x1 + dt * v1;
            x2 = nextX2;
            v1 = v1 - dt * force[0];
            v2 = v2 - dt * force[1];
          }
          double dtFinal = -x2 / v2;
          double x1Final = x1 + dtFinal * v1;
          return x1Final * x1Final;
        }
      }
      """;

  @Test
  void aTrajectoryDrivenByAGeneratedGradientIsNotDifferentiatedYet() throws Exception {
    List<String> errors = ProcessorRun.errors("probe.Particle", SOURCE);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(
        "[adjoint.call] no derivative rule for ParticleAdjoint.potentialPullback("),
        errors.get(0));
  }
}
