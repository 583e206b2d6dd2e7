package dev.adjoint.processor.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * a sources jar for each published jar, the metadata in the parent pom (name, description, url,
 * licenses, developers, scm) and in each published pom (its own name and description, which
 * Maven does not inherit), a BOM at the same version listing exactly the published artifacts,
 * and a {@code release} profile, off by default, that adds Javadoc jars, signs every artifact
 * with GPG and refuses the placeholder {@code <scm>} addresses.
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

  @Test
  void eachPublishedPomHasItsOwnNameAndDescription() throws Exception {
    for (Path pom : List.of(Packaged.ROOT.resolve("annotations/pom.xml"),
        Packaged.ROOT.resolve("runtime/pom.xml"), Packaged.reducedPom(),
        Packaged.ROOT.resolve("bom/pom.xml"))) {
      Element project = pom(pom);
      for (String tag : List.of("name", "description")) {
        assertFalse(text(project, tag).isBlank(), pom + " lacks <" + tag + ">");
      }
    }
  }

  /** Without these attributes each module would publish {@code <url>/adjoint-runtime} etc. */
  @Test
  void modulesInheritTheAddressesUnchanged() throws Exception {
    Element parent = pom(Packaged.ROOT.resolve("pom.xml"));
    assertEquals("false", parent.getAttribute("child.project.url.inherit.append.path"));
    Element scm = child(parent, "scm");
    for (String tag : List.of("url", "connection", "developerConnection")) {
      assertFalse(text(scm, tag).isBlank(), "<scm> lacks <" + tag + ">");
      assertEquals("false", scm.getAttribute("child.scm." + tag + ".inherit.append.path"), tag);
    }
  }

  @Test
  void releaseProfileAddsJavadocSignaturesAndTheScmCheck() throws Exception {
    Element parent = pom(Packaged.ROOT.resolve("pom.xml"));
    Element release = releaseProfile(parent);
    assertNoActivation(release);
    assertEquals("jar", goal(plugin(release, "maven-javadoc-plugin")));
    Element gpg = plugin(release, "maven-gpg-plugin");
    assertEquals("sign", goal(gpg));

    Element rule = child(child(child(child(child(plugin(release, "maven-enforcer-plugin"),
        "executions"), "execution"), "configuration"), "rules"), "requireProperty");
    assertEquals("project.scm.url", text(rule, "property"));
    String regex = text(rule, "regex");
    assertFalse("https://adjoint.dev/source".matches(regex), "the placeholder must be refused");
    assertTrue("https://git.example.org/adjoint".matches(regex), "a real address must pass");

    // The BOM has no parent, so it signs itself, with the same plugin version.
    Element bomRelease = releaseProfile(pom(Packaged.ROOT.resolve("bom/pom.xml")));
    assertNoActivation(bomRelease);
    Element bomGpg = plugin(bomRelease, "maven-gpg-plugin");
    assertEquals("sign", goal(bomGpg));
    assertEquals(text(child(parent, "properties"), "gpg-plugin.version"), text(bomGpg, "version"));
  }

  /** Only after {@code mvn -Prelease verify}: the normal build makes no Javadoc jars. */
  @Test
  void javadocJarsDocumentTheApiWhenBuilt() throws IOException {
    Path annotations = javadocJar(Packaged.annotationsJar());
    assumeTrue(Files.isRegularFile(annotations), "no Javadoc jars: built without -Prelease");
    javadocHas(annotations, "dev/adjoint/Differentiable.html");
    javadocHas(javadocJar(Packaged.runtimeJar()), "dev/adjoint/runtime/GradientCheck.html");
    javadocHas(javadocJar(Packaged.processorJar()),
        "dev/adjoint/processor/AdjointProcessor.html");
  }

  private static Path javadocJar(Path jar) {
    String name = jar.getFileName().toString();
    return jar.resolveSibling(name.substring(0, name.length() - ".jar".length())
        + "-javadoc.jar");
  }

  private static void javadocHas(Path javadoc, String page) throws IOException {
    assertTrue(Files.isRegularFile(javadoc), javadoc + " was not built");
    try (JarFile file = new JarFile(javadoc.toFile())) {
      assertNotNull(file.getEntry("index.html"), javadoc + " lacks index.html");
      // Javadoc lays the pages out under the module name when there is one.
      assertTrue(file.stream().anyMatch(e -> e.getName().equals(page)
          || e.getName().endsWith("/" + page)), javadoc + " lacks " + page);
    }
  }

  private static Element releaseProfile(Element project) {
    Element profiles = child(project, "profiles");
    for (Node n = profiles.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element p && text(p, "id").equals("release")) {
        return p;
      }
    }
    throw new AssertionError("no release profile");
  }

  private static void assertNoActivation(Element profile) {
    for (Node n = profile.getFirstChild(); n != null; n = n.getNextSibling()) {
      assertFalse(n instanceof Element e && e.getTagName().equals("activation"),
          "the release profile must stay off by default");
    }
  }

  private static Element plugin(Element profile, String artifactId) {
    Element plugins = child(child(profile, "build"), "plugins");
    for (Node n = plugins.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element p && text(p, "artifactId").equals(artifactId)) {
        return p;
      }
    }
    throw new AssertionError("the release profile lacks " + artifactId);
  }

  /** The goal of a plugin's one execution. */
  private static String goal(Element plugin) {
    return text(child(child(child(plugin, "executions"), "execution"), "goals"), "goal");
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
