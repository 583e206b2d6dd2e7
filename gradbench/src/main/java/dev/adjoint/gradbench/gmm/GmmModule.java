package dev.adjoint.gradbench.gmm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Evaluations;
import dev.adjoint.gradbench.Inputs;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;

/** {@code gmm}: {@code objective} and {@code jacobian} (its gradient, shaped as the input). */
public final class GmmModule implements Module {
  /** GradBench's gmm Input. */
  record Input(int d, int k, int n, double[] alpha, double[][] mu, double[][] q, double[][] l,
      double[][] x, int m, double gamma) {
  }

  /** GradBench's gmm Independent: the gradient with respect to each of them. */
  public record Jacobian(double[] alpha, double[][] mu, double[][] q, double[][] l) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode json) {
    Input in = Inputs.read(json, Input.class);
    check(in);
    Stacks stacks = new Stacks();
    return switch (function) {
      case "objective" -> Evaluations.ofDouble(
          () -> Gmm.objective(in.alpha(), in.mu(), in.q(), in.l(), in.x(), in.gamma(), in.m()));
      case "jacobian" -> Evaluations.of(() -> {
        Jacobian bar = new Jacobian(new double[in.k()], new double[in.k()][in.d()],
            new double[in.k()][in.d()], new double[in.k()][in.d() * (in.d() - 1) / 2]);
        GmmAdjoint.objectivePullback(in.alpha(), in.mu(), in.q(), in.l(), in.x(), in.gamma(),
            in.m(), 1.0, bar.alpha(), bar.mu(), bar.q(), bar.l(), stacks);
        return bar;
      });
      default -> null;
    };
  }

  private static void check(Input in) {
    int d = in.d();
    int k = in.k();
    Inputs.require(d > 0 && k > 0 && in.n() > 0, "gmm needs d, k, n > 0");
    Inputs.require(in.alpha().length == k, "alpha must have k elements");
    for (double[][] matrix : new double[][][] {in.mu(), in.q(), in.l()}) {
      Inputs.require(matrix.length == k, "mu, q and l must have k rows");
    }
    Inputs.require(in.x().length == in.n(), "x must have n rows");
    for (int i = 0; i < k; i++) {
      Inputs.require(in.mu()[i].length == d && in.q()[i].length == d,
          "rows of mu and q have d elements");
      Inputs.require(in.l()[i].length == d * (d - 1) / 2, "rows of l have d(d-1)/2 elements");
    }
    for (double[] point : in.x()) {
      Inputs.require(point.length == d, "rows of x have d elements");
    }
  }
}
