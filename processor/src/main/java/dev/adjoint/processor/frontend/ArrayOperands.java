package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;

/**
 * What the element-by-element readings of {@code Arrays.fill} and {@code System.arraycopy}
 * share: array operands that name the same array on every iteration, ints evaluated once, the
 * runtime's range checks, and the counting loop.
 */
final class ArrayOperands {
  static final ClassRef RANGES = new ClassRef("dev.adjoint.runtime", "ArrayRanges");

  private ArrayOperands() {}

  /**
   * {@code array} as a variable or a row {@code m[r]} of one, {@code r} then a variable or a
   * constant (a computed row index is kept in a local first); else an error at {@code tree}.
   */
  static Expr stable(Expr array, ExpressionTree tree, String what, SourceRef src,
      List<Stmt> out) {
    if (array instanceof Expr.Ref) {
      return array;
    }
    if (array instanceof Expr.Index row && row.array() instanceof Expr.Ref) {
      return row.index().isAtom() ? row
          : new Expr.Index(row.array(), once("row", row.index(), src, out));
    }
    throw new Unsupported(tree, Message.UNSUPPORTED, what + " of a computed array",
        "declare it as a local first");
  }

  /**
   * {@code value} in a new temporary {@code name}, assigned in {@code out} (the optimizer may
   * put a constant back in its place).
   */
  static Expr once(String name, Expr value, SourceRef src, List<Stmt> out) {
    Var v = new Var(name, value.type(), Var.Role.TEMP);
    out.add(Stmt.Assign.set(v, value, src));
    return Exprs.ref(v);
  }

  /** {@code value} itself if it is a constant, else {@link #once}. */
  static Expr onceUnlessConstant(String name, Expr value, SourceRef src, List<Stmt> out) {
    return value instanceof Expr.Const ? value : once(name, value, src, out);
  }

  /** {@code ArrayRanges.f(args)}: a check that runs once, as the user's call would. */
  /** Whether {@code call} is {@code method} of the class {@code owner} (its qualifier) names. */
  static boolean isCall(com.sun.source.tree.MethodInvocationTree call,
      javax.lang.model.element.TypeElement owner, String ownerName, String method) {
    return call.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select
        && select.getIdentifier().contentEquals(method) && owner != null
        && owner.getQualifiedName().contentEquals(ownerName);
  }

  static Expr check(String f, List<Expr> args) {
    return new Expr.Invoke(Expr.Invoke.Kind.HELPER, RANGES, f, args, List.of(), Type.INT);
  }

  /** {@code k = from; while (k < to) { body(k); k++; }}. */
  static Stmt.Loop upwards(Var k, Expr from, Expr to, List<Stmt> body, SourceRef src,
      List<Stmt> out) {
    out.add(Stmt.Assign.set(k, from, src));
    return new Stmt.Loop(new Expr.Binary(Op.LT, Exprs.ref(k), to), body,
        List.of(step(k, Op.ADD, src)), src);
  }

  /** {@code k = k op 1}. */
  static Stmt step(Var k, Op op, SourceRef src) {
    return Stmt.Assign.set(k, new Expr.Binary(op, Exprs.ref(k), Expr.Const.ofInt(1)), src);
  }

  /** {@code a + b}, or {@code b} for a constant 0. */
  static Expr plus(Expr a, Expr b) {
    return a instanceof Expr.Const c && c.is(0) ? b : new Expr.Binary(Op.ADD, a, b);
  }
}
