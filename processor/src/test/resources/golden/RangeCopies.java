package golden;

import dev.adjoint.Differentiable;
import java.util.Arrays;

final class RangeCopies {
  /**
   * A delay line: each step shifts the samples one place along (a copy within one array) and
   * puts the new one in front; the taps weigh what the line holds.
   */
  @Differentiable
  static double delayLine(double[] taps, double[] signal) {
    double[] line = new double[taps.length];
    double y = 0;
    for (int t = 0; t < signal.length; t++) {
      System.arraycopy(line, 0, line, 1, line.length - 1);
      line[0] = signal[t];
      for (int k = 0; k < line.length; k++) {
        y += taps[k] * line[k];
      }
    }
    Arrays.fill(line, 1, line.length, y);
    return y * line[line.length - 1];
  }
}
