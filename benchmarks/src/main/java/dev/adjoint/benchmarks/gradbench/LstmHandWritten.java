package dev.adjoint.benchmarks.gradbench;

/**
 * A hand-written adjoint of GradBench's lstm objective (a diagonal LSTM of {@code layers}
 * layers over a sequence, log-softmax loss of the next symbol): the forward pass keeps each
 * cell's gates, old state and input in scratch, and the backward pass runs through time
 * with one hidden and one cell adjoint per layer, as backpropagation through time is written by
 * hand.
 */
public final class LstmHandWritten {
  private LstmHandWritten() {
  }

  /** Per step, layer and unit: the values the backward pass reads (8 per cell). */
  public record Scratch(double[][][] gates, double[][] hBar, double[][] cBar, double[][] s,
      double[] prediction) {
    static final int FORGET = 0;
    static final int INGATE = 1;
    static final int OUTGATE = 2;
    static final int CHANGE = 3;
    static final int OLD_CELL = 4;
    static final int OLD_HIDDEN = 5;
    static final int TANH_CELL = 6;
    static final int INPUT = 7;

    public static Scratch of(int layers, int b, int c) {
      return new Scratch(new double[Math.max(c - 1, 0) * layers][8][b],
          new double[layers][b], new double[layers][b], new double[2 * layers][b],
          new double[b]);
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Returns the objective and adds its gradient into {@code mainBar} and {@code extraBar}. */
  public static double gradient(double[][] mainParams, double[][] extraParams,
      double[][] state, double[][] sequence, double[][] mainBar, double[][] extraBar,
      Scratch scratch) {
    int layers = mainParams.length / 2;
    int b = mainParams[0].length / 4;
    int c = sequence.length;
    double[][] s = scratch.s();
    for (int r = 0; r < 2 * layers; r++) {
      System.arraycopy(state[r], 0, s[r], 0, b);
    }
    double[] pred = scratch.prediction();
    double total = 0;
    int count = 0;
    for (int t = 0; t < c - 1; t++) {
      for (int layer = 0; layer < layers; layer++) {
        double[][] g = scratch.gates()[t * layers + layer];
        double[] w = mainParams[2 * layer];
        double[] bias = mainParams[2 * layer + 1];
        double[] below = layer == 0 ? null : s[2 * layer - 2];
        for (int j = 0; j < b; j++) {
          double in = layer == 0 ? sequence[t][j] * extraParams[0][j] : below[j];
          double hidden = s[2 * layer][j];
          double f = sigmoid(in * w[j] + bias[j]);
          double ig = sigmoid(hidden * w[b + j] + bias[b + j]);
          double og = sigmoid(in * w[2 * b + j] + bias[2 * b + j]);
          double ch = Math.tanh(hidden * w[3 * b + j] + bias[3 * b + j]);
          double oldCell = s[2 * layer + 1][j];
          double cell = oldCell * f + ig * ch;
          double tanhCell = Math.tanh(cell);
          g[Scratch.FORGET][j] = f;
          g[Scratch.INGATE][j] = ig;
          g[Scratch.OUTGATE][j] = og;
          g[Scratch.CHANGE][j] = ch;
          g[Scratch.OLD_CELL][j] = oldCell;
          g[Scratch.OLD_HIDDEN][j] = hidden;
          g[Scratch.TANH_CELL][j] = tanhCell;
          g[Scratch.INPUT][j] = in;
          s[2 * layer + 1][j] = cell;
          s[2 * layer][j] = og * tanhCell;
        }
      }
      double sumExp = 2;
      double[] top = s[2 * layers - 2];
      for (int j = 0; j < b; j++) {
        pred[j] = top[j] * extraParams[1][j] + extraParams[2][j];
        sumExp += Math.exp(pred[j]);
      }
      double lse = Math.log(sumExp);
      for (int j = 0; j < b; j++) {
        total += sequence[t + 1][j] * (pred[j] - lse);
      }
      count += b;
    }
    double value = -total / count;

    double seed = -1.0 / count;
    double[][] hBar = scratch.hBar();
    double[][] cBar = scratch.cBar();
    for (int layer = 0; layer < layers; layer++) {
      java.util.Arrays.fill(hBar[layer], 0);
      java.util.Arrays.fill(cBar[layer], 0);
    }
    for (int t = c - 2; t >= 0; t--) {
      // The prediction from the top layer's hidden state after step t.
      double[][] topGates = scratch.gates()[t * layers + layers - 1];
      double sumExp = 2;
      double targets = 0;
      for (int j = 0; j < b; j++) {
        double h = topGates[Scratch.OUTGATE][j] * topGates[Scratch.TANH_CELL][j];
        pred[j] = h * extraParams[1][j] + extraParams[2][j];
        sumExp += Math.exp(pred[j]);
        targets += sequence[t + 1][j];
      }
      for (int j = 0; j < b; j++) {
        double h = topGates[Scratch.OUTGATE][j] * topGates[Scratch.TANH_CELL][j];
        double predBar = seed * (sequence[t + 1][j] - targets * Math.exp(pred[j]) / sumExp);
        extraBar[1][j] += predBar * h;
        extraBar[2][j] += predBar;
        hBar[layers - 1][j] += predBar * extraParams[1][j];
      }
      for (int layer = layers - 1; layer >= 0; layer--) {
        double[][] g = scratch.gates()[t * layers + layer];
        double[] w = mainParams[2 * layer];
        double[] wBar = mainBar[2 * layer];
        double[] biasBar = mainBar[2 * layer + 1];
        for (int j = 0; j < b; j++) {
          double f = g[Scratch.FORGET][j];
          double ig = g[Scratch.INGATE][j];
          double og = g[Scratch.OUTGATE][j];
          double ch = g[Scratch.CHANGE][j];
          double tanhCell = g[Scratch.TANH_CELL][j];
          double in = g[Scratch.INPUT][j];
          double hidden = g[Scratch.OLD_HIDDEN][j];
          double hb = hBar[layer][j];
          double cellBar = cBar[layer][j] + hb * og * (1 - tanhCell * tanhCell);
          double zf = cellBar * g[Scratch.OLD_CELL][j] * f * (1 - f);
          double zi = cellBar * ch * ig * (1 - ig);
          double zo = hb * tanhCell * og * (1 - og);
          double zc = cellBar * ig * (1 - ch * ch);
          wBar[j] += zf * in;
          biasBar[j] += zf;
          wBar[b + j] += zi * hidden;
          biasBar[b + j] += zi;
          wBar[2 * b + j] += zo * in;
          biasBar[2 * b + j] += zo;
          wBar[3 * b + j] += zc * hidden;
          biasBar[3 * b + j] += zc;
          double inBar = zf * w[j] + zo * w[2 * b + j];
          cBar[layer][j] = cellBar * f;
          hBar[layer][j] = zi * w[b + j] + zc * w[3 * b + j];
          if (layer == 0) {
            extraBar[0][j] += inBar * sequence[t][j];
          } else {
            hBar[layer - 1][j] += inBar;
          }
        }
      }
    }
    return value;
  }
}
