package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generator writes integer bit arithmetic ({@code k & 3}, {@code 1 << (k & 1)}, {@code ^ | >>
 * >>>}, constants such as {@code ~-3}) and non-short-circuit boolean {@code & | ^} in
 * conditions, so the processor's reading and printing of them is fuzzed.
 */
class BitOperatorsGenerationTest {
  private static final Pattern INT_BITS = Pattern.compile("\\((\\w+|\\(.*\\)) (&|<<|>>>?|\\^|\\|) "
      + "(\\d+|\\(.*\\))\\)");
  private static final Pattern EAGER = Pattern.compile("\\) (&|\\||\\^) \\(|\\w (&|\\||\\^) [!\\w(]");

  @Test
  void generatesBitOperators() {
    int ints = 0;
    int eager = 0;
    for (long seed = 0; seed < 600; seed++) {
      String java = ProgramGenerator.generate(seed).toJava("P" + seed);
      ints += INT_BITS.matcher(java).find() ? 1 : 0;
      eager += java.lines().anyMatch(l -> l.contains("if (") && EAGER.matcher(l).find()) ? 1 : 0;
    }
    assertTrue(ints >= 40, ints + " programs of 600 use int bit operators");
    assertTrue(eager >= 20, eager + " programs of 600 use a non-short-circuit boolean operator");
  }
}
