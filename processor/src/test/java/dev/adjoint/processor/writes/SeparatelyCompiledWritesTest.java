package dev.adjoint.processor.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.AdjointProcessor;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @Differentiable} method that writes into its array parameter, compiled in one javac
 * run, called from another: its generated pullback carries {@code @WritesArrays}, and the
 * caller is refused at the call (its pullback would run the callee again on the arrays the
 * first run changed, a wrong gradient). A callee that writes nothing is called as before.
 */
class SeparatelyCompiledWritesTest {
  private static final String CALLEE = String.join("\n",
      "package p;",
      "import dev.adjoint.Differentiable;",
      "public final class A {",
      "  @Differentiable",
      "  public static double scaled(double[] x, double w) {",
      "    double s = 0;",
      "    for (int i = 0; i < x.length; i++) {",
      "      x[i] = x[i] * w;",
      "      s += x[i] * x[i];",
      "    }",
      "    return s;",
      "  }",
      "  @Differentiable",
      "  public static double norm(double[] x, double w) {",
      "    double s = 0;",
      "    for (double v : x) {",
      "      s += v * v * w;",
      "    }",
      "    return s;",
      "  }",
      "}", "");

  private static String caller(String callee) {
    return String.join("\n",
        "package q;",
        "import dev.adjoint.Differentiable;",
        "public final class B {",
        "  @Differentiable",
        "  public static double f(double[] x, double w) {",
        "    double[] y = x.clone();",
        "    double a = p.A." + callee + "(y, w);",
        "    return a + y[0];",
        "  }",
        "}", "");
  }

  @Test
  void writingCalleeFromAClassFileIsRefusedAtTheCall(@TempDir Path dir) throws IOException {
    List<String> errors = compileCaller(dir, "scaled");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("B.java:7: "), errors.get(0)); // the call's line
    assertTrue(errors.get(0).contains("calling scaled here is not supported in a"
        + " @Differentiable method; it writes into its array parameter x (its generated"
        + " AAdjoint.scaledPullback says so), and its source is not part of this compilation"),
        errors.get(0));
  }

  @Test
  void calleeWritingNothingIsCalled(@TempDir Path dir) throws Exception {
    assertEquals(List.of(), compileCaller(dir, "norm"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {
        dir.resolve("callee").toUri().toURL(), dir.resolve("caller").toUri().toURL()},
        getClass().getClassLoader())) {
      Class<?> adjoint = loader.loadClass("q.BAdjoint");
      Object g = adjoint.getMethod("f", double[].class, double.class)
          .invoke(null, new double[] {0.5, -0.3}, 1.5);
      double dW = (double) g.getClass().getMethod("dW").invoke(g);
      assertEquals(0.25 + 0.09, dW, 1e-12); // d/dw of w·|x|² + x0
    }
  }

  /** Compiles A, then B against A's class files; the errors of the second run, with lines. */
  private static List<String> compileCaller(Path dir, String callee) throws IOException {
    Path a = write(dir.resolve("src/p/A.java"), CALLEE);
    Path b = write(dir.resolve("src/q/B.java"), caller(callee));
    Path first = Files.createDirectories(dir.resolve("callee"));
    Path second = Files.createDirectories(dir.resolve("caller"));
    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      var one = javac.getTask(null, files, null, List.of("-cp", classPath, "-d",
          first.toString(), "-s", first.toString()), null, files.getJavaFileObjects(a));
      one.setProcessors(List.of(new AdjointProcessor()));
      assertTrue(one.call());
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      var two = javac.getTask(null, files, diagnostics, List.of("-cp",
          first + File.pathSeparator + classPath, "-d", second.toString(), "-s",
          second.toString()), null, files.getJavaFileObjects(b));
      two.setProcessors(List.of(new AdjointProcessor()));
      two.call();
      return diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> "B.java:" + d.getLineNumber() + ": " + d.getMessage(null)).toList();
    }
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
