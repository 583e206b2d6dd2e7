package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * What generated code calls for {@code a.clone()}, {@code Arrays.copyOf} and {@code
 * Arrays.copyOfRange} of a {@code double[]}, with the same results, and their pullbacks: a copy
 * adds its adjoint back into the elements it copied. The pullbacks read neither the copy's
 * elements nor the original's, only their lengths, so either may be written after the copy.
 */
public final class ArrayCopies {
  private ArrayCopies() {}

  public static double[] copy(double[] a) {
    return a.clone();
  }

  public static void copyPullback(double[] a, double[] result, double[] resultBar,
      double[] aBar) {
    addRange(resultBar, aBar, 0, a.length);
  }

  public static double[] copyOf(double[] a, int length) {
    return Arrays.copyOf(a, length);
  }

  public static void copyOfPullback(double[] a, int length, double[] result, double[] resultBar,
      double[] aBar) {
    addRange(resultBar, aBar, 0, Math.min(length, a.length));
  }

  public static double[] copyOfRange(double[] a, int from, int to) {
    return Arrays.copyOfRange(a, from, to);
  }

  public static void copyOfRangePullback(double[] a, int from, int to, double[] result,
      double[] resultBar, double[] aBar) {
    addRange(resultBar, aBar, from, Math.min(to, a.length) - from);
  }

  /** {@code aBar[from + k] += resultBar[k]} for {@code k < count}; nothing without an aBar. */
  private static void addRange(double[] resultBar, double[] aBar, int from, int count) {
    if (aBar == null) {
      return;
    }
    for (int k = 0; k < count; k++) {
      aBar[from + k] += resultBar[k];
    }
  }
}
