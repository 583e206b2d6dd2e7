package dev.adjoint.gradbench.hello;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Evaluations;
import dev.adjoint.gradbench.Inputs;
import dev.adjoint.gradbench.Module;

/** {@code hello}: {@code square} (x²) and {@code double} (its generated derivative, 2x). */
public final class HelloModule implements Module {
  @Override
  public Evaluation prepare(String function, JsonNode input) {
    Inputs.require(input.isNumber(), "hello's input is a number");
    double x = input.asDouble();
    return switch (function) {
      case "square" -> Evaluations.ofDouble(() -> Hello.square(x));
      case "double" -> Evaluations.ofDouble(() -> HelloAdjoint.square(x).dX());
      default -> null;
    };
  }
}
