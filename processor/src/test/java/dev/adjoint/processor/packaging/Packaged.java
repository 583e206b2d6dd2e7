package dev.adjoint.processor.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jars as the build packaged them (the failsafe configuration in processor/pom.xml passes
 * where they are), a user's source, and running a build tool on it as a separate process.
 */
final class Packaged {
  static final String VERSION = property("adjoint.version");
  static final Path ROOT = Path.of(property("adjoint.rootDir"));

  /** A user's class, and its closed-form gradient checked by {@link #checkDemoAdjoint}. */
  static final String DEMO_SOURCE = String.join("\n",
      "package demo;",
      "",
      "import dev.adjoint.Differentiable;",
      "",
      "public final class Demo {",
      "  @Differentiable",
      "  public static double f(double x, double y) {",
      "    return x * x * y + Math.sin(y);",
      "  }",
      "}",
      "");

  private Packaged() {}

  static Path processorJar() {
    return existing(Path.of(property("adjoint.processorJar")));
  }

  static Path reducedPom() {
    return existing(Path.of(property("adjoint.reducedPom")));
  }

  static Path annotationsJar() {
    return moduleJar("annotations");
  }

  static Path runtimeJar() {
    return moduleJar("runtime");
  }

  private static Path moduleJar(String module) {
    return existing(ROOT.resolve(module).resolve("target")
        .resolve("adjoint-" + module + "-" + VERSION + ".jar"));
  }

  static String property(String name) {
    String value = System.getProperty(name);
    assertTrue(value != null && !value.isEmpty(),
        "system property " + name + " is set by failsafe in processor/pom.xml; run mvn verify");
    return value;
  }

  private static Path existing(Path p) {
    assertTrue(Files.isRegularFile(p), p + " does not exist; run mvn verify from the root");
    return p;
  }

  static Path writeDemo(Path sourceRoot) throws IOException {
    Path file = sourceRoot.resolve("demo/Demo.java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, DEMO_SOURCE);
    return file;
  }

  /** Runs a command; its output is in the assertion message if it fails. */
  static void run(Path dir, List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("adjoint-it", ".log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertTrue(done && p.exitValue() == 0,
        String.join(" ", command) + (done ? " failed" : " timed out") + ":\n" + output);
  }

  /** Calls the generated {@code DemoAdjoint.f} and checks it against the closed form. */
  static void checkDemoAdjoint(Path classes) throws Exception {
    URL[] path = {classes.toUri().toURL(), runtimeJar().toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      Class<?> adjoint = loader.loadClass("demo.DemoAdjoint");
      Method f = adjoint.getMethod("f", double.class, double.class);
      double x = 2;
      double y = 3;
      Object gradient = f.invoke(null, x, y);
      assertEquals(x * x * y + Math.sin(y), component(gradient, "value"), 1e-12);
      assertEquals(2 * x * y, component(gradient, "dX"), 1e-12);
      assertEquals(x * x + Math.cos(y), component(gradient, "dY"), 1e-12);
    }
  }

  private static double component(Object record, String name) throws Exception {
    return (double) record.getClass().getMethod(name).invoke(record);
  }
}
