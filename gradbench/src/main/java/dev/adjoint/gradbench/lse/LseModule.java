package dev.adjoint.gradbench.lse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Evaluations;
import dev.adjoint.gradbench.Inputs;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;

/** {@code lse}: {@code primal} and {@code gradient} of log-sum-exp. */
public final class LseModule implements Module {
  /** GradBench's LogSumExpInput. */
  record Input(double[] x) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode json) {
    double[] x = Inputs.read(json, Input.class).x();
    Inputs.require(x.length > 0, "lse needs a non-empty x");
    Stacks stacks = new Stacks();
    return switch (function) {
      case "primal" -> Evaluations.ofDouble(() -> Lse.logsumexp(x));
      case "gradient" -> Evaluations.of(() -> {
        double[] xBar = new double[x.length];
        LseAdjoint.logsumexpPullback(x, 1.0, xBar, stacks);
        return xBar;
      });
      default -> null;
    };
  }
}
