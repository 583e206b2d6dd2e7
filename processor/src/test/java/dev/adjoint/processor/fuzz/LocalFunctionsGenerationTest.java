package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator produces local functions, declared and applied (issue 10). */
class LocalFunctionsGenerationTest {

  @Test
  void generatesLocalLambdasAndTheirCalls() {
    int declared = 0;
    int applied = 0;
    for (long seed = 0; seed < 300; seed++) {
      String java = ProgramGenerator.generate(seed).toJava("P" + seed);
      declared += java.contains("java.util.function.DoubleUnaryOperator fn") ? 1 : 0;
      applied += java.contains(".applyAsDouble(") ? 1 : 0;
    }
    assertTrue(declared >= 10, declared + " programs of 300 declare a local function");
    assertTrue(applied >= 5, applied + " programs of 300 apply a local function");
  }
}
