package dev.adjoint.samples;

import dev.adjoint.Differentiable;

/** A piecewise-defined function: Adjoint differentiates whichever branch the inputs take. */
public final class Piecewise {

  private Piecewise() {}

  /**
   * Asymmetric Huber loss of a forecast. With residual {@code r = prediction - target},
   *
   * <pre>
   *   h(r) = δ (r - ½ δ)      if r &gt; δ
   *          -δ (r + ½ δ)     if r &lt; -δ
   *          ½ r²             otherwise
   * </pre>
   *
   * <p>and under-forecasts ({@code r < 0}) weighted by {@code under}. The three pieces meet with
   * equal value and slope at {@code ±δ}, so the loss is continuously differentiable in {@code
   * prediction}; the gradient also covers {@code target}, {@code delta} and {@code under}.
   */
  @Differentiable
  public static double asymmetricHuber(
      double prediction, double target, double delta, double under) {
    double r = prediction - target;
    double weight = r < 0 ? under : 1.0;
    if (r > delta) {
      return weight * delta * (r - 0.5 * delta);
    } else if (r < -delta) {
      return -weight * delta * (r + 0.5 * delta);
    } else {
      return weight * 0.5 * r * r;
    }
  }
}
