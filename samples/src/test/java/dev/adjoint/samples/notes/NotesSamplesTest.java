package dev.adjoint.samples.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report lines {@link NotesSamples#runAll} gives the lead's {@code Samples.main}. */
class NotesSamplesTest {

  private static final Pattern ERROR =
      Pattern.compile("max \\|generated - closed form\\| = ([0-9.]+e[-+][0-9]+)");

  @Test
  void oneLinePerDerivationEachWithinRounding() {
    List<String> lines = NotesSamples.runAll();
    List<String> labels = new ArrayList<>();
    for (String line : lines) {
      labels.add(line.strip().split(" ")[0]);
      Matcher m = ERROR.matcher(line);
      assertTrue(m.find(), () -> "no error in: " + line);
      double error = Double.parseDouble(m.group(1));
      assertTrue(error < 1e-12, () -> "too large: " + line);
      assertTrue(!line.contains("\n"), "one line");
    }
    assertEquals(
        List.of("1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.", "10.", "11.", "12.", "13.",
            "14.", "+"),
        labels);
  }

  @Test
  void fitsAreAtTheirMinimum() {
    for (String line : NotesSamples.runAll()) {
      Matcher m = Pattern.compile("max \\|gradient\\| at .*: ([0-9.]+e[-+][0-9]+)").matcher(line);
      if (m.find()) {
        assertTrue(Double.parseDouble(m.group(1)) < 1e-12, line);
      }
    }
  }
}
