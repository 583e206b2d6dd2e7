package golden;

import dev.adjoint.Differentiable;

final class Calls {
  /** The callee: its generated pullback is what callers run backwards. */
  @Differentiable
  static double square(double x) {
    return x * x;
  }

  /** Two calls of another @Differentiable method, one with a computed argument. */
  @Differentiable
  static double sumOfSquares(double x, double y) {
    return square(x) + 3 * square(x * y);
  }
}
