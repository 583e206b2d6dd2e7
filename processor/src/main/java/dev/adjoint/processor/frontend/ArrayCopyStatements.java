package dev.adjoint.processor.frontend;

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
 * {@code System.arraycopy(src, from, dst, to, n)} of a {@code double[]} or {@code int[]} (rows of
 * matrices too) as the element stores it makes: the range checked first, as Java checks it, then
 * {@code dst[to + k] = src[from + k]}. When {@code from < to} the elements go from the last one
 * down, so a copy within one array (or between two parameters the caller made the same array)
 * reads every element before it is overwritten, as Java defines it; for distinct arrays the
 * order makes no difference. Reverse mode then moves each stored element's adjoint into the
 * source element's and clears it, as for any store.
 */
final class ArrayCopyStatements {
  private static final String WHAT = "System.arraycopy";

  private ArrayCopyStatements() {}

  /** Whether {@code call} is {@code System.arraycopy} ({@code owner}: its qualifier). */
  static boolean isArraycopy(MethodInvocationTree call, TypeElement owner) {
    return ArrayOperands.isCall(call, owner, "java.lang.System", "arraycopy");
  }

  /** Reads the call into {@code out}, after the effects its arguments need. */
  static void read(MethodInvocationTree call, ExpressionReader expressions, Effects effects,
      SourceRef src, List<Stmt> out) {
    var trees = call.getArguments();
    List<Expr> args = expressions.operands(trees);
    Expr source = args.get(0);
    Expr target = args.get(2);
    if (source.type() == Type.DOUBLE_MATRIX || target.type() == Type.DOUBLE_MATRIX) {
      throw new Unsupported(call, Message.UNSUPPORTED, "System.arraycopy of a double[][] (it"
          + " copies row references, so the rows would be shared)", "copy each row:"
          + " System.arraycopy(a[i], 0, b[i], 0, a[i].length)");
    }
    if (source.type() != target.type()
        || source.type() != Type.DOUBLE_ARRAY && source.type() != Type.INT_ARRAY) {
      throw new Unsupported(call, Message.UNSUPPORTED, "System.arraycopy from "
          + article(source.type()) + " to " + article(target.type()),
          "copy between two double[] or two int[]");
    }
    for (int i : new int[] {1, 3, 4}) {
      if (args.get(i).type() != Type.INT) {
        throw new Unsupported(trees.get(i), Message.TYPE_MISMATCH,
            "an index or length must be an int, not " + args.get(i).type().javaName());
      }
    }
    effects.drainInto(out); // an x++ in an argument, a switch expression's branches, …
    source = ArrayOperands.stable(source, trees.get(0), WHAT, src, out);
    target = ArrayOperands.stable(target, trees.get(2), WHAT, src, out);
    Expr from = ArrayOperands.onceUnlessConstant("from", args.get(1), src, out);
    Expr to = ArrayOperands.onceUnlessConstant("to", args.get(3), src, out);
    Expr count = ArrayOperands.once("count", ArrayOperands.check("copyCount", List.of(
        new Expr.Length(source), from, new Expr.Length(target), to, args.get(4))), src, out);

    Var k = new Var("k", Type.INT, Var.Role.LOCAL);
    List<Stmt> down = new java.util.ArrayList<>();
    down.add(Stmt.Assign.set(k, count, src));
    down.add(new Stmt.Loop(new Expr.Binary(Op.GT, Exprs.ref(k), Expr.Const.ofInt(0)), List.of(
        ArrayOperands.step(k, Op.SUB, src), element(source, from, target, to, k, src)),
        List.of(), src));
    List<Stmt> up = new java.util.ArrayList<>();
    up.add(ArrayOperands.upwards(k, Expr.Const.ofInt(0), count,
        List.of(element(source, from, target, to, k, src)), src, up));
    if (from instanceof Expr.Const f && to instanceof Expr.Const t) {
      out.addAll(f.value() < t.value() ? down : up); // the direction known here
    } else {
      out.add(new Stmt.If(new Expr.Binary(Op.LT, from, to), down, up, src));
    }
  }

  private static String article(Type t) {
    String name = t.javaName();
    return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  /** {@code dst[to + k] = src[from + k]}. */
  private static Stmt element(Expr source, Expr from, Expr target, Expr to, Var k,
      SourceRef src) {
    return new Stmt.Store(target, ArrayOperands.plus(to, Exprs.ref(k)),
        new Expr.Index(source, ArrayOperands.plus(from, Exprs.ref(k))), false, src);
  }
}
