package dev.adjoint.samples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.samples.SampleOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each training sample writes its loss curve, prints where, and the curve goes down. */
class SamplePlotsTest {

  private static final Pattern PLOT = Pattern.compile("^  plot      (\\S+\\.svg)$",
      Pattern.MULTILINE);

  @TempDir static Path plots;

  @BeforeAll
  static void writeIntoATemporaryDirectory() {
    System.setProperty("adjoint.samples.plots", plots.toString());
  }

  @AfterAll
  static void restore() {
    System.clearProperty("adjoint.samples.plots");
  }

  @ParameterizedTest
  @ValueSource(strings = {"descent", "least-squares", "extended-rosenbrock", "iris", "gp",
      "ridge"})
  void writesItsLossCurveAndPrintsThePath(String sample) throws Exception {
    String out = SampleOutput.of(sample);
    Matcher m = PLOT.matcher(out);
    assertTrue(m.find(), out);
    Path file = Path.of(m.group(1));
    assertEquals(plots.resolve(sample + "-loss.svg").toAbsolutePath(), file.toAbsolutePath());
    var doc = LossPlotTest.parse(Files.readString(file, StandardCharsets.UTF_8));
    for (String label : List.of("title", "x-label", "y-label")) {
      assertTrue(!LossPlotTest.text(doc, label).isBlank(), sample + ": " + label);
    }
    assertTrue(LossPlotTest.texts(doc, "y-tick").size() >= 2, sample);
    List<Double> y = LossPlotTest.Curve.of(doc).y();
    // Pixel rows grow downwards: the last point lower on the chart than the first.
    assertTrue(y.get(y.size() - 1) > y.get(0) + 100, sample + ": " + y);
  }

  @Test
  void theReadmesCopyOfTheIrisPlotIsCurrent() throws Exception {
    SampleOutput.of("iris");
    // Tests run in the samples module.
    assertArrayEquals(Files.readAllBytes(Path.of("../docs/iris-loss.svg")),
        Files.readAllBytes(plots.resolve("iris-loss.svg")),
        "docs/iris-loss.svg is stale: run the iris sample and copy"
            + " samples/target/plots/iris-loss.svg to docs/");
  }
}
