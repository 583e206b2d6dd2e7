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

  /**
   * The module's {@code Expected}, or null when the module checks its recorded exchange's
   * numbers in a test of its own ({@code dev.adjoint.gradbench.lstm.LstmExchangeTest}, whose
   * outputs have shapes of their own, such as ba's sparse Jacobian). One of the two must exist.
   */
  static ExpectedOutputs of(String module) {
    String pkg = "dev.adjoint.gradbench." + module + ".";
    try {
      return (ExpectedOutputs) Class.forName(pkg + "Expected").getDeclaredConstructor()
          .newInstance();
    } catch (ClassNotFoundException e) {
      String own = pkg + Character.toUpperCase(module.charAt(0)) + module.substring(1)
          + "ExchangeTest";
      try {
        Class.forName(own);
        return null;
      } catch (ClassNotFoundException none) {
        throw new AssertionError("no " + pkg + "Expected and no " + own, e);
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot make " + pkg + "Expected", e);
    }
  }

  static double[] vector(JsonNode input, String field) {
    return EvalRunner.as(input.get(field), double[].class);
  }

  static double[][] matrix(JsonNode input, String field) {
    return EvalRunner.as(input.get(field), double[][].class);
  }
}
