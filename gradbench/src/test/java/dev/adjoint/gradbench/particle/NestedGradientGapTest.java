package dev.adjoint.gradbench.particle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Why there is no {@code particle} module yet: every variant needs the derivative with respect
 * to {@code w} of a trajectory whose force is the gradient of the potential, that is a
 * derivative through a generated gradient. The processor does not differentiate generated
 * adjoint code it generates in the same compilation (the call is read before the class exists),
 * so the natural program below is rejected. Given the generated source in a second compilation,
 * the same program is differentiated, reverse over reverse, and correctly: so what is missing
 * is deferring such methods to the round after the one that generates their callee. When the
 * first test fails, write the module.
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

  /** The potential alone: its generated adjoint is what the trajectory calls. */
  static final String POTENTIAL = SOURCE.substring(0, SOURCE.indexOf(Marker.TRAJECTORY)) + "}\n";

  /** The trajectory alone, in a class of its own. */
  static final String TRAJECTORY = "package probe;\n\nimport dev.adjoint.Differentiable;\n\n"
      + "public final class Trajectory {\n"
      + SOURCE.substring(SOURCE.indexOf(Marker.TRAJECTORY));

  private static final class Marker {
    static final String TRAJECTORY = "  @Differentiable(wrt = {\"w\"})";
  }

  @Test
  void aTrajectoryDrivenByAGeneratedGradientIsNotDifferentiatedYet() throws Exception {
    List<String> errors = ProcessorRun.errors("probe.Particle", SOURCE);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(
        "[adjoint.call] no derivative rule for ParticleAdjoint.potentialPullback("),
        errors.get(0));
  }

  @Test
  void inTwoCompilationsTheNestedGradientIsRight() throws Exception {
    Path first = Files.createTempDirectory("gradbench-potential");
    assertEquals(List.of(), ProcessorRun.compile(first, "", Map.of("probe.Particle", POTENTIAL)));
    String generated = Files.readString(first.resolve("probe/ParticleAdjoint.java"));
    Path second = Files.createTempDirectory("gradbench-trajectory");
    assertEquals(List.of(), ProcessorRun.compile(second, first.toString(),
        Map.of("probe.ParticleAdjoint", generated, "probe.Trajectory", TRAJECTORY)));
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {second.toUri().toURL(), first.toUri().toURL()}, getClass().getClassLoader())) {
      Method landing = loader.loadClass("probe.Trajectory").getMethod("landing", double.class);
      Object gradient = loader.loadClass("probe.TrajectoryAdjoint")
          .getMethod("landing", double.class).invoke(null, 0.5);
      double dW = (Double) gradient.getClass().getMethod("dW").invoke(gradient);
      double h = 1e-6;
      double fd = ((Double) landing.invoke(null, 0.5 + h) - (Double) landing.invoke(null, 0.5 - h))
          / (2 * h);
      assertEquals(fd, dW, 1e-6 * Math.abs(fd));
    }
  }
}
