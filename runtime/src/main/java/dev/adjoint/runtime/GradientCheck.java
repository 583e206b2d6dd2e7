package dev.adjoint.runtime;

import java.util.function.ToDoubleFunction;

/**
 * Compares a gradient with central finite differences, for users' own tests.
 *
 * <p>Each component is checked against {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with a step
 * scaled to the magnitude of {@code x_i}, so the check works for inputs of any size.
 */
public final class GradientCheck {

  /** Default relative step: about the cube root of machine epsilon, optimal for central differences. */
  public static final double DEFAULT_STEP = 6.0554544523933395e-6;

  private GradientCheck() {}

  /**
   * Central-difference estimate of the gradient of {@code f} at {@code x}.
   *
   * @param f the function; it must not keep or modify the array it is given
   * @param x the point; not modified
   * @param relativeStep step relative to {@code max(1, |x_i|)}
   */
  public static double[] finiteDifferences(
      ToDoubleFunction<double[]> f, double[] x, double relativeStep) {
    double[] probe = x.clone();
    double[] gradient = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double h = relativeStep * Math.max(1.0, Math.abs(x[i]));
      probe[i] = x[i] + h;
      double up = f.applyAsDouble(probe);
      probe[i] = x[i] - h;
      double down = f.applyAsDouble(probe);
      probe[i] = x[i];
      // (x + h) - (x - h) is not exactly 2h in floating point; divide by the true width.
      gradient[i] = (up - down) / ((x[i] + h) - (x[i] - h));
    }
    return gradient;
  }

  /** {@link #finiteDifferences(ToDoubleFunction, double[], double)} with {@link #DEFAULT_STEP}. */
  public static double[] finiteDifferences(ToDoubleFunction<double[]> f, double[] x) {
    return finiteDifferences(f, x, DEFAULT_STEP);
  }

  /**
   * The largest relative error between {@code gradient} and the finite-difference estimate:
   * {@code max_i |g_i - fd_i| / max(1, |g_i|, |fd_i|)}. Below about {@code 1e-6} means the
   * gradient agrees with the function; a wrong sign or a missing term gives values near 1.
   */
  public static double maxRelativeError(
      ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
    if (gradient.length != x.length) {
      throw new IllegalArgumentException(
          "gradient has " + gradient.length + " components but x has " + x.length);
    }
    double[] estimate = finiteDifferences(f, x);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double scale = Math.max(1.0, Math.max(Math.abs(gradient[i]), Math.abs(estimate[i])));
      worst = Math.max(worst, Math.abs(gradient[i] - estimate[i]) / scale);
    }
    return worst;
  }
}
