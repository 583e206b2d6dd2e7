package dev.adjoint.processor.packaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Plain javac" command, run as written: the packaged processor jar alone on
 * {@code -processorpath} (JavaPoet shaded into it, the processor found through its
 * META-INF/services entry) must generate an adjoint that compiles and is right.
 */
class PlainJavacIT {

  @Test
  void processorJarStandsAloneOnProcessorPath(@TempDir Path dir) throws Exception {
    Path source = Packaged.writeDemo(dir.resolve("src"));
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
    Packaged.run(dir, List.of(javac,
        "-processorpath", Packaged.processorJar().toString(),
        "-cp", Packaged.annotationsJar() + File.pathSeparator + Packaged.runtimeJar(),
        "-d", out.toString(),
        source.toString()), 120);
    assertTrue(Files.isRegularFile(out.resolve("demo/DemoAdjoint.class")),
        "no adjoint generated: the processor was not found on -processorpath");
    Packaged.checkDemoAdjoint(out);
  }

  @Test
  void javaPoetIsRelocatedAndNotADependencyAnymore() throws Exception {
    try (JarFile jar = new JarFile(Packaged.processorJar().toFile())) {
      assertTrue(jar.stream().anyMatch(
          e -> e.getName().startsWith("dev/adjoint/processor/shaded/javapoet/")));
      assertFalse(jar.stream().anyMatch(e -> e.getName().startsWith("com/palantir/")));
      assertTrue(jar.getEntry("META-INF/services/javax.annotation.processing.Processor") != null);
    }
    // The pom's build section still names JavaPoet (the shade configuration); its dependencies must not.
    Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL)
        .matcher(Files.readString(Packaged.reducedPom()));
    int dependencies = 0;
    while (dependency.find()) {
      dependencies++;
      assertFalse(dependency.group(1).contains("javapoet"),
          "the installed pom must not depend on JavaPoet, it is inside the jar:" + dependency.group());
    }
    assertTrue(dependencies > 0, "no dependencies found in " + Packaged.reducedPom());
  }
}
