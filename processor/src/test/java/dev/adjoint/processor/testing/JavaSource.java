package dev.adjoint.processor.testing;

import java.util.Objects;
import javax.tools.JavaFileObject;

/** A Java compilation unit given as text: its fully qualified top-level class name and its source. */
public record JavaSource(String qualifiedName, String text) {

  public JavaSource {
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    Objects.requireNonNull(text, "text");
  }

  /** Joins {@code lines} with newlines. */
  public static JavaSource of(String qualifiedName, String... lines) {
    return new JavaSource(qualifiedName, String.join("\n", lines) + "\n");
  }

  public JavaFileObject toFileObject() {
    return com.google.testing.compile.JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** The text with 1-based line numbers, for failure messages. */
  public String numbered() {
    StringBuilder sb = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return sb.toString();
  }
}
