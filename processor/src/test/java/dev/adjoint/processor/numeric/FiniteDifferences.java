package dev.adjoint.processor.numeric;

import java.util.function.ToDoubleFunction;

/**
 * Independent numeric derivatives: central differences with a step scaled to each coordinate,
 * refined by one step of Richardson extrapolation ({@code (4 D(h/2) - D(h)) / 3}, error
 * {@code O(h^4)}), so a relative tolerance of 1e-6 leaves plenty of margin while a wrong sign or a
 * missing term still fails.
 */
public final class FiniteDifferences {

  /** Step relative to {@code max(1, |x_i|)}. Points under test stay at least 50 steps from kinks. */
  public static final double DEFAULT_RELATIVE_STEP = 2e-4;

  private FiniteDifferences() {}

  /** Richardson-extrapolated central differences with {@link #DEFAULT_RELATIVE_STEP}. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    return gradient(f, x, DEFAULT_RELATIVE_STEP);
  }

  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double relativeStep) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double h = relativeStep * Math.max(1.0, Math.abs(x[i]));
      double wide = central(f, x, i, h);
      double narrow = central(f, x, i, h / 2);
      g[i] = (4 * narrow - wide) / 3;
    }
    return g;
  }

  /** Plain central difference in coordinate {@code i}, divided by the true (rounded) width. */
  public static double central(ToDoubleFunction<double[]> f, double[] x, int i, double h) {
    double[] probe = x.clone();
    double up = x[i] + h;
    double down = x[i] - h;
    probe[i] = up;
    double fUp = f.applyAsDouble(probe);
    probe[i] = down;
    double fDown = f.applyAsDouble(probe);
    return (fUp - fDown) / (up - down);
  }

  /** {@code |a - b| / max(1, |a|, |b|)}. */
  public static double relativeError(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (a == b) {
      return 0; // also equal infinities
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) / scale;
  }
}
