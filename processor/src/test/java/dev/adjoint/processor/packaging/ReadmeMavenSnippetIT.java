package dev.adjoint.processor.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a project whose pom is the README's "Adding it to a Maven build" snippet, taken from
 * README.md between its markers (so the two cannot drift), with Maven itself. The reactor's
 * fresh jars and poms are laid out as a file repository the project lists; plugins come from
 * the build's own local repository (and Central when missing), as in a user's build.
 */
class ReadmeMavenSnippetIT {
  static final String START = "<!-- readme-test:maven-snippet:start -->";
  static final String END = "<!-- readme-test:maven-snippet:end -->";

  @Test
  void snippetBuildsAProjectThatGetsItsAdjoint(@TempDir Path dir) throws Exception {
    String snippet = snippet(Files.readString(Packaged.ROOT.resolve("README.md")));
    assertTrue(snippet.contains("<version>" + Packaged.VERSION + "</version>"),
        "the README's snippet names another version than the build's " + Packaged.VERSION);

    Path repository = dir.resolve("repository");
    deploy(repository, "adjoint-parent", Packaged.ROOT.resolve("pom.xml"), null);
    deploy(repository, "adjoint-annotations", Packaged.ROOT.resolve("annotations/pom.xml"),
        Packaged.annotationsJar());
    deploy(repository, "adjoint-runtime", Packaged.ROOT.resolve("runtime/pom.xml"),
        Packaged.runtimeJar());
    deploy(repository, "adjoint-processor", Packaged.reducedPom(), Packaged.processorJar());

    Path project = dir.resolve("project");
    Files.createDirectories(project);
    Files.writeString(project.resolve("pom.xml"), pom(snippet, repository));
    Packaged.writeDemo(project.resolve("src/main/java"));

    List<String> mvn = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q",
        "-Dmaven.repo.local=" + Packaged.property("adjoint.localRepository"), "compile"));
    Packaged.run(project, mvn, 300);
    Packaged.checkDemoAdjoint(project.resolve("target/classes"));
  }

  /** The xml between the markers, without the Markdown fence. */
  static String snippet(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertTrue(start >= 0 && end > start, "README.md lacks the markers " + START + " / " + END);
    String block = readme.substring(start + START.length(), end).strip();
    assertTrue(block.startsWith("```xml") && block.endsWith("```"),
        "the markers must enclose exactly one ```xml block");
    return block.substring("```xml".length(), block.length() - "```".length()).strip();
  }

  private static String pom(String snippet, Path repository) {
    return String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
        "<modelVersion>4.0.0</modelVersion>",
        "<groupId>readme.test</groupId>",
        "<artifactId>readme-snippet</artifactId>",
        "<version>1</version>",
        "<properties>",
        "  <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>",
        "</properties>",
        "<repositories>",
        "  <repository>",
        "    <id>adjoint-under-test</id>",
        "    <url>" + repository.toUri() + "</url>",
        "    <releases><enabled>false</enabled></releases>",
        "    <snapshots><updatePolicy>always</updatePolicy></snapshots>",
        "  </repository>",
        "</repositories>",
        snippet,
        "</project>",
        "");
  }

  /** A Maven 2 repository layout entry: what {@code mvn deploy} would have put there. */
  private static void deploy(Path repository, String artifactId, Path pom, Path jar)
      throws IOException {
    Path dir = repository.resolve("dev/adjoint").resolve(artifactId).resolve(Packaged.VERSION);
    Files.createDirectories(dir);
    String base = artifactId + "-" + Packaged.VERSION;
    Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String mavenExecutable() {
    boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
    Path mvn = Path.of(Packaged.property("maven.home"), "bin", windows ? "mvn.cmd" : "mvn");
    assertTrue(Files.isExecutable(mvn), mvn + " is not executable");
    return mvn.toString();
  }
}
