package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;

/**
 * Assignments the backward sweep undoes instead of restoring a saved value: an integer stepped
 * by a constant ({@code i++} is undone by {@code i--}). Shared by the recording analysis, which
 * must know that undoing one reads its new value, and the reverse transform, which writes it.
 */
public final class Inverses {
  private Inverses() {}

  /** The value that undoes {@code a}, computed from its target's new value; null if none. */
  public static Expr of(Stmt.Assign a) {
    Var v = a.target();
    if ((v.type() == Type.INT || v.type() == Type.LONG) && a.value() instanceof Expr.Binary b
        && (b.op() == Op.ADD || b.op() == Op.SUB) && b.left() instanceof Expr.Ref r
        && r.var() == v && b.right() instanceof Expr.Const c && c.type() == v.type()) {
      return new Expr.Binary(b.op() == Op.ADD ? Op.SUB : Op.ADD, Exprs.ref(v), c);
    }
    return null;
  }
}
