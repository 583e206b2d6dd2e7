package golden;

import dev.adjoint.Differentiable;

final class Records {
  record Layer(double[][] w, double[] b) {}

  /** A two-layer perceptron's parameters: the pullback adds into an {@code Records_MlpBar}. */
  record Mlp(Layer hidden, double[] out, double bias, int classes) {}

  /** Squared error of one sample; {@code classes} is passed through. */
  @Differentiable
  static double loss(Mlp p, double[] x, double y) {
    Layer l = p.hidden();
    double z = p.bias();
    for (int i = 0; i < l.b().length; i++) {
      double h = l.b()[i];
      for (int j = 0; j < x.length; j++) {
        h += l.w()[i][j] * x[j];
      }
      z += p.out()[i] * Math.tanh(h);
    }
    double e = z - y / p.classes();
    return e * e;
  }
}
