package dev.adjoint.processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * A file manager that keeps everything javac writes (classes, generated sources, resources) in
 * memory, for the {@link Viewer}: it reads the user's files from disk and writes nothing.
 */
final class MemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
  /** Generated sources by path ({@code p/FooAdjoint.java}), in the order they were created. */
  private final Map<String, MemoryFile> sources = new LinkedHashMap<>();

  MemoryOutput(StandardJavaFileManager files) {
    super(files);
  }

  @Override
  public JavaFileObject getJavaFileForOutput(Location location, String className,
      JavaFileObject.Kind kind, FileObject sibling) {
    String path = className.replace('.', '/') + kind.extension;
    MemoryFile file = new MemoryFile(URI.create("mem:///" + location.getName() + "/" + path),
        kind);
    if (location == StandardLocation.SOURCE_OUTPUT) {
      sources.put(path, file);
    }
    return file;
  }

  @Override
  public FileObject getFileForOutput(Location location, String packageName, String relativeName,
      FileObject sibling) {
    String path = (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/")
        + relativeName;
    return new MemoryFile(URI.create("mem:///" + location.getName() + "/" + path),
        JavaFileObject.Kind.OTHER);
  }

  @Override
  public boolean isSameFile(FileObject a, FileObject b) {
    return a instanceof MemoryFile || b instanceof MemoryFile ? a.equals(b)
        : super.isSameFile(a, b);
  }

  /** The generated sources' text by path, in the order they were created. */
  Map<String, String> generatedSources() {
    Map<String, String> out = new LinkedHashMap<>();
    sources.forEach((path, file) -> out.put(path, file.text()));
    return out;
  }

  /** A file whose content is the bytes written to it. */
  private static final class MemoryFile extends SimpleJavaFileObject {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    MemoryFile(URI uri, Kind kind) {
      super(uri, kind);
    }

    @Override
    public OutputStream openOutputStream() {
      bytes.reset();
      return bytes;
    }

    @Override
    public InputStream openInputStream() {
      return new ByteArrayInputStream(bytes.toByteArray());
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text();
    }

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
