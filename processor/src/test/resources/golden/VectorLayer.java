package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

/** A layer returning double[], whose pullback takes the result's adjoint, called from a loss. */
public class VectorLayer {
  @Differentiable
  public static double[] layer(double[][] W, double[] b, double[] x) {
    return LinearAlgebra.tanh(LinearAlgebra.add(LinearAlgebra.matVec(W, x), b));
  }

  @Differentiable
  public static double[] firstAbove(double[][] rows, double t) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i][0] > t) {
        return rows[i];
      }
    }
    return rows[0];
  }

  @Differentiable(wrt = {"W", "b"})
  public static double loss(double[][] W, double[] b, double[][] xs, double[] y) {
    double s = 0;
    for (int i = 0; i < xs.length; i++) {
      double[] h = layer(W, b, xs[i]);
      s += (LinearAlgebra.sum(h) - y[i]) * (LinearAlgebra.sum(h) - y[i]);
    }
    return s;
  }
}
