package dev.adjoint.samples.physics;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.GradientCheck;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A projectile under gravity and quadratic air drag, integrated by 1,000 explicit Euler steps
 * whose states are the rows of a trajectory matrix ({@code s[k + 1] = step(s[k], …)}, each a new
 * array). One generated pullback gives the gradient of the squared miss distance at the final
 * time with respect to the launch speed and angle; two more of the final position (a vector
 * result) give its Jacobian, and Newton's method on them aims the launch at a target. The
 * backward sweep walks the trajectory back, row by row, with no copy of a state.
 */
public final class Projectile {
  /** Gravity, m/s². */
  static final double G = 9.81;

  private Projectile() {}

  /**
   * How far from {@code (tx, ty)} the projectile is after {@code steps} steps of {@code dt},
   * squared: launched from the origin at {@code speed} and {@code angle} (radians), slowed by
   * {@code drag · |v| · v}.
   */
  @Differentiable(wrt = {"speed", "angle"})
  public static double miss(double speed, double angle, double drag, double dt, int steps,
      double tx, double ty) {
    double[] end = position(speed, angle, drag, dt, steps);
    double dx = end[0] - tx;
    double dy = end[1] - ty;
    return dx * dx + dy * dy;
  }

  /** Where the projectile is after {@code steps} steps: {@code (x, y)}. */
  @Differentiable(wrt = {"speed", "angle"})
  public static double[] position(double speed, double angle, double drag, double dt,
      int steps) {
    double[][] s = new double[steps + 1][];
    s[0] = new double[] {0, 0, speed * Math.cos(angle), speed * Math.sin(angle)};
    for (int k = 0; k < steps; k++) {
      s[k + 1] = step(s[k], drag, dt);
    }
    return new double[] {s[steps][0], s[steps][1]};
  }

  /** One Euler step of the state {@code (x, y, vx, vy)}: a new state. */
  static double[] step(double[] s, double drag, double dt) {
    double v = Math.sqrt(s[2] * s[2] + s[3] * s[3]);
    return new double[] {
        s[0] + dt * s[2],
        s[1] + dt * s[3],
        s[2] - dt * drag * v * s[2],
        s[3] - dt * (G + drag * v * s[3])};
  }

  /** A launch found by {@link #aim}: its speed and angle, its miss, and Newton steps taken. */
  public record Aim(double speed, double angle, double miss, int iterations) {}

  /**
   * Newton's method on {@code position(speed, angle) = (tx, ty)}, from {@code (speed0,
   * angle0)}: the 2×2 Jacobian is two vector–Jacobian products, the generated pullback of
   * {@link #position} seeded with each unit vector. Stops when the miss is below {@code
   * tolerance} (squared metres), or after 50 steps.
   */
  public static Aim aim(double speed0, double angle0, double drag, double dt, int steps,
      double tx, double ty, double tolerance) {
    double speed = speed0;
    double angle = angle0;
    int it = 0;
    double miss = miss(speed, angle, drag, dt, steps, tx, ty);
    while (miss > tolerance && it < 50) {
      it++;
      double[] dx = new double[2]; // ∂x/∂(speed, angle)
      double[] dy = new double[2];
      double[] end = ProjectileAdjoint.positionPullback(speed, angle, drag, dt, steps,
          new double[] {1, 0}, dx);
      ProjectileAdjoint.positionPullback(speed, angle, drag, dt, steps, new double[] {0, 1}, dy);
      double rx = tx - end[0];
      double ry = ty - end[1];
      double det = dx[0] * dy[1] - dx[1] * dy[0];
      speed += (rx * dy[1] - ry * dx[1]) / det;
      angle += (ry * dx[0] - rx * dy[0]) / det;
      miss = miss(speed, angle, drag, dt, steps, tx, ty);
    }
    return new Aim(speed, angle, miss, it);
  }

  /** Prints the gradient at one launch, its check, and an aimed launch. */
  public static void run(Consumer<String> out) {
    double drag = 0.02;
    double dt = 0.002;
    int steps = 1000;
    double tx = 25;
    double ty = 5;
    var g = ProjectileAdjoint.miss(20, 0.6, drag, dt, steps, tx, ty);
    double error = GradientCheck.maxRelativeError(
        p -> miss(p[0], p[1], drag, dt, steps, tx, ty), new double[] {20, 0.6}, g.gradient());
    out.accept(String.format(Locale.ROOT, "Projectile with drag, %d Euler steps as rows of a"
        + " trajectory: launch at 20 m/s, 0.6 rad misses (%.0f, %.0f) by %.4f m^2", steps, tx, ty,
        g.value()));
    out.accept(String.format(Locale.ROOT, "  d/dspeed %.6f, d/dangle %.6f (finite differences:"
        + " rel. error %.1e)", g.dSpeed(), g.dAngle(), error));
    Aim a = aim(20, 0.6, drag, dt, steps, tx, ty, 1e-8);
    out.accept(String.format(Locale.ROOT, "  aimed by Newton's method on the generated"
        + " vector-Jacobian products in %d steps: %.6f m/s at %.6f rad, miss %.1e m^2",
        a.iterations(), a.speed(), a.angle(), a.miss()));
  }
}
