package dev.adjoint.processor.ir;

/** Where a statement came from: its line in the user's file and a one-line rendering of it. */
public record SourceRef(String file, int line, String text) {

  /** For statements that have no counterpart in the source. */
  public static final SourceRef NONE = new SourceRef("", 0, "");

  public boolean isNone() {
    return line == 0;
  }
}
