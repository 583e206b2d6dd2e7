package golden;

import dev.adjoint.Differentiable;

final class Overwrite {
  @Differentiable
  static double repeatedSquare(double a) {
    a = a * a;
    a = a * a;
    a *= Math.sin(a);
    return a;
  }

  @Differentiable
  static double accumulate(double x, double y) {
    double s = x;
    s += x * y;
    s -= Math.exp(y);
    s /= 1 + x * x;
    return s;
  }
}
