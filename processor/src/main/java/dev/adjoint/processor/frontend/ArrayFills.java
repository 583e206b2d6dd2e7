package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * {@code Arrays.fill(a, v)} and {@code Arrays.fill(a, from, to, v)} of a {@code double[]} (a
 * matrix row too) or an {@code int[]} as the loop it is: {@code v} evaluated once, the range
 * checked as Java checks it, then {@code a[k] = v} for every {@code k} of the range. Reverse
 * mode then drops the overwritten elements' adjoints and gives {@code v} their sum, as for any
 * store.
 */
final class ArrayFills {
  private ArrayFills() {}

  /** Whether {@code call} is {@code java.util.Arrays.fill} ({@code owner}: its qualifier). */
  static boolean isFill(MethodInvocationTree call, TypeElement owner) {
    return ArrayOperands.isCall(call, owner, "java.util.Arrays", "fill");
  }

  /** Reads the call into {@code out}, after the effects its arguments need ({@code effects}). */
  static void read(MethodInvocationTree call, ExpressionReader expressions, Effects effects,
      SourceRef src, List<Stmt> out) {
    var trees = call.getArguments();
    if (trees.size() != 2 && trees.size() != 4) {
      throw new Unsupported(call, Message.UNSUPPORTED, "this Arrays.fill",
          "fill a double[]: Arrays.fill(a, v) or Arrays.fill(a, from, to, v)");
    }
    List<Expr> args = expressions.operands(trees);
    Expr array = args.get(0);
    if (array.type() == Type.DOUBLE_MATRIX) {
      String m = trees.get(0).toString();
      throw new Unsupported(call, Message.UNSUPPORTED, "Arrays.fill of a double[][]",
          "it makes every row one array; give each row its own: for (int i = 0; i < " + m
              + ".length; i++) " + m + "[i] = row.clone(); or fill each row's elements: "
              + "Arrays.fill(" + m + "[i], v)");
    }
    if (array.type() != Type.DOUBLE_ARRAY && array.type() != Type.INT_ARRAY) {
      throw new Unsupported(trees.get(0), Message.UNSUPPORTED,
          "Arrays.fill of a " + array.type().javaName(),
          "fill a double[] or an int[], or write the loop");
    }
    int last = trees.size() - 1;
    Type element = array.type().elementType();
    Expr value = Typing.convert(args.get(last), element, trees.get(last));
    for (int i = 1; i < last; i++) {
      if (args.get(i).type() != Type.INT) {
        throw new Unsupported(trees.get(i), Message.TYPE_MISMATCH,
            "an index must be an int, not " + args.get(i).type().javaName());
      }
    }
    effects.drainInto(out); // a switch expression's branches, an x++ in v, …
    array = ArrayOperands.stable(array, trees.get(0), "Arrays.fill", src, out);
    Expr from = Expr.Const.ofInt(0);
    Expr to = new Expr.Length(array);
    if (last == 3) { // Java evaluates every argument before it checks the range
      from = ArrayOperands.onceUnlessConstant("from", args.get(1), src, out);
      to = ArrayOperands.onceUnlessConstant("to", args.get(2), src, out);
    }
    Var fill = new Var("fill", element, Var.Role.LOCAL);
    Var k = new Var("k", Type.INT, Var.Role.LOCAL);
    out.add(Stmt.Assign.set(fill, value, src));
    if (last == 3) {
      to = ArrayOperands.once("end", ArrayOperands.check("fillEnd",
          List.of(new Expr.Length(array), from, to)), src, out);
    }
    Stmt store = new Stmt.Store(array, Exprs.ref(k), Exprs.ref(fill), false, src);
    out.add(ArrayOperands.upwards(k, from, to, List.of(store), src, out));
  }
}
