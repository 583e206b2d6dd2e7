package dev.adjoint.processor.guarantees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
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
 * A class handed to javac for annotation processing only, as a class file (javac's class-name
 * arguments; Gradle's incremental mode does this for unchanged classes): it has no method
 * bodies, so each annotated method is an error instead of a silently empty adjoint class.
 */
class ClassFileInputTest {

  @Test
  void annotatedMethodOfAClassFileIsAnError(@TempDir Path dir) throws IOException {
    Path source = dir.resolve("src/p/Foo.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "public final class Foo {",
        "  @Differentiable public static double f(double x) { return x * Math.sin(x); }",
        "}", ""));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    String classPath = System.getProperty("java.class.path");

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      assertTrue(javac.getTask(null, files, null,
          List.of("-proc:none", "-cp", classPath, "-d", classes.toString()), null,
          files.getJavaFileObjects(source)).call());

      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      var task = javac.getTask(null, files, diagnostics,
          List.of("-cp", classes + java.io.File.pathSeparator + classPath,
              "-d", classes.toString(), "-s", generated.toString()),
          List.of("p.Foo"), List.of());
      task.setProcessors(List.of(new AdjointProcessor()));
      assertFalse(task.call());
      List<String> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(null)).toList();
      assertEquals(List.of("[adjoint.body] @Differentiable method f is read from a class file,"
          + " not from source; Adjoint differentiates method bodies, so compile p.Foo from its"
          + " source in this javac run"), errors);
      assertFalse(Files.exists(generated.resolve("p/FooAdjoint.java")));
    }
  }
}
