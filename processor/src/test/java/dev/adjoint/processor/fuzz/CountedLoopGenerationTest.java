package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generator writes counted loops of every shape whose backward sweep derives its trip count
 * ({@link Ast.CountedFor}): triangular (from an enclosing index), descending, stepping by 2 or
 * 3, inclusive; with breaks and reassigned bounds coming from the bodies and bounds it draws.
 */
class CountedLoopGenerationTest {
  private static final Pattern FOR = Pattern.compile(
      "for \\(int (j\\d*) = ([^;]+); (?:Trace\\.\\w+\\()?\\1 (<|<=|>|>=) [^;]+; \\1(\\+\\+|--| \\+= \\d| -= \\d)\\)");

  @Test
  void generatesEveryShape() {
    int triangular = 0;
    int descending = 0;
    int stepped = 0;
    int inclusive = 0;
    int nested = 0;
    for (long seed = 0; seed < 400; seed++) {
      String java = ProgramGenerator.generate(seed).toJava("P" + seed);
      int depth = 0;
      for (String line : java.split("\n")) {
        Matcher m = FOR.matcher(line);
        if (!m.find()) {
          continue;
        }
        triangular += m.group(2).matches(".*[a-z].*") ? 1 : 0;
        descending += m.group(3).startsWith(">") ? 1 : 0;
        stepped += m.group(4).contains("=") ? 1 : 0;
        inclusive += m.group(3).endsWith("=") ? 1 : 0;
        depth = line.indexOf("for") / 2;
        nested += depth >= 4 ? 1 : 0;
      }
    }
    assertTrue(triangular >= 20 && descending >= 20 && stepped >= 20 && inclusive >= 20
        && nested >= 10, triangular + " triangular, " + descending + " descending, " + stepped
        + " stepped, " + inclusive + " inclusive, " + nested + " nested counted loops");
  }
}
