package dev.adjoint.processor.kernels;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.numeric.ArraySuite;
import dev.adjoint.processor.testing.QualifiedCalls;
import dev.adjoint.runtime.LinearAlgebra;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every runtime kernel, a public static {@code f} of a {@code dev.adjoint.runtime} class with a
 * public static {@code fPullback} beside it (what {@code CalleeResolver} takes for a kernel), is
 * called by a numeric case of {@link KernelCases}, which {@link KernelGradientTest} runs. A
 * kernel added without a case fails here with its name.
 */
class KernelCoverageTest {

  private static final String PACKAGE = "dev.adjoint.runtime";

  @Test
  void everyKernelHasANumericCase() throws Exception {
    Set<String> kernels = kernels();
    assertFalse(kernels.isEmpty(), "found no kernels in " + PACKAGE);
    Set<String> missing = new TreeSet<>(kernels);
    missing.removeAll(QualifiedCalls.of(
        List.of(ArraySuite.of("adjtest.kernels.Coverage").add(KernelCases.all()).source())));
    assertTrue(missing.isEmpty(),
        "kernels with a pullback that no numeric case calls; add one to KernelCases: " + missing);
  }

  /** {@code Owner.f/arity} of every kernel in the runtime package. */
  private static Set<String> kernels() throws IOException, URISyntaxException,
      ClassNotFoundException {
    Set<String> keys = new TreeSet<>();
    for (Class<?> c : runtimeClasses()) {
      for (Method f : c.getMethods()) {
        if (isPublicStatic(f) && hasPullback(c, f.getName())) {
          keys.add(QualifiedCalls.key(c.getSimpleName(), f.getName(), f.getParameterCount()));
        }
      }
    }
    return keys;
  }

  private static boolean hasPullback(Class<?> c, String name) {
    return Stream.of(c.getMethods())
        .anyMatch(m -> isPublicStatic(m) && m.getName().equals(name + "Pullback"));
  }

  private static boolean isPublicStatic(Method m) {
    return Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers());
  }

  /** The top-level classes of the runtime package, from its classes directory or jar. */
  private static List<Class<?>> runtimeClasses() throws IOException, URISyntaxException,
      ClassNotFoundException {
    Path location =
        Path.of(LinearAlgebra.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String dir = PACKAGE.replace('.', '/') + "/";
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.list(location.resolve(dir))) {
        files.forEach(p -> entries.add(dir + p.getFileName()));
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        jar.stream().forEach(e -> entries.add(e.getName()));
      }
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String e : entries) {
      String rest = e.startsWith(dir) ? e.substring(dir.length()) : "";
      if (rest.endsWith(".class") && !rest.contains("/") && !rest.contains("$")) {
        classes.add(Class.forName(PACKAGE + "." + rest.substring(0, rest.length() - 6)));
      }
    }
    return classes;
  }
}
