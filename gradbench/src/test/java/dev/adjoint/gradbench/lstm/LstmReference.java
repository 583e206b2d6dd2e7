package dev.adjoint.gradbench.lstm;

/**
 * Hand-written reference for {@code lstm}: the ADBench model in {@link Dual} arithmetic, so one
 * sweep gives the derivative along one parameter; {@link #gradient} does one per parameter.
 */
final class LstmReference {
  private LstmReference() {
  }

  /** ∂loss/∂mainParams then ∂loss/∂extraParams, row by row. */
  static double[] gradient(double[][] main, double[][] extra, double[][] state, double[][] seq) {
    int mainSize = main.length * main[0].length;
    int size = mainSize + extra.length * extra[0].length;
    double[] g = new double[size];
    for (int k = 0; k < size; k++) {
      g[k] = loss(main, extra, state, seq, k).d();
    }
    return g;
  }

  /** The loss with parameter number {@code seeded} (main then extra, row-major) seeded. */
  static Dual loss(double[][] main, double[][] extra, double[][] state, double[][] seq,
      int seeded) {
    int layers = main.length / 2;
    int b = main[0].length / 4;
    Dual[][] w = duals(main, seeded);
    Dual[][] e = duals(extra, seeded - main.length * main[0].length);
    Dual[][] hidden = new Dual[layers][b];
    Dual[][] cell = new Dual[layers][b];
    for (int l = 0; l < layers; l++) {
      for (int j = 0; j < b; j++) {
        hidden[l][j] = Dual.constant(state[2 * l][j]);
        cell[l][j] = Dual.constant(state[2 * l + 1][j]);
      }
    }
    Dual total = Dual.constant(0);
    for (int t = 0; t + 1 < seq.length; t++) {
      Dual[] in = new Dual[b];
      for (int j = 0; j < b; j++) {
        in[j] = e[0][j].times(seq[t][j]);
      }
      for (int l = 0; l < layers; l++) {
        Dual[] weight = w[2 * l];
        Dual[] bias = w[2 * l + 1];
        for (int j = 0; j < b; j++) {
          Dual forget = in[j].times(weight[j]).plus(bias[j]).sigmoid();
          Dual ingate = hidden[l][j].times(weight[b + j]).plus(bias[b + j]).sigmoid();
          Dual outgate = in[j].times(weight[2 * b + j]).plus(bias[2 * b + j]).sigmoid();
          Dual change = hidden[l][j].times(weight[3 * b + j]).plus(bias[3 * b + j]).tanh();
          cell[l][j] = cell[l][j].times(forget).plus(ingate.times(change));
          hidden[l][j] = outgate.times(cell[l][j].tanh());
        }
        in = hidden[l];
      }
      Dual[] prediction = new Dual[b];
      Dual sum = Dual.constant(2);
      for (int j = 0; j < b; j++) {
        prediction[j] = in[j].times(e[1][j]).plus(e[2][j]);
        sum = sum.plus(prediction[j].exp());
      }
      Dual lse = sum.log();
      for (int j = 0; j < b; j++) {
        total = total.plus(prediction[j].minus(lse).times(seq[t + 1][j]));
      }
    }
    return total.times(-1.0 / ((seq.length - 1) * b));
  }

  private static Dual[][] duals(double[][] m, int seeded) {
    Dual[][] d = new Dual[m.length][m[0].length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        d[i][j] = Dual.variable(m[i][j], i * m[0].length + j == seeded);
      }
    }
    return d;
  }
}
