package dev.adjoint.gradbench.particle;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles one source file with the processor (from the test class path) and returns errors. */
public final class ProcessorRun {
  private ProcessorRun() {
  }

  public static List<String> errors(String className, String source) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("gradbench-probe");
    JavaFileObject file = new SimpleJavaFileObject(
        URI.create("string:///" + className.replace('.', '/') + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
        "-d", out.toString(), "-s", out.toString());
    javac.getTask(null, null, diagnostics, options, null, List.of(file)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(null));
      }
    }
    return errors;
  }
}
