package dev.adjoint.processor.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's viewer command on the packaged jar: {@code java -jar} with -cp for the rest. */
class ViewerIT {

  @Test
  void jarRunsTheViewer(@TempDir Path dir) throws Exception {
    Path source = Packaged.writeDemo(dir.resolve("src"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-jar", Packaged.processorJar().toString(),
        "-cp", Packaged.annotationsJar() + File.pathSeparator + Packaged.runtimeJar(),
        source.toString())).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.startsWith("// demo/DemoAdjoint.java\npackage demo;\n"), output);
    assertTrue(output.contains("public static double fPullback(double x, double y,"), output);
    try (var files = Files.list(source.getParent())) {
      assertEquals(List.of(source), files.toList(), "the viewer wrote files");
    }
  }
}
