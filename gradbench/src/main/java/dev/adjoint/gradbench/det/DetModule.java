package dev.adjoint.gradbench.det;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Evaluations;
import dev.adjoint.gradbench.Inputs;
import dev.adjoint.gradbench.Module;

/** {@code det}: {@code primal} and {@code gradient} of the determinant by minors. */
public final class DetModule implements Module {
  /** GradBench's DetByMinorInput: {@code A} row-major, {@code ell} its edge. */
  record Input(@JsonProperty("A") double[] a, int ell) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode json) {
    Input input = Inputs.read(json, Input.class);
    double[] a = input.a();
    int ell = input.ell();
    Inputs.require(ell >= 1 && ell <= 30 && a.length == ell * ell,
        "det needs 1 <= ell <= 30 and A of ell * ell elements");
    return switch (function) {
      case "primal" -> Evaluations.ofDouble(() -> Det.det(a, ell));
      case "gradient" -> Evaluations.of(() -> {
        double[] aBar = new double[a.length];
        DetAdjoint.detPullback(a, ell, 1.0, aBar);
        return aBar;
      });
      default -> null;
    };
  }
}
