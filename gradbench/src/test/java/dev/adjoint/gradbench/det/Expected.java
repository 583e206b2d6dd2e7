package dev.adjoint.gradbench.det;

import static dev.adjoint.gradbench.ExpectedOutputs.vector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.ExpectedOutputs;

/** det's expected outputs, from the hand-written reference. */
public final class Expected implements ExpectedOutputs {
  @Override
  public Object output(String function, JsonNode in) {
    return switch (function) {
      case "primal" -> DetReference.value(vector(in, "A"), in.get("ell").asInt());
      case "gradient" -> DetReference.gradient(vector(in, "A"), in.get("ell").asInt());
      default -> throw new IllegalArgumentException("no reference for det." + function);
    };
  }

  @Override
  public String primalOf(String function) {
    return function.equals("gradient") ? "primal" : null;
  }

  @Override
  public String[] independents() {
    return new String[] {"A"};
  }
}
