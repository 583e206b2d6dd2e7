package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;

/** Java's typing rules for the IR's values: assignment conversion, narrowing, arithmetic. */
final class Typing {
  private Typing() {}

  /** {@code value} as assigned to a {@code to}; an error at {@code at} if Java forbids it. */
  static Expr convert(Expr value, Type to, Tree at) {
    if (value.type() == to || (to.isNumeric() && value.type().isNumeric()
        && Type.promote(value.type(), to) == to)) {
      return value;
    }
    throw new Unsupported(at, Message.TYPE_MISMATCH, "cannot assign " + describe(value)
        + " to a " + to.javaName() + "; add a cast");
  }

  /** {@code a double}, {@code a String}, {@code a Mode}: the value's type as Java names it. */
  private static String describe(Expr value) {
    if (value.type() != Type.OBJECT) {
      return "a " + value.type().javaName();
    }
    dev.adjoint.processor.ir.ClassRef c = dev.adjoint.processor.ir.Exprs.objectClass(value);
    return c == null ? "an enum or String" : "a " + c.simpleNames();
  }

  /** Compound assignment narrows implicitly ({@code int k; k += 0.5}); make that explicit. */
  static Expr narrow(Expr value, Type target) {
    return value.type() == target ? value : new Expr.Cast(target, value);
  }

  static Expr arithmetic(Tree at, Op op, Expr left, Expr right) {
    if (op.isBitwise()) {
      return bitwise(at, op, left, right);
    }
    if (!left.type().isNumeric() || !right.type().isNumeric()) {
      Type other = left.type().isNumeric() ? right.type() : left.type();
      throw new Unsupported(at, Message.TYPE_MISMATCH, "operator " + op.symbol()
          + " needs numbers, not " + (other == Type.OBJECT ? "an enum or String" : "boolean"));
    }
    if (op == Op.REM && Type.promote(left.type(), right.type()) == Type.DOUBLE) {
      throw new Unsupported(at, Message.UNSUPPORTED, "the remainder operator % on double",
          "use it on int or long values only");
    }
    return new Expr.Binary(op, left, right);
  }

  /**
   * Integer bit arithmetic, and {@code & | ^} on two booleans. Its values are ints, longs or
   * booleans, which carry no derivative, so only Java's typing rules need checking here.
   */
  private static Expr bitwise(Tree at, Op op, Expr left, Expr right) {
    boolean booleans = left.type() == Type.BOOLEAN && right.type() == Type.BOOLEAN;
    if (booleans && !op.isShift() || integral(left) && integral(right)) {
      return new Expr.Binary(op, left, right);
    }
    throw new Unsupported(at, Message.TYPE_MISMATCH, "operator " + op.symbol() + " needs int or"
        + " long values" + (op.isShift() ? "" : " (or two booleans)") + ", not "
        + (integral(left) ? right : left).type().javaName());
  }

  /** {@code ~k}: the bitwise complement of an int or a long. */
  static Expr complement(Tree at, Expr operand) {
    if (!integral(operand)) {
      throw new Unsupported(at, Message.TYPE_MISMATCH, "operator ~ needs an int or a long, not "
          + operand.type().javaName());
    }
    return new Expr.Unary(Op.BIT_NOT, operand);
  }

  private static boolean integral(Expr e) {
    return e.type() == Type.INT || e.type() == Type.LONG || e.type() == Type.CHAR;
  }
}
