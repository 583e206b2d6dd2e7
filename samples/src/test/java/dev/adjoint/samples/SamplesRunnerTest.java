package dev.adjoint.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SamplesRunnerTest {

  private static final String TIME = "(\\d[0-9.]*) (?:ns|us|ms|s)";

  private static final Pattern SUMMARY =
      Pattern.compile(
          "  timing    gradient " + TIME + ", primal " + TIME + ", finite differences " + TIME
              + " \\(rough: median of 7 after warm-up, not JMH\\)\\R"
              + "  source    (samples/target/generated-sources/annotations/\\S+Adjoint\\.java)");

  @Test
  void selectsOneSampleByName() {
    List<Samples.Sample> chosen = Samples.select("iris");
    assertEquals(1, chosen.size());
    assertEquals("iris", chosen.get(0).name());
  }

  @Test
  void allOrNoNameSelectsEverySampleAndNamesAreUnique() {
    assertEquals(Samples.SAMPLES, Samples.select("all"));
    assertEquals(Samples.SAMPLES, Samples.select(""));
    var names = new HashSet<String>();
    Samples.SAMPLES.forEach(s -> assertTrue(names.add(s.name()), s.name()));
    assertFalse(names.contains("all") || names.contains("list"));
  }

  @Test
  void rejectsAnUnknownNameWithTheList() {
    var e = assertThrows(IllegalArgumentException.class, () -> Samples.select("irsi"));
    assertTrue(e.getMessage().startsWith("unknown sample 'irsi'"), e.getMessage());
    for (Samples.Sample s : Samples.SAMPLES) {
      assertTrue(e.getMessage().contains("  " + s.name() + " "), s.name());
    }
  }

  @Test
  void listPrintsEveryName() {
    String out = SampleOutput.of("list");
    for (Samples.Sample s : Samples.SAMPLES) {
      assertTrue(out.contains(s.name()), s.name());
    }
    assertFalse(out.contains("timing"));
  }

  @Test
  void runsOnlyTheChosenSampleAndEndsWithItsSummary() {
    String out = SampleOutput.of("rosenbrock");
    assertTrue(out.startsWith("Rosenbrock at (x, y) = (-1.2, 1)"), out);
    assertTrue(out.contains("max relative error vs finite differences"), out);
    assertFalse(out.contains("Logistic"), out);
    Matcher m = SUMMARY.matcher(out);
    assertTrue(m.find(), out);
    assertEquals(
        "samples/target/generated-sources/annotations/dev/adjoint/samples/RosenbrockAdjoint.java",
        m.group(4));
    assertFalse(m.find(), "one summary: " + out);
  }

  @Test
  void summaryHasPositiveTimingsAndAnExistingSourcePath() {
    double[] p = {-1.2, 1.0};
    String line =
        SampleTiming.summary(
            Rosenbrock.class,
            () -> RosenbrockAdjoint.rosenbrock(p[0], p[1]).dX(),
            () -> Rosenbrock.rosenbrock(p[0], p[1]),
            () -> Rosenbrock.rosenbrock(p[0] + 1e-6, p[1]) - Rosenbrock.rosenbrock(p[0], p[1]));
    Matcher m = SUMMARY.matcher(line);
    assertTrue(m.matches(), line);
    for (int g = 1; g <= 3; g++) {
      assertTrue(Double.parseDouble(m.group(g)) > 0, line);
    }
    // Tests run in the samples module; the path is written from the repository's root.
    assertTrue(Files.exists(Path.of(m.group(4).substring("samples/".length()))), m.group(4));
  }

  @Test
  void durationsKeepThreeDigitsInASensibleUnit() {
    assertEquals("17.0 ns", SampleTiming.duration(17));
    assertEquals("5.41 us", SampleTiming.duration(5_410));
    assertEquals("38.6 ms", SampleTiming.duration(38_600_000));
    assertEquals("1.00 us", SampleTiming.duration(999.7));
    assertEquals("2.50 s", SampleTiming.duration(2.5e9));
  }

  @Test
  void generatedSourceOfANestedPackage() {
    assertEquals(
        "samples/target/generated-sources/annotations/dev/adjoint/samples/finance/"
            + "BlackScholesAdjoint.java",
        SampleTiming.generatedSource(dev.adjoint.samples.finance.BlackScholes.class));
  }
}
