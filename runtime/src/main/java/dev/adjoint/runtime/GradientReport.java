package dev.adjoint.runtime;

/**
 * The outcome of a {@link GradientCheck}: the largest relative error between a gradient and
 * its finite-difference estimate, and the coordinate where it occurs, with both values there.
 *
 * @param maxRelativeError {@code max_k |g_k - fd_k| / max(1, |g_k|, |fd_k|)}; below about
 *     {@code 1e-6} the gradient agrees with the function, a wrong sign or a missing term gives
 *     values near 1
 * @param worst the coordinate of that error: {@code [3]}, {@code [1][2]} (a matrix, or the
 *     second of several arrays), {@code hidden.w[0][1]} (a record's storage)
 * @param gradient the gradient's component there
 * @param estimate the finite-difference estimate there
 */
public record GradientReport(double maxRelativeError, String worst, double gradient,
    double estimate) {

  /** Whether the error is at most {@code tolerance}. */
  public boolean within(double tolerance) {
    return maxRelativeError <= tolerance;
  }

  @Override
  public String toString() {
    return String.format("max relative error %.3g at %s: gradient %.17g, finite differences %.17g",
        maxRelativeError, worst, gradient, estimate);
  }
}
