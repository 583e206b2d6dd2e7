package dev.adjoint.processor;

import java.io.IOException;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** A diagnostic as javac prints it: {@code File.java:12: error: message}, the line, a caret. */
final class DiagnosticText {
  private DiagnosticText() {}

  static String of(Diagnostic<? extends JavaFileObject> d) {
    String kind = switch (d.getKind()) {
      case ERROR -> "error";
      case WARNING, MANDATORY_WARNING -> "warning";
      default -> d.getKind().name().toLowerCase(Locale.ROOT);
    };
    String message = d.getMessage(Locale.ROOT);
    JavaFileObject source = d.getSource();
    if (source == null || d.getLineNumber() == Diagnostic.NOPOS) {
      return kind + ": " + message;
    }
    StringBuilder sb = new StringBuilder()
        .append(source.getName()).append(':').append(d.getLineNumber()).append(": ")
        .append(kind).append(": ").append(message);
    String line = line(source, d.getLineNumber());
    if (line != null && d.getColumnNumber() != Diagnostic.NOPOS) {
      sb.append('\n').append(line).append('\n')
          .append(" ".repeat((int) Math.max(0, d.getColumnNumber() - 1))).append('^');
    }
    return sb.toString();
  }

  private static String line(JavaFileObject source, long number) {
    try {
      String[] lines = source.getCharContent(true).toString().split("\r\n|\r|\n", -1);
      return number >= 1 && number <= lines.length ? lines[(int) number - 1] : null;
    } catch (IOException e) {
      return null;
    }
  }
}
