package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;

/** Thrown by the reader at a construct it cannot model; reported at that tree. */
final class Unsupported extends RuntimeException {
  final transient Tree tree;
  final Message message;
  final transient Object[] args;

  Unsupported(Tree tree, Message message, Object... args) {
    super(message.format(args), null, false, false);
    this.tree = tree;
    this.message = message;
    this.args = args;
  }
}
