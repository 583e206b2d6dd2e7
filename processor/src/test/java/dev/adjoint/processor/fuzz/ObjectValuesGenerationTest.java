package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generator produces enum and String parameters, compared and switched on (issue 10). */
class ObjectValuesGenerationTest {

  @Test
  void generatesEnumAndStringParametersWithSwitchesAndComparisons() {
    int[] seen = new int[6];
    for (long seed = 0; seed < 1000; seed++) {
      String java = ProgramGenerator.generate(seed).toJava("P" + seed);
      seen[0] += java.contains("java.math.RoundingMode mode") ? 1 : 0;
      seen[1] += java.contains("String norm") ? 1 : 0;
      seen[2] += java.contains("switch (mode)") ? 1 : 0;
      seen[3] += java.contains("switch (norm)") ? 1 : 0;
      seen[4] += java.contains("mode == java.math.RoundingMode.")
          || java.contains("mode != java.math.RoundingMode.") ? 1 : 0;
      seen[5] += java.contains(".equals(norm)") || java.contains("norm.equals(") ? 1 : 0;
    }
    for (int k = 0; k < seen.length; k++) {
      assertTrue(seen[k] >= 5, "form " + k + " generated " + seen[k] + " times in 1000 programs");
    }
  }
}
