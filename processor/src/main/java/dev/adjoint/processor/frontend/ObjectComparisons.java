package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;

/** {@code mode == Mode.FAST}, {@code s != null}: enum and String values compared by reference. */
final class ObjectComparisons {
  private ObjectComparisons() {}

  static Expr compare(Tree at, Op op, Expr left, Expr right) {
    if (left.type() != Type.OBJECT || right.type() != Type.OBJECT) {
      Expr number = left.type() == Type.OBJECT ? right : left;
      throw new Unsupported(at, Message.TYPE_MISMATCH, "cannot compare an enum or String value"
          + " with a " + number.type().javaName());
    }
    if (op != Op.EQ && op != Op.NE) {
      throw new Unsupported(at, Message.UNSUPPORTED, "comparing enum or String values with "
          + op.symbol(), "compare with == or != (enums), equals (strings), or compareTo");
    }
    return new Expr.Binary(op, left, right);
  }
}
