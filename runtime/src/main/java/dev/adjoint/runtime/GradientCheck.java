package dev.adjoint.runtime;

import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Compares a gradient with central finite differences, for users' own tests.
 *
 * <p>Each component is checked against {@code (f(x + h e_i) - f(x - h e_i)) / 2h} with a step
 * scaled to the magnitude of {@code x_i}, so the check works for inputs of any size. The {@code
 * check} overloads take a vector, a matrix or several arrays, or a record's adjoint storage,
 * and return a {@link GradientReport} naming the worst coordinate.
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
    return estimate(Coordinates.of(probe), () -> f.applyAsDouble(probe), relativeStep);
  }

  /**
   * Central differences over {@code at}'s coordinates, each perturbed and restored in turn;
   * {@code f} evaluates the function at the coordinates' current values.
   */
  private static double[] estimate(Coordinates at, DoubleSupplier f, double relativeStep) {
    double[] gradient = new double[at.size()];
    for (int k = 0; k < gradient.length; k++) {
      double x = at.get(k);
      double h = relativeStep * Math.max(1.0, Math.abs(x));
      at.set(k, x + h);
      double up = f.getAsDouble();
      at.set(k, x - h);
      double down = f.getAsDouble();
      at.set(k, x);
      // (x + h) - (x - h) is not exactly 2h in floating point; divide by the true width.
      gradient[k] = (up - down) / ((x + h) - (x - h));
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
    return check(f, x, gradient).maxRelativeError();
  }

  /**
   * Checks the gradient of a function of a vector. {@code f} is given a copy of {@code x} with
   * one element moved at a time; it must not keep or modify it.
   */
  public static GradientReport check(
      ToDoubleFunction<double[]> f, double[] x, double[] gradient) {
    if (gradient.length != x.length) {
      throw new IllegalArgumentException(
          "gradient has " + gradient.length + " components but x has " + x.length);
    }
    double[] probe = x.clone();
    return report(Coordinates.of(probe), () -> f.applyAsDouble(probe), gradient);
  }

  /**
   * Checks the gradient of a function of a matrix, or of several arrays passed as its rows
   * (rows may differ in length): {@code check(a -> loss(a[0], a[1]), new double[][] {w, b},
   * new double[][] {wBar, bBar})}. {@code gradient} has {@code x}'s shape; {@code f} is given a
   * copy of {@code x} with one element moved at a time.
   */
  public static GradientReport check(
      ToDoubleFunction<double[][]> f, double[][] x, double[][] gradient) {
    double[][] probe = RecordStorage.copyOf(x);
    Coordinates coordinates = Coordinates.of(probe);
    if (gradient.length != x.length || RecordStorage.size(gradient) != coordinates.size()) {
      throw new IllegalArgumentException("gradient's shape differs from x's");
    }
    double[] flat = new double[coordinates.size()];
    RecordStorage.writeTo(gradient, flat, 0);
    return report(coordinates, () -> f.applyAsDouble(probe), flat);
  }

  /** One of a storage's flat copies: {@code MlpBar::writeTo} or {@code MlpBar::readFrom}. */
  @FunctionalInterface
  public interface FlatCopy<S> {
    int copy(S storage, double[] flat, int offset);
  }

  /**
   * Checks the gradient of a function of a record, through the adjoint storage Adjoint
   * generates for it ({@code MlpBar} for {@code Mlp}), which can hold the parameters too:
   *
   * <pre>{@code
   * GradientReport r = GradientCheck.check(theta -> Model.loss(theta.toRecord(p), xs),
   *     MlpBar.copyOf(p), ModelAdjoint.loss(p, xs).dP(),
   *     MlpBar::size, MlpBar::writeTo, MlpBar::readFrom);
   * }</pre>
   *
   * {@code point} is moved one element at a time (through {@code readFrom}) and restored at the
   * end; {@code f} reads it. The report names the worst element by the storage's fields
   * ({@code hidden.w[0][1]}).
   */
  public static <S> GradientReport check(ToDoubleFunction<S> f, S point, S gradient,
      ToIntFunction<S> size, FlatCopy<S> writeTo, FlatCopy<S> readFrom) {
    int n = size.applyAsInt(point);
    if (size.applyAsInt(gradient) != n) {
      throw new IllegalArgumentException("gradient's size differs from the point's");
    }
    double[] flat = new double[n];
    writeTo.copy(gradient, flat, 0);
    return report(Coordinates.of(point, n, writeTo, readFrom), () -> f.applyAsDouble(point), flat);
  }

  /** The gradient against the estimate at {@code at}, coordinate by coordinate. */
  private static GradientReport report(Coordinates at, DoubleSupplier f, double[] gradient) {
    double[] estimate = estimate(at, f, DEFAULT_STEP);
    double worst = 0;
    int worstAt = -1;
    for (int k = 0; k < gradient.length; k++) {
      double scale = Math.max(1.0, Math.max(Math.abs(gradient[k]), Math.abs(estimate[k])));
      double error = Math.abs(gradient[k] - estimate[k]) / scale;
      if (worstAt < 0 || error > worst || Double.isNaN(error)) {
        worst = error;
        worstAt = k;
      }
      if (Double.isNaN(error)) {
        break; // NaN is the worst there is
      }
    }
    return worstAt < 0 ? new GradientReport(0, "(no coordinates)", 0, 0)
        : new GradientReport(worst, at.label(worstAt), gradient[worstAt], estimate[worstAt]);
  }
}
