package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generator calls every void helper of {@link WritingHelpers}, in loops too, sometimes with
 * the same array for both array parameters and with the entry point's parameters written.
 */
class WritingHelpersGenerationTest {

  @Test
  void generatesCallsOfVoidHelpersWritingIntoTheirArguments() {
    Set<String> called = new TreeSet<>();
    int programs = 0;
    int sameArray = 0;
    int parameters = 0;
    Pattern twice = Pattern.compile("wr[A-Za-z]+\\(((?!v\\b)\\w+), \\1, ");
    Pattern intoParameter = Pattern.compile("wr[A-Za-z]+\\(\\w+, a\\d, ");
    for (long seed = 1; seed <= 300; seed++) {
      Program p = ProgramGenerator.generate(seed);
      Set<String> used = WritingHelpers.used(p);
      called.addAll(used);
      programs += used.isEmpty() ? 0 : 1;
      String java = p.toJava("W");
      sameArray += twice.matcher(java).find() ? 1 : 0;
      parameters += intoParameter.matcher(java).find() ? 1 : 0;
    }
    assertEquals(new TreeSet<>(WritingHelpers.names()), called);
    assertTrue(programs >= 20, programs + " of 300 programs call a writing helper");
    assertTrue(sameArray >= 5, sameArray + " of 300 pass one array for both");
    assertTrue(parameters >= 5, parameters + " of 300 write into a parameter through a call");
  }
}
