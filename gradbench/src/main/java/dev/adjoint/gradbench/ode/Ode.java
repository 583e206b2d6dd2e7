package dev.adjoint.gradbench.ode;

import dev.adjoint.Differentiable;

/**
 * GradBench's {@code ode}: y' = f(x, y) with y₀' = x₀ and yᵢ' = xᵢ·yᵢ₋₁, y(0) = 0, solved
 * on [0, 2] by classical Runge–Kutta in {@code s} steps.
 */
public final class Ode {
  private Ode() {
  }

  /** The right-hand side at {@code y}, written into {@code z}. */
  static void rightHandSide(double[] x, double[] y, double[] z) {
    z[0] = x[0];
    for (int i = 1; i < x.length; i++) {
      z[i] = x[i] * y[i - 1];
    }
  }

  /** y(2) after {@code s} Runge–Kutta steps. */
  @Differentiable
  public static double[] primal(double[] x, int s) {
    int n = x.length;
    double h = 2.0 / s;
    double[] y = new double[n];
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] tmp = new double[n];
    for (int step = 0; step < s; step++) {
      rightHandSide(x, y, k1);
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k1[i] / 2;
      }
      rightHandSide(x, tmp, k2);
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k2[i] / 2;
      }
      rightHandSide(x, tmp, k3);
      for (int i = 0; i < n; i++) {
        tmp[i] = y[i] + h * k3[i];
      }
      rightHandSide(x, tmp, k4);
      for (int i = 0; i < n; i++) {
        y[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
      }
    }
    return y;
  }

  /** The last element of y(2): the function whose gradient the eval asks for. */
  @Differentiable
  public static double last(double[] x, int s) {
    double[] y = primal(x, s);
    return y[y.length - 1];
  }
}
