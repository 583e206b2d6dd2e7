package dev.adjoint.processor.verify;

import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.SourceRef;

/** A construct a check rejects: the statement it is in, the message and the message's args. */
public record Problem(SourceRef at, Message message, Object... args) {

  /** An {@code [adjoint.unsupported]} problem whose text says what is wrong and what to do. */
  static Problem unsupported(SourceRef at, String text) {
    return new Problem(at, Message.UNSUPPORTED_CONSTRUCT, text);
  }
}
