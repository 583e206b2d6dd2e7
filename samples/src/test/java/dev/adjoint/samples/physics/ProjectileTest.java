package dev.adjoint.samples.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trajectory's gradient against finite differences; without drag, against the closed form
 * of the ballistic position; and the aimed launch hits its target.
 */
class ProjectileTest {

  @Test
  void gradientMatchesFiniteDifferences() {
    Random r = new Random(11);
    for (int trial = 0; trial < 10; trial++) {
      double speed = 10 + 20 * r.nextDouble();
      double angle = 0.2 + r.nextDouble();
      double drag = 0.05 * r.nextDouble();
      var g = ProjectileAdjoint.miss(speed, angle, drag, 0.002, 500, 20, 3);
      assertEquals(Projectile.miss(speed, angle, drag, 0.002, 500, 20, 3), g.value(), 0);
      double error = GradientCheck.maxRelativeError(
          p -> Projectile.miss(p[0], p[1], drag, 0.002, 500, 20, 3),
          new double[] {speed, angle}, g.gradient());
      assertTrue(error < 1e-6, "finite differences: " + error);
    }
  }

  /** Without drag, Euler's x is exact and y = v sin(a) T - g dt² n(n - 1) / 2. */
  @Test
  void withoutDragTheJacobianIsTheClosedForm() {
    double speed = 15;
    double angle = 0.7;
    double dt = 0.01;
    int n = 100;
    double t = n * dt;
    double[] dx = new double[2];
    double[] dy = new double[2];
    double[] end = ProjectileAdjoint.positionPullback(speed, angle, 0, dt, n,
        new double[] {1, 0}, dx);
    ProjectileAdjoint.positionPullback(speed, angle, 0, dt, n, new double[] {0, 1}, dy);
    assertEquals(speed * Math.cos(angle) * t, end[0], 1e-12);
    assertEquals(speed * Math.sin(angle) * t - Projectile.G * dt * dt * n * (n - 1) / 2, end[1],
        1e-11);
    assertEquals(Math.cos(angle) * t, dx[0], 1e-12);
    assertEquals(-speed * Math.sin(angle) * t, dx[1], 1e-12);
    assertEquals(Math.sin(angle) * t, dy[0], 1e-12);
    assertEquals(speed * Math.cos(angle) * t, dy[1], 1e-12);
  }

  @Test
  void aimedLaunchHitsTheTarget() {
    Projectile.Aim a = Projectile.aim(20, 0.6, 0.02, 0.002, 1000, 25, 5, 1e-10);
    assertTrue(a.miss() < 1e-10, "miss " + a.miss());
    assertTrue(a.iterations() < 10, a.iterations() + " Newton steps");
  }

  @Test
  void runPrintsGradientAndAim() {
    List<String> lines = new ArrayList<>();
    Projectile.run(lines::add);
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(2).contains("Newton"), lines.get(2));
  }
}
