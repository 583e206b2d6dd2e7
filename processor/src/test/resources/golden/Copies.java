package golden;

import dev.adjoint.Differentiable;
import java.util.Arrays;

final class Copies {
  /** A copy written after it is made, then a fill with a differentiated value. */
  @Differentiable
  static double copyAndFill(double[] x, double w) {
    double[] y = x.clone();
    y[0] = w * y[0];
    double s = y[0] * x[x.length - 1];
    double[] z = Arrays.copyOf(y, x.length + 1);
    Arrays.fill(y, s * w);
    return s + y[0] * z[z.length - 2];
  }
}
