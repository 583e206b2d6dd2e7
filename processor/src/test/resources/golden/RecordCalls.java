package golden;

import dev.adjoint.Differentiable;

final class RecordCalls {
  record Layer(double[][] w, double[] b) {}

  record Mlp(Layer hidden, double[] out, double bias) {}

  /** One layer's activations summed: a plain helper taking a record. */
  static double activation(Layer l, double[] x) {
    double s = 0;
    for (int i = 0; i < l.b().length; i++) {
      double h = l.b()[i];
      for (int j = 0; j < x.length; j++) {
        h += l.w()[i][j] * x[j];
      }
      s += Math.tanh(h);
    }
    return s;
  }

  /** The output layer, differentiated on its own too. */
  @Differentiable
  static double output(Mlp p, double z) {
    return p.bias() + p.out()[0] * z;
  }

  /**
   * Squared error over samples: the record goes to {@code output} whole, its layer to {@code
   * activation}, in a loop; both add into the caller's storage.
   */
  @Differentiable
  static double loss(Mlp p, double[][] xs, double[] ys) {
    double sum = 0;
    for (int k = 0; k < ys.length; k++) {
      double e = output(p, activation(p.hidden(), xs[k])) - ys[k];
      sum += e * e;
    }
    return sum;
  }

  /** Not differentiated with respect to the record: its callees add into scratch storage. */
  @Differentiable(wrt = {"x"})
  static double sensitivity(Mlp p, double[] x) {
    return output(p, activation(p.hidden(), x));
  }
}
