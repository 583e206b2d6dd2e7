package dev.adjoint.processor;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Prints what Adjoint generates for the {@code @Differentiable} methods of some {@code .java}
 * files, or the errors it reports there, without writing any file:
 *
 * <pre>
 * java -jar adjoint-processor.jar -cp adjoint-annotations.jar:adjoint-runtime.jar \
 *     [-Aadjoint.analyses=off] Foo.java ...
 * </pre>
 *
 * (or {@code java -cp <all three jars> dev.adjoint.processor.Viewer ...}).
 *
 * The files are compiled with javac and the processor in memory; each generated source is
 * printed after a {@code // path} line, and errors go to standard error as javac prints them.
 * The exit status is 0 when the files compile, 1 when they do not, 2 for a usage error.
 */
public final class Viewer {
  private static final String USAGE = "usage: java -jar adjoint-processor.jar"
      + " -cp <annotations and runtime jars> [-A<option>=<value>]... [-sourcepath <path>]"
      + " File.java...";

  private Viewer() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** What {@link #main} does, with its streams given; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> options = new ArrayList<>();
    Set<String> classPath = new LinkedHashSet<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("-A")) {
        options.add(a);
      } else if (List.of("-cp", "-classpath", "--class-path", "-sourcepath").contains(a)
          && i + 1 < args.length) {
        if (a.equals("-sourcepath")) {
          options.add(a);
          options.add(args[++i]);
        } else {
          classPath.add(args[++i]);
        }
      } else if (a.endsWith(".java") && !a.startsWith("-")) {
        files.add(Path.of(a));
      } else {
        err.println(a.equals("-h") || a.equals("--help") ? USAGE : "unknown argument " + a
            + "\n" + USAGE);
        return 2;
      }
    }
    if (files.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        err.println("no such file: " + f);
        return 2;
      }
    }
    classPath.addAll(defaultClassPath());
    options.add("-classpath");
    options.add(String.join(File.pathSeparator, classPath));
    return compile(files, options, out, err);
  }

  private static int compile(List<Path> files, List<String> options, PrintStream out,
      PrintStream err) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      err.println("no Java compiler in this runtime: run the viewer with a JDK's java");
      return 2;
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
    try (MemoryOutput memory = new MemoryOutput(standard)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, memory, diagnostics, options,
          null, standard.getJavaFileObjectsFromPaths(files));
      task.setProcessors(List.of(new AdjointProcessor()));
      task.setLocale(Locale.ROOT);
      boolean compiled = task.call();
      for (Map.Entry<String, String> source : memory.generatedSources().entrySet()) {
        out.println("// " + source.getKey());
        out.print(source.getValue());
      }
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.NOTE) {
          err.println(DiagnosticText.of(d));
        }
      }
      return compiled ? 0 : 1;
    } catch (IOException e) {
      err.println("cannot read the sources: " + e.getMessage());
      return 2;
    }
  }

  /**
   * This JVM's class path, and where the annotations and the runtime were loaded from (under
   * {@code mvn exec:java} the class path is Maven's own), so user files compile as they are.
   */
  private static List<String> defaultClassPath() {
    List<String> path = new ArrayList<>();
    String own = System.getProperty("java.class.path");
    if (own != null && !own.isEmpty()) {
      path.add(own);
    }
    for (String name : List.of("dev.adjoint.Differentiable", "dev.adjoint.runtime.Stacks")) {
      try {
        CodeSource source = Class.forName(name, false, Viewer.class.getClassLoader())
            .getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
          path.add(Path.of(source.getLocation().toURI()).toString());
        }
      } catch (ClassNotFoundException | java.net.URISyntaxException | SecurityException e) {
        // not on this class path: the user names it with -cp
      }
    }
    return path;
  }
}
