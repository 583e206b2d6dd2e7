package dev.adjoint.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;

/** A successful in-memory compilation with its classes loaded in a private class loader. */
public final class Compiled {

  private final Compilation compilation;
  private final List<JavaSource> sources;
  private final ClassLoader loader;
  private final Map<String, byte[]> classFiles;

  Compiled(Compilation compilation, List<JavaSource> sources, Map<String, byte[]> classFiles) {
    this.compilation = compilation;
    this.sources = List.copyOf(sources);
    this.classFiles = Map.copyOf(classFiles);
    this.loader =
        new InProcessCompiler.MemoryClassLoader(classFiles, Compiled.class.getClassLoader());
  }

  public Compilation compilation() {
    return compilation;
  }

  public List<JavaSource> sources() {
    return sources;
  }

  public ClassLoader classLoader() {
    return loader;
  }

  /** Binary names of every class file the compilation wrote. */
  public List<String> classNames() {
    return new ArrayList<>(classFiles.keySet());
  }

  public Class<?> loadClass(String binaryName) {
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(
          "no class " + binaryName + " among compiled classes " + classNames(), e);
    }
  }

  /** Qualified names of the generated source files ({@code p.FooAdjoint}, ...). */
  public List<String> generatedSourceNames() {
    List<String> names = new ArrayList<>();
    for (JavaFileObject f : compilation.generatedSourceFiles()) {
      String path = f.toUri().getPath();
      int at = path.indexOf("SOURCE_OUTPUT/");
      String rel = at >= 0 ? path.substring(at + "SOURCE_OUTPUT/".length()) : path;
      names.add(rel.replaceFirst("\\.java$", "").replace('/', '.'));
    }
    return names;
  }

  /** The text of the generated source for {@code qualifiedName}, e.g. {@code p.FooAdjoint}. */
  public String generatedSource(String qualifiedName) {
    return findGeneratedSource(qualifiedName)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no generated source " + qualifiedName + "; generated: "
                        + generatedSourceNames()));
  }

  public Optional<String> findGeneratedSource(String qualifiedName) {
    Optional<JavaFileObject> file = compilation.generatedSourceFile(qualifiedName);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(file.get().getCharContent(true).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every generated source, for failure messages. */
  public String describeGenerated() {
    return InProcessCompiler.describeGenerated(compilation);
  }

  /** Warnings and notes the compilation reported. */
  public String describeDiagnostics() {
    return InProcessCompiler.describeDiagnostics(compilation);
  }

  /**
   * The annotated static method {@code methodName} of {@code className} together with its generated
   * counterparts in {@code className + "Adjoint"}.
   */
  public AdjointMethod method(String className, String methodName) {
    return new AdjointMethod(this, loadClass(className), className + "Adjoint", methodName);
  }
}
