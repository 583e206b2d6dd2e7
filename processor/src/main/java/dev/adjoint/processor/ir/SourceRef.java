package dev.adjoint.processor.ir;

/**
 * Where a statement came from: its line in the user's file, a one-line rendering of it, and
 * the frontend's own handle on it ({@code origin}, opaque here) so that errors found by later
 * passes can still point at the exact tree.
 */
public record SourceRef(String file, int line, String text, Object origin) {

  /** For statements that have no counterpart in the source. */
  public static final SourceRef NONE = new SourceRef("", 0, "", null);

  @Override
  public boolean equals(Object o) {
    return o instanceof SourceRef r && r.line == line && r.text.equals(text)
        && r.file.equals(file);
  }

  @Override
  public int hashCode() {
    return line * 31 + text.hashCode();
  }

  public boolean isNone() {
    return line == 0;
  }
}
