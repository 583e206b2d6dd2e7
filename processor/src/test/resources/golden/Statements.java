package golden;

import dev.adjoint.Differentiable;

final class Statements {
  /** A switch statement inside a loop: break ends the case, not the loop. */
  @Differentiable
  static double stepwise(double x, int k) {
    double y = x;
    for (int i = 0; i < 3; i++) {
      switch ((k + i) % 3) {
        case 0:
          y = y * x;
          break;
        case 1, 2:
          y = y + Math.sin(x);
          break;
        default:
          y = y - x;
      }
    }
    return y;
  }

  /** A switch expression with a block case. */
  @Differentiable
  static double chosen(double x, int k) {
    double w = switch (k) {
      case 0 -> x * x;
      case 1 -> {
        double t = Math.exp(x);
        yield t + 1;
      }
      default -> 1;
    };
    return w * x;
  }

  /** An array initializer, and a decrement inside the loop condition. */
  @Differentiable
  static double weighted(double a, double x, int n) {
    double[] b = {1, a * a, x};
    double s = 0;
    while (n-- > 0) {
      s += b[n % 3] * x;
    }
    return s;
  }
}
