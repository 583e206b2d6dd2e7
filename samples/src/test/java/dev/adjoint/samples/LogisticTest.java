package dev.adjoint.samples;

import static dev.adjoint.samples.Check.agreesWithFiniteDifferences;
import static dev.adjoint.samples.Check.close;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The README's example: its text is this sample's, and its gradient the seeds' backward pass. */
class LogisticTest {

  // Tests run in the samples module.
  private static final Path README = Path.of("../README.md");
  private static final Path SAMPLE = Path.of("src/main/java/dev/adjoint/samples/Logistic.java");
  private static final Path GOLDEN_DIR = Path.of("../processor/src/test/resources/golden");
  private static final Path GENERATED =
      Path.of("target/generated-sources/annotations/dev/adjoint/samples/LogisticAdjoint.java");

  /** The README's "You write" block, without its fences. */
  private static String readmeExample() throws IOException {
    String readme = read(README);
    String start = "<!-- readme-test:logistic-sample:start -->\n```java\n";
    String end = "```\n<!-- readme-test:logistic-sample:end -->";
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    assertTrue(from >= 0 && to > from, "README.md lost its logistic-sample markers");
    return readme.substring(from + start.length(), to);
  }

  @Test
  void theReadmeExampleIsThisSampleAndTheGoldenBelowTheirPackageLines() throws IOException {
    String example = readmeExample();
    assertEquals("package dev.adjoint.samples;\n\n" + example, read(SAMPLE),
        "samples/.../Logistic.java must be the README's Example block under its package line");
    assertEquals("package golden;\n\n" + example, read(GOLDEN_DIR.resolve("Logistic.java")),
        "the golden Logistic.java must be the README's Example block under its package line");
  }

  @Test
  void theGeneratedPullbackIsTheGoldensTheReadmeShows() throws IOException {
    // Same code, same line numbers: what the README prints is what this build generated (the
    // Javadoc above differs only in where the longer package name wraps it).
    assertEquals(pullback(read(GOLDEN_DIR.resolve("LogisticAdjoint.java.txt"))),
        pullback(read(GENERATED)));
  }

  /** The text of {@code lossPullback}, from its signature to its closing brace. */
  private static String pullback(String source) {
    int from = source.indexOf("    public static double lossPullback(");
    int to = source.indexOf("\n    }\n", from);
    assertTrue(from >= 0 && to > from, source);
    return source.substring(from, to);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  /**
   * The seeds' backward pass, by hand: for {@code z = w x + b}, {@code y = σ(z)}, {@code L = ½ (y
   * − t)²}, {@code R = ½ w²}, {@code ℒ = L + λ R} it is {@code R̄ = λ}, {@code L̄ = 1}, {@code ȳ =
   * y − t}, {@code z̄ = ȳ σ'(z) = ȳ y (1 − y)}, {@code w̄ = z̄ x + R̄ w}, {@code b̄ = z̄}.
   */
  private static double[] closedForm(double w, double b, double x, double t, double lambda) {
    double s = 1 / (1 + Math.exp(-(w * x + b)));
    double zbar = (s - t) * s * (1 - s);
    return new double[] {zbar * x + lambda * w, zbar};
  }

  @Test
  void valueAndGradientMatchTheBackwardPass() {
    Random random = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      double w = 6 * random.nextDouble() - 3;
      double b = 4 * random.nextDouble() - 2;
      double x = 4 * random.nextDouble() - 2;
      double t = random.nextBoolean() ? 1.0 : 0.0;
      double lambda = random.nextDouble();
      var g = LogisticAdjoint.loss(w, b, x, t, lambda);
      double[] expected = closedForm(w, b, x, t, lambda);
      close(Logistic.loss(w, b, x, t, lambda), g.value(), "value");
      close(expected[0], g.dW(), "dW");
      close(expected[1], g.dB(), "dB");
      close(expected, g.gradient(), "gradient()");
      agreesWithFiniteDifferences(
          v -> Logistic.loss(v[0], v[1], x, t, lambda),
          new double[] {w, b},
          g.gradient());
    }
  }

  @Test
  void knownPoint() {
    // w = b = 0: z = 0, y = 1/2; with t = 1, ybar = -1/2, zbar = -1/8, so dW = -x/8 and dB = -1/8.
    var g = LogisticAdjoint.loss(0, 0, 2.0, 1.0, 0.5);
    close(0.125, g.value(), "value");
    close(-0.25, g.dW(), "dW");
    close(-0.125, g.dB(), "dB");
  }

  @Test
  void regularizationTermOnlyTouchesTheWeight() {
    double w = 0.7;
    double b = -0.2;
    var without = LogisticAdjoint.loss(w, b, 1.3, 0.0, 0.0);
    var with = LogisticAdjoint.loss(w, b, 1.3, 0.0, 2.0);
    close(without.dW() + 2.0 * w, with.dW(), "dW");
    close(without.dB(), with.dB(), "dB");
    close(without.value() + 2.0 * 0.5 * w * w, with.value(), "value");
  }

  @Test
  void pullbackAddsSeedTimesGradient() {
    Random random = new Random(4);
    for (int trial = 0; trial < 20; trial++) {
      double w = 6 * random.nextDouble() - 3;
      double b = 4 * random.nextDouble() - 2;
      double x = 4 * random.nextDouble() - 2;
      double seed = 4 * random.nextDouble() - 2;
      double[] grad = {1.5, -2.5};
      double value = LogisticAdjoint.lossPullback(w, b, x, 1.0, 0.3, seed, grad);
      double[] expected = closedForm(w, b, x, 1.0, 0.3);
      close(Logistic.loss(w, b, x, 1.0, 0.3), value, "value");
      close(1.5 + seed * expected[0], grad[0], "grad[0]");
      close(-2.5 + seed * expected[1], grad[1], "grad[1]");
    }
  }
}
