package dev.adjoint.processor.fuzz;

import dev.adjoint.runtime.LinearAlgebra;

/**
 * What the instrumented twin of a generated program ({@link JavaPrinter.Flavor#TRACE}) calls
 * instead of comparisons, piecewise functions and functions with singular points. Every method
 * returns exactly what the plain expression would, and folds the discrete decision it makes (the
 * boolean, the sign, which argument of {@code max} wins, the integer a {@code floor} or cast
 * produces) into a per-thread hash, so two evaluations with equal hashes took the same path
 * through every branch and every kink. Arguments where the function has no derivative at all
 * ({@code sqrt(0)}, {@code cbrt(0)}, {@code hypot(0, 0)}, {@code x / 0}, ...) set a flag.
 *
 * <p>Public because generated classes in another package call it.
 */
public final class Trace {

  private static final class State {
    long hash;
    boolean singular;
    double magnitude;
  }

  private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

  private Trace() {}

  /** Starts a new evaluation. */
  public static void reset() {
    State s = STATE.get();
    s.hash = 0x2545F4914F6CDD1DL;
    s.singular = false;
    s.magnitude = 0;
  }

  /** The hash of every decision since {@link #reset()}. */
  public static long hash() {
    return STATE.get().hash;
  }

  /** Whether some function was evaluated where it has no derivative. */
  public static boolean singular() {
    return STATE.get().singular;
  }

  /**
   * The largest magnitude of a sum, difference or product since {@link #reset()}: rounding
   * leaves an absolute error of about 2^-52 of it in what is computed from it, so in {@code
   * x + big - big} finite differences see none of {@code x}.
   */
  public static double magnitude() {
    return STATE.get().magnitude;
  }

  private static void record(long v) {
    State s = STATE.get();
    long h = (s.hash ^ v) * 0x9E3779B97F4A7C15L;
    s.hash = h ^ (h >>> 29);
  }

  private static void singularIf(boolean c) {
    if (c) {
      STATE.get().singular = true;
    }
  }

  private static int sign(double x) {
    return x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : 2;
  }

  // ---------------------------------------------------------------------------------------------
  // decisions

  public static boolean b(boolean c) {
    record(c ? 0x51 : 0x7A);
    return c;
  }

  public static int i(int v) {
    record(0x1000L + v);
    return v;
  }

  public static double abs(double x) {
    record(sign(x));
    return Math.abs(x);
  }

  public static double max(double a, double b) {
    record(a > b ? 11 : a < b ? 12 : 13);
    return Math.max(a, b);
  }

  public static double min(double a, double b) {
    record(a > b ? 21 : a < b ? 22 : 23);
    return Math.min(a, b);
  }

  public static double signum(double x) {
    record(30 + sign(x));
    return Math.signum(x);
  }

  public static double floor(double x) {
    double r = Math.floor(x);
    record(Double.doubleToLongBits(r));
    return r;
  }

  public static double ceil(double x) {
    double r = Math.ceil(x);
    record(Double.doubleToLongBits(r));
    return r;
  }

  public static double rint(double x) {
    double r = Math.rint(x);
    record(Double.doubleToLongBits(r));
    // rint's jumps are at half-integers
    record(sign(x - r));
    return r;
  }

  public static double[] relu(double[] x) {
    for (double v : x) {
      record(40 + sign(v));
    }
    return LinearAlgebra.relu(x);
  }

  // ---------------------------------------------------------------------------------------------
  // singular points

  /** Any intermediate result: an infinity or NaN makes the point unusable. */
  public static double v(double x) {
    singularIf(!Double.isFinite(x));
    State s = STATE.get();
    s.magnitude = Math.max(s.magnitude, Math.abs(x));
    return x;
  }

  public static double[] v(double[] x) {
    for (double e : x) {
      singularIf(!Double.isFinite(e));
    }
    return x;
  }

  public static double[][] v(double[][] x) {
    for (double[] row : x) {
      v(row);
    }
    return x;
  }

  public static double div(double a, double b) {
    singularIf(b == 0);
    partial(1 / (b * b));
    partial(a / b / b);
    return a / b;
  }

  public static double sqrt(double x) {
    singularIf(x <= 0);
    partial(0.5 / Math.sqrt(x));
    return Math.sqrt(x);
  }

  public static double cbrt(double x) {
    singularIf(x == 0);
    partial(1 / (3 * Math.cbrt(x) * Math.cbrt(x)));
    return Math.cbrt(x);
  }

  public static double log(double x) {
    singularIf(x <= 0);
    partial(1 / x);
    return Math.log(x);
  }

  public static double log10(double x) {
    singularIf(x <= 0);
    partial(1 / x);
    return Math.log10(x);
  }

  public static double log1p(double x) {
    singularIf(x <= -1);
    partial(1 / (1 + x));
    return Math.log1p(x);
  }

  public static double asin(double x) {
    singularIf(Math.abs(x) >= 1);
    return Math.asin(x);
  }

  public static double acos(double x) {
    singularIf(Math.abs(x) >= 1);
    return Math.acos(x);
  }

  public static double pow(double x, double y) {
    singularIf(x == 0 || x < 0 && y != Math.rint(y));
    partial(y * Math.pow(x, y - 1));
    partial(Math.pow(x, y - 1));
    return Math.pow(x, y);
  }

  /**
   * pow with an exponent that has no derivative: at x = 0 only exponents in (0, 1) and negative
   * ones are singular (x^0 has derivative 0 there, x^k for k >= 1 a finite one).
   */
  public static double powConstant(double x, double y) {
    singularIf(x == 0 && y != 0 && y < 1 || x < 0 && y != Math.rint(y));
    partial(y == 0 ? 0 : y * Math.pow(x, y - 1));
    return Math.pow(x, y);
  }

  public static double hypot(double x, double y) {
    singularIf(x == 0 && y == 0);
    partial(1 / Math.hypot(x, y));
    return Math.hypot(x, y);
  }

  public static double atan2(double y, double x) {
    singularIf(x == 0 && y == 0);
    partial(1 / (x * x + y * y));
    return Math.atan2(y, x);
  }

  /**
   * A local partial derivative that overflows makes the point unusable too: the gradient there
   * is infinite, or {@code 0 * inf} where the operation is dead (1 / x of a tiny x).
   */
  private static void partial(double p) {
    singularIf(!Double.isFinite(p));
  }

  public static double norm2(double[] x) {
    boolean zero = true;
    for (double v : x) {
      zero &= v == 0;
    }
    singularIf(zero);
    return LinearAlgebra.norm2(x);
  }
}
