package dev.adjoint.gradbench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an eval's functions should answer, from its hand-written reference (test scope). Each
 * eval's package has one, named {@code Expected} ({@code dev.adjoint.gradbench.gmm.Expected}),
 * found by {@link #of}: adding an eval adds a class, and changes no shared one.
 */
public interface ExpectedOutputs {
  /** The expected output of {@code function} at {@code input} (a number, array or record). */
  Object output(String function, JsonNode input);

  /** The primal function whose gradient {@code function} is, or null if it is not one. */
  String primalOf(String function);

  /**
   * The input fields the gradients are with respect to, each an array or matrix of numbers;
   * none when the input is the number itself.
   */
  String[] independents();

  static ExpectedOutputs of(String module) {
    try {
      return (ExpectedOutputs) Class.forName("dev.adjoint.gradbench." + module + ".Expected")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("no dev.adjoint.gradbench." + module + ".Expected", e);
    }
  }

  static double[] vector(JsonNode input, String field) {
    return EvalRunner.as(input.get(field), double[].class);
  }

  static double[][] matrix(JsonNode input, String field) {
    return EvalRunner.as(input.get(field), double[][].class);
  }
}
