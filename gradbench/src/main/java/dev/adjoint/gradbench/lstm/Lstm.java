package dev.adjoint.gradbench.lstm;

import dev.adjoint.Differentiable;

/**
 * GradBench's {@code lstm} (from ADBench): an {@code l}-layer LSTM with diagonal weights over a
 * sequence of {@code c} one-hot-ish vectors of {@code b} bits, and the mean log-likelihood of
 * each next vector.
 *
 * <p>{@code mainParams} has two rows per layer, weights then biases, each the four gates
 * (forget, input, output, change) of {@code b} entries side by side; {@code extraParams} is the
 * input weight, output weight and output bias; {@code state} has two rows per layer, hidden then
 * cell.
 */
public final class Lstm {
  private Lstm() {
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** The loss: −(1 / ((c − 1)·b)) Σₜ Σⱼ sequence[t+1][j] · log-softmax(prediction at t)ⱼ. */
  @Differentiable(wrt = {"mainParams", "extraParams"})
  public static double objective(
      double[][] mainParams, double[][] extraParams, double[][] state, double[][] sequence) {
    int layers = mainParams.length / 2;
    int b = mainParams[0].length / 4;
    int c = sequence.length;
    double[][] s = new double[2 * layers][];
    for (int r = 0; r < 2 * layers; r++) {
      s[r] = state[r].clone();
    }
    double[] input = new double[b];
    double[] prediction = new double[b];
    double total = 0;
    int count = 0;
    for (int t = 0; t < c - 1; t++) {
      for (int j = 0; j < b; j++) {
        input[j] = sequence[t][j] * extraParams[0][j];
      }
      for (int layer = 0; layer < layers; layer++) {
        // The first layer reads the scaled input, the others the hidden state the layer below
        // has just computed.
        double[] below = layer == 0 ? input : s[2 * layer - 2];
        for (int j = 0; j < b; j++) {
          double in = below[j];
          double hidden = s[2 * layer][j];
          double forget = sigmoid(in * mainParams[2 * layer][j] + mainParams[2 * layer + 1][j]);
          double ingate = sigmoid(
              hidden * mainParams[2 * layer][b + j] + mainParams[2 * layer + 1][b + j]);
          double outgate = sigmoid(
              in * mainParams[2 * layer][2 * b + j] + mainParams[2 * layer + 1][2 * b + j]);
          double change = Math.tanh(
              hidden * mainParams[2 * layer][3 * b + j] + mainParams[2 * layer + 1][3 * b + j]);
          double cell = s[2 * layer + 1][j] * forget + ingate * change;
          s[2 * layer + 1][j] = cell;
          s[2 * layer][j] = outgate * Math.tanh(cell);
        }
      }
      double sumExp = 2;
      for (int j = 0; j < b; j++) {
        prediction[j] = s[2 * layers - 2][j] * extraParams[1][j] + extraParams[2][j];
        sumExp += Math.exp(prediction[j]);
      }
      double lse = Math.log(sumExp);
      for (int j = 0; j < b; j++) {
        total += sequence[t + 1][j] * (prediction[j] - lse);
      }
      count += b;
    }
    return -total / count;
  }
}
