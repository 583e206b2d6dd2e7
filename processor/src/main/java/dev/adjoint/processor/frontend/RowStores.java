package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;

/**
 * {@code m[i] = e} for a {@code double[][] m}: the row becomes the array {@code e} evaluates to.
 * Java shares that array between the row and whatever else names it, so only a new array is
 * accepted here (a call's result, {@code new double[n]}, an initializer, a copy): the row is
 * then the only name of its array, which keeps rows value-like for every later pass. It is read
 * as {@code double[] row = e; m[i] = row;}, the store naming the fresh array.
 */
final class RowStores {
  private RowStores() {}

  /** Whether {@code array[...] = ...} assigns a whole row. */
  static boolean isRow(Expr array) {
    return array.type() == Type.DOUBLE_MATRIX;
  }

  /** The store of {@code valueTree}'s new array into {@code matrix[index]}; its array first. */
  static Stmt read(Tree at, Expr matrix, Expr index, ExpressionTree valueTree,
      ExpressionReader expressions, Effects effects, SourceRef src, List<Stmt> out) {
    String written = at.toString();
    if (!makesNewArray(valueTree)) {
      throw new Unsupported(valueTree, Message.UNSUPPORTED,
          "assigning an existing array to a row (" + written + ")",
          "Java would make the row and " + valueTree + " one array; assign a copy ("
              + valueTree + ".clone()) or a new array");
    }
    if (!(matrix instanceof Expr.Ref)) {
      throw new Unsupported(at, Message.UNSUPPORTED, "assigning a row of " + matrix,
          "assign rows of a double[][] variable");
    }
    int mark = effects.mark();
    Expr value = expressions.expression(valueTree);
    index = effects.spill(index, mark); // m[i] = f(i++) stores where i was
    if (value.type() != Type.DOUBLE_ARRAY) {
      throw new Unsupported(valueTree, Message.TYPE_MISMATCH,
          "a row of a double[][] is a double[], not " + value.type().javaName());
    }
    effects.drainInto(out);
    Var row = new Var(((Expr.Ref) matrix).var().name() + "Row", Type.DOUBLE_ARRAY, Var.Role.TEMP);
    out.add(Stmt.Assign.set(row, value, src));
    return new Stmt.Store(matrix, index, Exprs.ref(row), false, src);
  }

  /** A row assigned inside an expression would have a second name: its value. */
  static Unsupported inExpression(Tree at) {
    return new Unsupported(at, Message.UNSUPPORTED, "assigning a row inside an expression ("
        + at + ")", "assign the row in a statement of its own");
  }

  /** Whether {@code e} evaluates to an array nothing else names: a call or a {@code new}. */
  private static boolean makesNewArray(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e.getKind() == Tree.Kind.METHOD_INVOCATION || e.getKind() == Tree.Kind.NEW_ARRAY;
  }
}
