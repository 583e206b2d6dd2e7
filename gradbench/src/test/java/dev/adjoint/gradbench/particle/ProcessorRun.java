package dev.adjoint.gradbench.particle;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles sources with the processor (from the test class path) and returns the errors. */
public final class ProcessorRun {
  private ProcessorRun() {
  }

  public static List<String> errors(String className, String source) throws IOException {
    return compile(Files.createTempDirectory("gradbench-probe"), "", Map.of(className, source));
  }

  /**
   * Compiles {@code sources} (class name to text) into {@code out}, generated sources too, with
   * {@code extraClassPath} (may be empty) before the test class path; returns the errors.
   */
  public static List<String> compile(Path out, String extraClassPath, Map<String, String> sources)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> files = new ArrayList<>();
    sources.forEach((className, source) -> files.add(new SimpleJavaFileObject(
        URI.create("string:///" + className.replace('.', '/') + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    }));
    String classPath = (extraClassPath.isEmpty() ? "" : extraClassPath + File.pathSeparator)
        + System.getProperty("java.class.path");
    List<String> options = List.of("-classpath", classPath, "-d", out.toString(), "-s",
        out.toString());
    javac.getTask(null, null, diagnostics, options, null, files).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(null));
      }
    }
    return errors;
  }
}
