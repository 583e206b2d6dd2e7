package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.SourceRef;

/**
 * A construct the transforms cannot differentiate correctly, found after reading (when the
 * shape of the whole method is known). Reported as a compile error on the method, naming the
 * line; never turned into a guess.
 */
public final class UnsupportedConstruct extends RuntimeException {
  private final transient SourceRef source;

  public UnsupportedConstruct(SourceRef source, String message) {
    super(message, null, false, false);
    this.source = source;
  }

  public SourceRef source() {
    return source;
  }
}
