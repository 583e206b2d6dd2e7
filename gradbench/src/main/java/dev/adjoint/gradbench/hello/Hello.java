package dev.adjoint.gradbench.hello;

import dev.adjoint.Differentiable;

/** GradBench's {@code hello}: {@code square}, whose generated gradient is {@code double}. */
public final class Hello {
  private Hello() {
  }

  @Differentiable
  public static double square(double x) {
    return x * x;
  }
}
