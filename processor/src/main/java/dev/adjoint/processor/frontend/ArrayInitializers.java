package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Optional;

/**
 * Array initializers ({@code {1, a * a}}, {@code new double[] {...}}, {@code new double[][]
 * {{...}, {...}}}): a new array of the initializer's shape, filled element by element in
 * source order. The stores are pending effects of the expression, so each element is a value
 * the backward sweep differentiates like any other store.
 */
final class ArrayInitializers {
  private final ExpressionReader expressions;
  private final Effects effects;

  ArrayInitializers(ExpressionReader expressions, Effects effects) {
    this.expressions = expressions;
    this.effects = effects;
  }

  static boolean isInitializer(Tree tree) {
    return tree instanceof NewArrayTree a && a.getInitializers() != null;
  }

  /** An initializer as a value: a new local array, filled. */
  Expr read(NewArrayTree tree) {
    Type type = typeOf(tree, null);
    Var array = new Var("elements", type, Var.Role.LOCAL);
    fill(array, tree);
    return new Expr.Ref(array);
  }

  /** {@code double[] b = {...}}: allocates and fills {@code target} itself. */
  void fill(Var target, NewArrayTree tree) {
    Type type = typeOf(tree, target.type());
    if (type != target.type()) {
      throw new Unsupported(tree, Message.TYPE_MISMATCH, "cannot assign a " + type.javaName()
          + " to a " + target.type().javaName());
    }
    SourceRef src = effects.source();
    List<? extends ExpressionTree> elements = tree.getInitializers();
    Expr rows = Expr.Const.ofInt(elements.size());
    if (type != Type.DOUBLE_MATRIX) {
      effects.add(Stmt.Assign.set(target, new Expr.NewArray(type, List.of(rows)), src));
      store(new Expr.Ref(target), elements, type.elementType(), src);
      return;
    }
    int columns = -1;
    for (ExpressionTree row : elements) {
      if (!isInitializer(row) || typeOf((NewArrayTree) row, Type.DOUBLE_ARRAY)
          != Type.DOUBLE_ARRAY) {
        throw new Unsupported(row, Message.UNSUPPORTED, "a matrix row that is not written out"
            + " as {...}", "write every row as {a, b, ...}, or allocate with new double[n][m]"
            + " and assign the elements");
      }
      int length = ((NewArrayTree) row).getInitializers().size();
      if (columns >= 0 && length != columns) {
        throw new Unsupported(row, Message.UNSUPPORTED, "a matrix initializer with rows of"
            + " different lengths", "give every row the same length");
      }
      columns = length;
    }
    effects.add(Stmt.Assign.set(target, new Expr.NewArray(type,
        List.of(rows, Expr.Const.ofInt(Math.max(columns, 0)))), src));
    for (int i = 0; i < elements.size(); i++) {
      Expr row = new Expr.Index(new Expr.Ref(target), Expr.Const.ofInt(i));
      store(row, ((NewArrayTree) elements.get(i)).getInitializers(), Type.DOUBLE, src);
    }
  }

  /** {@code array[k] = elements[k]}, each after its own effects; zeros are there already. */
  private void store(Expr array, List<? extends ExpressionTree> elements, Type element,
      SourceRef src) {
    for (int k = 0; k < elements.size(); k++) {
      ExpressionTree tree = elements.get(k);
      if (isInitializer(tree)) {
        throw new Unsupported(tree, Message.TYPE_MISMATCH, "an array where a "
            + element.javaName() + " element is expected");
      }
      Expr value = Typing.convert(expressions.expression(tree), element, tree);
      if (value instanceof Expr.Const c && c.symbol() == null && c.is(0)) {
        continue;
      }
      effects.add(new Stmt.Store(array, Expr.Const.ofInt(k), value, false, src));
    }
  }

  /** The initializer's array type: written ({@code new double[] {...}}) or the declared one. */
  private static Type typeOf(NewArrayTree tree, Type declared) {
    if (!tree.getDimensions().isEmpty()) {
      throw new Unsupported(tree, Message.UNSUPPORTED, "an initializer with dimensions",
          "leave the brackets empty: new double[] {...}");
    }
    if (tree.getType() == null) {
      if (declared == null || !declared.isArray()) {
        throw new Unsupported(tree, Message.UNSUPPORTED, "this array initializer",
            "write new double[] {...}");
      }
      return declared;
    }
    Optional<Type> type = TreeKinds.type(tree.getType()).flatMap(Type::arrayOf);
    if (type.isEmpty()) {
      throw new Unsupported(tree, Message.UNSUPPORTED, "this array type",
          "use double[], double[][] or int[]");
    }
    return type.get();
  }
}
