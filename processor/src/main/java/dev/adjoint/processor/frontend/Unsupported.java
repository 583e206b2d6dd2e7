package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;

/**
 * Thrown by the reader at a construct it cannot model; reported at that tree by the statement
 * being read, which then goes on with the next. A tree the fence already rejected is {@link
 * #reported}: it stops its statement without a second message.
 */
final class Unsupported extends RuntimeException {
  final transient Tree tree;
  final Message message;
  final transient Object[] args;

  Unsupported(Tree tree, Message message, Object... args) {
    super(message == null ? "reported" : message.format(args), null, false, false);
    this.tree = tree;
    this.message = message;
    this.args = args;
  }

  /** A construct whose error is already in the list. */
  static Unsupported reported(Tree tree) {
    return new Unsupported(tree, null);
  }

  boolean alreadyReported() {
    return message == null;
  }
}
