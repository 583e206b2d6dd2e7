package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator passes lambdas and local functions to helpers taking a function (issue 10). */
class FunctionPassingGenerationTest {

  @Test
  void generatesCallsPassingFunctions() {
    int lambdas = 0;
    int named = 0;
    int captures = 0;
    for (long seed = 0; seed < 400; seed++) {
      Program p = ProgramGenerator.generate(seed);
      String java = p.toJava("P" + seed);
      for (String helper : FunctionHelpers.names()) {
        lambdas += java.matches("(?s).*" + helper + "\\(t\\w* -> .*") ? 1 : 0;
        named += java.matches("(?s).*" + helper + "\\(fn\\w*, .*") ? 1 : 0;
      }
      captures += java.matches("(?s).*-> [^;]*\\bc\\d+.*") ? 1 : 0;
    }
    assertTrue(lambdas >= 10, lambdas + " helper calls of 400 programs pass a lambda");
    assertTrue(named >= 2, named + " helper calls of 400 programs pass a local function");
    assertTrue(captures >= 3, captures + " programs of 400 capture a local in a lambda");
  }
}
