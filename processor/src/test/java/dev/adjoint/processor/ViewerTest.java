package dev.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer prints exactly what the processor generates, or the errors, and writes nothing. */
class ViewerTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private record Run(int status, String out, String err) {}

  private static Run view(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Viewer.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static String golden(String name) throws IOException {
    return Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void printsTheGoldenOfTheReadmesExampleAndWritesNothing(@TempDir Path dir) throws IOException {
    Path source = Files.copy(GOLDEN.resolve("Logistic.java"), dir.resolve("Logistic.java"));
    Run run = view(source.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("// golden/LogisticAdjoint.java\n" + golden("LogisticAdjoint.java.txt"),
        run.out());
    assertEquals("", run.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(source), files.toList());
    }
  }

  @Test
  void passesProcessorOptions() throws IOException {
    Run run = view("-Aadjoint.analyses=off", GOLDEN.resolve("Loop.java").toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("// golden/LoopAdjoint.java\n" + golden("LoopAnalysesOffAdjoint.java.txt"),
        run.out());
  }

  @Test
  void printsEveryGeneratedClassInOrder() throws IOException {
    Run run = view(GOLDEN.resolve("Records.java").toString());
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("// golden/Records_MlpBar.java\n"
        + golden("Records_MlpBar.java.txt")), run.out());
    assertTrue(run.out().contains("// golden/RecordsAdjoint.java\n"
        + golden("RecordsAdjoint.java.txt")), run.out());
  }

  @Test
  void printsPositionedErrors(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("Bad.java");
    Files.writeString(source, String.join("\n",
        "import dev.adjoint.Differentiable;",
        "final class Bad {",
        "  @Differentiable",
        "  static double f(double x) {",
        "    double y = Math.random() * x;",
        "    return y;",
        "  }",
        "}", ""));
    Run run = view(source.toString());
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith(source + ":5: error: [adjoint.call] no derivative rule for"
        + " Math.random()"), run.err());
    assertTrue(run.err().contains("\n    double y = Math.random() * x;\n"
        + "                          ^\n"), run.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(source), files.toList());
    }
  }

  @Test
  void usageErrors() {
    assertEquals(2, view().status());
    assertEquals(2, view("--frobnicate", "A.java").status());
    Run missing = view("NoSuchFile.java");
    assertEquals(2, missing.status());
    assertEquals("no such file: NoSuchFile.java\n", missing.err());
  }
}
