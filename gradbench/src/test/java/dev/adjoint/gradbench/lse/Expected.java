package dev.adjoint.gradbench.lse;

import static dev.adjoint.gradbench.ExpectedOutputs.vector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.ExpectedOutputs;

/** lse's expected outputs, from the hand-written reference. */
public final class Expected implements ExpectedOutputs {
  @Override
  public Object output(String function, JsonNode in) {
    return switch (function) {
      case "primal" -> LseReference.value(vector(in, "x"));
      case "gradient" -> LseReference.gradient(vector(in, "x"));
      default -> throw new IllegalArgumentException("no reference for lse." + function);
    };
  }

  @Override
  public String primalOf(String function) {
    return function.equals("gradient") ? "primal" : null;
  }

  @Override
  public String[] independents() {
    return new String[] {"x"};
  }
}
