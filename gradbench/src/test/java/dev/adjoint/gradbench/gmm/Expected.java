package dev.adjoint.gradbench.gmm;

import static dev.adjoint.gradbench.ExpectedOutputs.matrix;
import static dev.adjoint.gradbench.ExpectedOutputs.vector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.ExpectedOutputs;

/** gmm's expected outputs, from the hand-written reference. */
public final class Expected implements ExpectedOutputs {
  @Override
  public Object output(String function, JsonNode in) {
    return switch (function) {
      case "objective" -> GmmReference.value(vector(in, "alpha"), matrix(in, "mu"),
          matrix(in, "q"), matrix(in, "l"), matrix(in, "x"), in.get("gamma").asDouble(),
          in.get("m").asInt());
      case "jacobian" -> GmmReference.gradient(vector(in, "alpha"), matrix(in, "mu"),
          matrix(in, "q"), matrix(in, "l"), matrix(in, "x"), in.get("gamma").asDouble(),
          in.get("m").asInt());
      default -> throw new IllegalArgumentException("no reference for gmm." + function);
    };
  }

  @Override
  public String primalOf(String function) {
    return function.equals("jacobian") ? "objective" : null;
  }

  @Override
  public String[] independents() {
    return new String[] {"alpha", "mu", "q", "l"};
  }
}
