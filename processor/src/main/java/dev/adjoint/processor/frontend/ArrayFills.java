package dev.adjoint.processor.frontend;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * {@code Arrays.fill(a, v)} of a {@code double[]} as the loop it is: {@code v} evaluated once,
 * then {@code a[k] = v} for every {@code k}. Reverse mode then drops the overwritten elements'
 * adjoints and gives {@code v} their sum, as for any store.
 */
final class ArrayFills {
  private ArrayFills() {}

  /** Whether {@code call} is {@code java.util.Arrays.fill} ({@code owner}: its qualifier). */
  static boolean isFill(MethodInvocationTree call, TypeElement owner) {
    return call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("fill") && owner != null
        && owner.getQualifiedName().contentEquals("java.util.Arrays");
  }

  /** Reads the call into {@code out}, after the effects its arguments need ({@code effects}). */
  static void read(MethodInvocationTree call, ExpressionReader expressions, Effects effects,
      SourceRef src, List<Stmt> out) {
    if (call.getArguments().size() != 2) {
      throw new Unsupported(call, Message.UNSUPPORTED, "Arrays.fill over a range",
          "write the loop: for (int k = from; k < to; k++) a[k] = v;");
    }
    Expr array = expressions.expression(call.getArguments().get(0));
    if (array.type() != Type.DOUBLE_ARRAY) {
      throw new Unsupported(call.getArguments().get(0), Message.UNSUPPORTED,
          "Arrays.fill of a " + array.type().javaName(), "fill a double[], or write the loop");
    }
    Expr value = Typing.convert(expressions.expression(call.getArguments().get(1)), Type.DOUBLE,
        call.getArguments().get(1));
    if (!(array instanceof Expr.Ref || array instanceof Expr.Index i
        && i.array() instanceof Expr.Ref && i.index() instanceof Expr.Ref)) {
      throw new Unsupported(call.getArguments().get(0), Message.UNSUPPORTED,
          "Arrays.fill of a computed array", "declare it as a local first");
    }
    Var fill = new Var("fill", Type.DOUBLE, Var.Role.LOCAL);
    Var k = new Var("k", Type.INT, Var.Role.LOCAL);
    effects.drainInto(out); // a switch expression's branches, an x++ in v, …
    out.add(Stmt.Assign.set(fill, value, src));
    out.add(Stmt.Assign.set(k, Expr.Const.ofInt(0), src));
    Stmt store = new Stmt.Store(array, Exprs.ref(k), Exprs.ref(fill), false, src);
    Stmt step = Stmt.Assign.set(k, new Expr.Binary(Op.ADD, Exprs.ref(k), Expr.Const.ofInt(1)),
        src);
    out.add(new Stmt.Loop(new Expr.Binary(Op.LT, Exprs.ref(k), new Expr.Length(array)),
        List.of(store), List.of(step), src));
  }
}
