package dev.adjoint.gradbench.llsq;

import static dev.adjoint.gradbench.ExpectedOutputs.vector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.ExpectedOutputs;

/** llsq's expected outputs, from the hand-written reference. */
public final class Expected implements ExpectedOutputs {
  @Override
  public Object output(String function, JsonNode in) {
    return switch (function) {
      case "primal" -> LlsqReference.value(vector(in, "x"), in.get("n").asInt());
      case "gradient" -> LlsqReference.gradient(vector(in, "x"), in.get("n").asInt());
      default -> throw new IllegalArgumentException("no reference for llsq." + function);
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
