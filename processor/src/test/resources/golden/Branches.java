package golden;

import static java.lang.Math.exp;
import static java.lang.Math.log1p;

import dev.adjoint.Differentiable;

final class Branches {
  /** Softplus with the usual guard for large inputs. */
  @Differentiable
  static double softplus(double x) {
    if (x > 30) {
      return x;
    }
    return log1p(exp(x));
  }

  @Differentiable
  static double piecewise(double x, double y, int n) {
    double r;
    if (x > 0 && y > 0) {
      r = Math.sqrt(x * y) * n;
    } else if (x < -1) {
      r = x * x;
    } else {
      r = x > y ? Math.sin(x) : Math.cos(y);
    }
    return r * x;
  }
}
