package dev.adjoint.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles Java sources in memory with javac and {@link AdjointProcessor}, then loads every class
 * file the compilation produced (the sources' own classes and the generated adjoints) into a
 * fresh class loader.
 *
 * <pre>{@code
 * Compiled c = InProcessCompiler.create()
 *     .withOptions("-Aadjoint.analyses=off")
 *     .compile(JavaSource.of("p.Foo", "package p;", "...")));
 * AdjointMethod f = c.method("p.Foo", "f");
 * ValueAndGradient vg = f.valueAndGradient(1.5, 2.0);
 * }</pre>
 *
 * <p>{@code -parameters} is always passed so the original methods' parameter names are visible by
 * reflection.
 */
public final class InProcessCompiler {

  private final List<String> options = new ArrayList<>(List.of("-parameters"));

  private InProcessCompiler() {}

  public static InProcessCompiler create() {
    return new InProcessCompiler();
  }

  /** Extra javac options, e.g. processor options such as {@code -Aadjoint.analyses=off}. */
  public InProcessCompiler withOptions(String... more) {
    options.addAll(Arrays.asList(more));
    return this;
  }

  public List<String> options() {
    return List.copyOf(options);
  }

  /** Compiles without judging the outcome (for tests that expect errors). */
  public Compilation compileRaw(JavaSource... sources) {
    return compileRaw(Arrays.asList(sources));
  }

  public Compilation compileRaw(List<JavaSource> sources) {
    List<JavaFileObject> files = new ArrayList<>();
    for (JavaSource s : sources) {
      files.add(s.toFileObject());
    }
    return Compiler.javac()
        .withProcessors(new AdjointProcessor())
        .withOptions(options)
        .compile(files);
  }

  /**
   * Compiles and asserts success; on failure the {@link AssertionError} lists every diagnostic, the
   * numbered input sources and every generated source.
   */
  public Compiled compile(JavaSource... sources) {
    return compile(Arrays.asList(sources));
  }

  public Compiled compile(List<JavaSource> sources) {
    Compilation compilation;
    try {
      compilation = compileRaw(sources);
    } catch (RuntimeException | Error e) {
      // The processor threw: javac wraps it; surface the sources with it.
      throw new AssertionError(
          "compilation crashed (processor threw?) with options " + options + "\n"
              + describeSources(sources),
          e);
    }
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError(
          "compilation failed with options " + options + "\n"
              + describeDiagnostics(compilation)
              + describeSources(sources)
              + describeGenerated(compilation));
    }
    return new Compiled(compilation, sources, loadClasses(compilation));
  }

  static String describeDiagnostics(Compilation compilation) {
    StringBuilder sb = new StringBuilder("---- diagnostics ----\n");
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      sb.append(d.getKind()).append(": ");
      if (d.getSource() != null) {
        sb.append(d.getSource().getName()).append(':').append(d.getLineNumber()).append(':')
            .append(d.getColumnNumber()).append(": ");
      }
      sb.append(d.getMessage(null)).append('\n');
    }
    return sb.toString();
  }

  static String describeSources(List<JavaSource> sources) {
    StringBuilder sb = new StringBuilder();
    for (JavaSource s : sources) {
      sb.append("---- input ").append(s.qualifiedName()).append(" ----\n").append(s.numbered());
    }
    return sb.toString();
  }

  static String describeGenerated(Compilation compilation) {
    StringBuilder sb = new StringBuilder();
    List<JavaFileObject> generated;
    try {
      generated = compilation.generatedSourceFiles();
    } catch (IllegalStateException e) {
      return "(generated sources are unavailable after a failed compilation)\n";
    }
    for (JavaFileObject f : generated) {
      sb.append("---- generated ").append(f.getName()).append(" ----\n");
      try {
        sb.append(f.getCharContent(true)).append('\n');
      } catch (IOException e) {
        sb.append("(unreadable: ").append(e).append(")\n");
      }
    }
    return sb.toString();
  }

  private static Map<String, byte[]> loadClasses(Compilation compilation) {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      try (InputStream in = f.openInputStream()) {
        classes.put(binaryName(f), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return classes;
  }

  /** {@code mem:///CLASS_OUTPUT/p/Foo$Bar.class} to {@code p.Foo$Bar}. */
  static String binaryName(JavaFileObject f) {
    String path = f.toUri().getPath();
    String marker = "CLASS_OUTPUT/";
    int at = path.indexOf(marker);
    String rel = at >= 0 ? path.substring(at + marker.length()) : path.replaceFirst("^/+", "");
    if (rel.endsWith(".class")) {
      rel = rel.substring(0, rel.length() - ".class".length());
    }
    return rel.replace('/', '.');
  }

  /** Defines the compiled classes on demand; everything else comes from the test class path. */
  static final class MemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && classes.containsKey(name)) {
          c = findClass(name); // child-first for our own classes
        }
        if (c == null) {
          return super.loadClass(name, resolve);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
