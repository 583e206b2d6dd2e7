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

  /**
   * Class {@code Rejected} of {@code pkg} importing {@code LinearAlgebra}, with one method: the
   * {@code annotation} and {@code signature} given, and {@code body} indented under them.
   */
  public static JavaSource rejectedMethod(String pkg, String annotation, String signature,
      String body) {
    StringBuilder sb = new StringBuilder();
    sb.append("package ").append(pkg).append(";\n")
        .append("import dev.adjoint.Differentiable;\n")
        .append("import dev.adjoint.runtime.LinearAlgebra;\n")
        .append("final class Rejected {\n")
        .append("  ").append(annotation).append('\n')
        .append("  ").append(signature).append(" {\n");
    for (String l : body.split("\n")) {
      sb.append("    ").append(l).append('\n');
    }
    sb.append("  }\n}\n");
    return new JavaSource(pkg + ".Rejected", sb.toString());
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
