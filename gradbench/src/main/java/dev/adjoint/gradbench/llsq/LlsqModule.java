package dev.adjoint.gradbench.llsq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Evaluations;
import dev.adjoint.gradbench.Inputs;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;

/** {@code llsq}: {@code primal} and {@code gradient} (with respect to x). */
public final class LlsqModule implements Module {
  /** GradBench's LLSQInput (min_runs and min_seconds are read by the protocol). */
  record Input(double[] x, int n) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode json) {
    Input input = Inputs.read(json, Input.class);
    Inputs.require(input.x().length > 0 && input.n() > 1, "llsq needs x non-empty and n > 1");
    double[] x = input.x();
    int n = input.n();
    Stacks stacks = new Stacks();
    return switch (function) {
      case "primal" -> Evaluations.ofDouble(() -> Llsq.primal(x, n));
      case "gradient" -> Evaluations.of(() -> {
        double[] xBar = new double[x.length];
        LlsqAdjoint.primalPullback(x, n, 1.0, xBar, stacks);
        return xBar;
      });
      default -> null;
    };
  }
}
