package dev.adjoint.processor.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a Maven Central release needs of the packaged artifacts: a module name, the license and
 * a sources jar for each published jar, the metadata in the parent pom, and a BOM at the same
 * version listing exactly the published artifacts.
 */
class ReleaseArtifactsIT {

  @Test
  void eachJarHasItsModuleNameLicenseAndSources() throws IOException {
    check(Packaged.annotationsJar(), "dev.adjoint.annotations", "dev/adjoint/Differentiable.java");
    check(Packaged.runtimeJar(), "dev.adjoint.runtime", "dev/adjoint/runtime/Stacks.java");
    check(Packaged.processorJar(), "dev.adjoint.processor",
        "dev/adjoint/processor/AdjointProcessor.java");
  }

  private static void check(Path jar, String moduleName, String aSource) throws IOException {
    Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
    assertEquals(1, modules.size(), jar.toString());
    assertEquals(moduleName, modules.iterator().next().descriptor().name(), jar.toString());
    try (JarFile file = new JarFile(jar.toFile())) {
      assertNotNull(file.getEntry("META-INF/LICENSE"), jar + " lacks META-INF/LICENSE");
    }
    String name = jar.getFileName().toString();
    Path sources = jar.resolveSibling(name.substring(0, name.length() - ".jar".length())
        + "-sources.jar");
    assertTrue(Files.isRegularFile(sources), sources + " was not built");
    try (JarFile file = new JarFile(sources.toFile())) {
      assertNotNull(file.getEntry(aSource), sources + " lacks " + aSource);
    }
  }

  /** Found by javac's service loader; not declared incremental to Gradle (see the README). */
  @Test
  void processorJarRegistersTheProcessorOnly() throws IOException {
    try (JarFile file = new JarFile(Packaged.processorJar().toFile())) {
      var services = file.getEntry("META-INF/services/javax.annotation.processing.Processor");
      assertNotNull(services);
      assertEquals("dev.adjoint.processor.AdjointProcessor",
          new String(file.getInputStream(services).readAllBytes()).strip());
      assertEquals(null, file.getEntry("META-INF/gradle/incremental.annotation.processors"));
    }
  }

  @Test
  void parentPomHasTheMetadataCentralAsksFor() throws Exception {
    Element parent = pom(Packaged.ROOT.resolve("pom.xml"));
    for (String tag : List.of("name", "description", "url")) {
      assertFalse(text(parent, tag).isBlank(), "the parent pom lacks <" + tag + ">");
    }
    assertEquals("Apache-2.0", text(child(child(parent, "licenses"), "license"), "name"));
    assertFalse(text(child(child(parent, "developers"), "developer"), "name").isBlank());
    assertTrue(text(child(parent, "scm"), "connection").startsWith("scm:git:"));
    assertTrue(Files.isRegularFile(Packaged.ROOT.resolve("LICENSE")));
    assertTrue(Files.isRegularFile(Packaged.ROOT.resolve("CHANGELOG.md")));
  }

  /** The BOM has no parent (see bom/pom.xml), so what it repeats of the parent is checked. */
  @Test
  void bomListsThePublishedArtifactsAtTheBuildsVersion() throws Exception {
    Element parent = pom(Packaged.ROOT.resolve("pom.xml"));
    Element bom = pom(Packaged.ROOT.resolve("bom/pom.xml"));
    assertEquals(Packaged.VERSION, text(bom, "version"));
    assertEquals(text(parent, "groupId"), text(bom, "groupId"));
    assertEquals("pom", text(bom, "packaging"));
    for (String tag : List.of("url", "licenses", "developers", "scm")) {
      assertEquals(child(parent, tag).getTextContent().strip(),
          child(bom, tag).getTextContent().strip(), "<" + tag + "> differs from the parent's");
    }
    List<String> listed = new ArrayList<>();
    Element dependencies = child(child(bom, "dependencyManagement"), "dependencies");
    for (Node n = dependencies.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element d) {
        assertEquals("dev.adjoint", text(d, "groupId"));
        assertEquals("${project.version}", text(d, "version"));
        listed.add(text(d, "artifactId"));
      }
    }
    assertEquals(List.of("adjoint-annotations", "adjoint-runtime", "adjoint-processor"), listed);
  }

  private static Element pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
        .getDocumentElement();
  }

  /** The first child element called {@code tag}. */
  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    throw new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">");
  }

  private static String text(Element parent, String tag) {
    return child(parent, tag).getTextContent().strip();
  }
}
