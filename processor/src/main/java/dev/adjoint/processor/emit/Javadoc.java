package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * Javadoc text wrapped so that generated lines stay within 100 columns: JavaPoet writes
 * Javadoc lines as given, and ours name signatures and files that make them long.
 */
final class Javadoc {
  /** Text columns: room for the deepest Javadoc we write, a record's method at indent 8. */
  static final int WIDTH = 88;

  private Javadoc() {}

  /** {@code format} with JavaPoet's {@code $L} arguments, lines wrapped at {@link #WIDTH}. */
  static CodeBlock of(String format, Object... args) {
    return CodeBlock.of(wrap(CodeBlock.of(format, args).toString()).replace("$", "$$"));
  }

  /**
   * Breaks every line longer than {@link #WIDTH} at its last space that fits, never inside an
   * inline tag such as <code>{&#64;code seed}</code>.
   */
  static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    String separator = "";
    for (String line : text.split("\n", -1)) {
      out.append(separator);
      separator = "\n";
      while (line.length() > WIDTH) {
        int space = breakAt(line);
        if (space <= 0) {
          break; // one word longer than a line
        }
        out.append(line, 0, space).append('\n');
        line = line.substring(space + 1);
      }
      out.append(line);
    }
    return out.toString();
  }

  /** The last space outside inline tags within {@link #WIDTH}, else the first one after it. */
  private static int breakAt(String line) {
    int best = -1;
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
      if (c == ' ' && depth == 0) {
        if (i > WIDTH && best > 0) {
          return best;
        }
        best = i;
        if (i > WIDTH) {
          return i;
        }
      }
    }
    return best;
  }
}
