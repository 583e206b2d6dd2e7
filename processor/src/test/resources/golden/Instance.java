package golden;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;

/** Least squares on the model's data: fields read as data, a call of another instance method. */
final class Instance {
  final double[][] data;
  final double[] targets;
  double lambda;

  Instance(double[][] data, double[] targets, double lambda) {
    this.data = data;
    this.targets = targets;
    this.lambda = lambda;
  }

  @Differentiable
  double residual(double[] w, int i) {
    return LinearAlgebra.dot(data[i], w) - targets[i];
  }

  @Differentiable
  double loss(double[] w) {
    double s = 0;
    for (int i = 0; i < data.length; i++) {
      double r = residual(w, i);
      s += 0.5 * r * r;
    }
    return s + this.lambda * LinearAlgebra.squaredNorm(w);
  }
}
