package dev.adjoint.samples.notes;

import dev.adjoint.DerivativeOf;

/**
 * A function that brings its own derivative. {@link #sigmoid} is ordinary Java that Adjoint is
 * never asked to read (it is not {@code @Differentiable}); {@link #sigmoidPullback} tells Adjoint
 * how to differentiate calls to it, with the identity of derivation 7, {@code σ' = σ(1 − σ)},
 * written in terms of the result so the backward sweep needs no second {@code exp}. From then on
 * {@code @Differentiable} code may call {@code Logistic.sigmoid(z)} like a {@code Math} function
 * (see {@link CrossEntropy}).
 */
public final class Logistic {

  private Logistic() {}

  /** {@code σ(z) = 1 / (1 + e⁻ᶻ)}, computed without overflow for either sign of {@code z}. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1 / (1 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1 + e);
  }

  /**
   * The pullback of {@link #sigmoid}: its parameter {@code z}, its result {@code σ(z)} and the
   * result's adjoint {@code σ̄}, returning {@code z̄ = σ̄ · σ(z)(1 − σ(z))}.
   */
  @DerivativeOf(value = Logistic.class, method = "sigmoid")
  public static double sigmoidPullback(double z, double result, double resultBar) {
    return resultBar * result * (1 - result);
  }
}
