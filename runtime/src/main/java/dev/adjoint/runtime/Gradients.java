package dev.adjoint.runtime;

/** Functions with a meaning only for differentiation, callable from {@code @Differentiable} code. */
public final class Gradients {
  private Gradients() {}

  /**
   * Returns {@code x} unchanged, but no derivative flows through it: Adjoint treats the result
   * as a constant (JAX's {@code stop_gradient}, Swift's {@code withoutDerivative(at:)}).
   */
  public static double withoutDerivative(double x) {
    return x;
  }
}
