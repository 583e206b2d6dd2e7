package dev.adjoint.processor.forward;

import dev.adjoint.processor.ir.SourceRef;

/**
 * A construct the tangent transform does not differentiate: reported as a compile error at
 * {@code at}, never turned into wrong numbers.
 */
public final class Unsupported extends RuntimeException {
  private final transient SourceRef at;

  Unsupported(SourceRef at, String what) {
    super(what);
    this.at = at;
  }

  /** The statement whose construct is not supported. */
  public SourceRef at() {
    return at;
  }

  /** What is not supported and what to do instead, in the user's words. */
  public String what() {
    return getMessage();
  }
}
