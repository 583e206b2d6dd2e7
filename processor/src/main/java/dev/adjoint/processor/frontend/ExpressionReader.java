package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an expression tree into a typed IR expression, checking Java's typing rules over the
 * supported subset; calls are {@link CallReader}'s, names {@link NameLookup}'s.
 */
final class ExpressionReader {
  private final NameLookup names;
  private final Set<Tree> fenced;
  private CallReader calls;
  /** Inner assignments of a chain already read, each standing for its target's new value. */
  private final Map<Tree, Expr> chainValues = new IdentityHashMap<>();

  ExpressionReader(NameLookup names, Set<Tree> fenced) {
    this.names = names;
    this.fenced = fenced;
  }

  void setCalls(CallReader calls) {
    this.calls = calls;
  }

  /** Makes {@code tree}, already read as part of a chain, read as {@code value} next time. */
  void standFor(Tree tree, Expr value) {
    chainValues.put(tree, value);
  }

  /** Stops reading at a tree the fence rejected: it has its error already. */
  void skipIfFenced(Tree tree) {
    if (fenced.contains(tree)) {
      throw Unsupported.reported(tree);
    }
  }

  /** The class a call's qualifier names, if it names one (not a local of that name). */
  javax.lang.model.element.TypeElement qualifierType(ExpressionTree qualifier) {
    return names.qualifierType(qualifier);
  }

  Expr expression(ExpressionTree e) {
    Expr chained = chainValues.remove(e);
    if (chained != null) {
      return chained;
    }
    skipIfFenced(e);
    switch (e.getKind()) {
      case PARENTHESIZED:
        return expression(((ParenthesizedTree) e).getExpression());
      case INT_LITERAL:
        return Expr.Const.ofInt((Integer) ((LiteralTree) e).getValue());
      case LONG_LITERAL:
        long l = (Long) ((LiteralTree) e).getValue();
        // A long no double holds keeps its digits as the symbol the emitter prints; a constant
        // with a symbol is never folded, so its rounded value is never computed with.
        String digits = (long) (double) l == l ? null : l < 0 ? "(" + l + "L)" : l + "L";
        return new Expr.Const(Type.LONG, l, digits);
      case DOUBLE_LITERAL:
        return Expr.Const.ofDouble((Double) ((LiteralTree) e).getValue());
      case BOOLEAN_LITERAL:
        return new Expr.Const(Type.BOOLEAN, (Boolean) ((LiteralTree) e).getValue() ? 1 : 0, null);
      case IDENTIFIER:
        return names.identifier((IdentifierTree) e);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) e);
      case UNARY_PLUS:
        return numeric(((UnaryTree) e).getExpression());
      case UNARY_MINUS:
        return new Expr.Unary(Op.NEG, numeric(((UnaryTree) e).getExpression()));
      case LOGICAL_COMPLEMENT:
        return new Expr.Unary(Op.NOT, condition(((UnaryTree) e).getExpression()));
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) e);
      case METHOD_INVOCATION:
        return calls.call((MethodInvocationTree) e);
      case ARRAY_ACCESS:
        ArrayAccessTree access = (ArrayAccessTree) e;
        Expr array = expression(access.getExpression());
        if (!array.type().isArray()) {
          throw new Unsupported(access, Message.TYPE_MISMATCH, access.getExpression()
              + " is not an array");
        }
        return new Expr.Index(array, integer(access.getIndex()));
      case NEW_ARRAY:
        return newArray((NewArrayTree) e);
      case TYPE_CAST:
        TypeCastTree cast = (TypeCastTree) e;
        Type to = TreeKinds.type(cast.getType()).filter(Type::isNumeric).orElseThrow(
            () -> new Unsupported(cast.getType(), Message.CAST_TYPE, cast.getType()));
        return new Expr.Cast(to, numeric(cast.getExpression()));
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        throw new Unsupported(e, Message.UNSUPPORTED, "an assignment inside an expression",
            "make the assignment a statement of its own");
      default:
        if (e instanceof BinaryTree b) {
          return binary(b);
        }
        throw StatementReader.unsupported(e);
    }
  }

  private Expr conditional(ConditionalExpressionTree c) {
    Expr then = expression(c.getTrueExpression());
    Expr otherwise = expression(c.getFalseExpression());
    boolean arrays = then.type().isArray() || otherwise.type().isArray();
    if ((then.type() == Type.BOOLEAN) != (otherwise.type() == Type.BOOLEAN)
        || arrays && then.type() != otherwise.type()) {
      throw new Unsupported(c, Message.TYPE_MISMATCH,
          "the branches of this conditional have types " + then.type().javaName() + " and "
              + otherwise.type().javaName());
    }
    return new Expr.Cond(condition(c.getCondition()), then, otherwise);
  }

  private Expr binary(BinaryTree b) {
    Op op = TreeKinds.operator(b.getKind());
    if (op.isLogical()) {
      return new Expr.Binary(op, condition(b.getLeftOperand()), condition(b.getRightOperand()));
    }
    Expr left = expression(b.getLeftOperand());
    Expr right = expression(b.getRightOperand());
    if (op.isComparison()) {
      boolean leftBool = left.type() == Type.BOOLEAN;
      if (leftBool != (right.type() == Type.BOOLEAN)
          || (leftBool && op != Op.EQ && op != Op.NE)) {
        throw new Unsupported(b, Message.TYPE_MISMATCH, "cannot compare " + left.type().javaName()
            + " with " + right.type().javaName() + " using " + op.symbol());
      }
      return new Expr.Binary(op, left, right);
    }
    return Typing.arithmetic(b, op, left, right);
  }

  /** {@code a.length}, or a qualified library constant. */
  private Expr memberSelect(MemberSelectTree select) {
    if (select.getIdentifier().contentEquals("length")) {
      Expr array = expression(select.getExpression());
      if (array.type().isArray()) {
        return new Expr.Length(array);
      }
    }
    return names.qualifiedConstant(select);
  }

  private Expr newArray(NewArrayTree tree) {
    if (tree.getInitializers() != null || tree.getDimensions().isEmpty()) {
      throw new Unsupported(tree, Message.UNSUPPORTED, "an array initializer",
          "allocate with new double[n] and assign the elements");
    }
    Type type;
    Optional<Type> element = TreeKinds.type(tree.getType());
    int rank = tree.getDimensions().size();
    if (element.equals(Optional.of(Type.DOUBLE)) && rank == 1) {
      type = Type.DOUBLE_ARRAY;
    } else if (element.equals(Optional.of(Type.DOUBLE)) && rank == 2) {
      type = Type.DOUBLE_MATRIX;
    } else if (element.equals(Optional.of(Type.INT)) && rank == 1) {
      type = Type.INT_ARRAY;
    } else {
      throw new Unsupported(tree, Message.UNSUPPORTED, "this array type",
          "use double[], double[][] or int[]");
    }
    List<Expr> dims = new ArrayList<>();
    for (ExpressionTree d : tree.getDimensions()) {
      dims.add(integer(d));
    }
    return new Expr.NewArray(type, dims);
  }

  Expr integer(ExpressionTree e) {
    Expr x = expression(e);
    if (x.type() != Type.INT) {
      throw new Unsupported(e, Message.TYPE_MISMATCH, "an index or length must be an int, not "
          + x.type().javaName());
    }
    return x;
  }

  Expr numeric(ExpressionTree e) {
    Expr x = expression(e);
    if (!x.type().isNumeric()) {
      throw new Unsupported(e, Message.TYPE_MISMATCH, "expected a number here, not "
          + x.type().javaName());
    }
    return x;
  }

  Expr condition(ExpressionTree e) {
    Expr x = expression(e);
    if (x.type() != Type.BOOLEAN) {
      throw new Unsupported(e, Message.TYPE_MISMATCH,
          "expected a boolean condition here, not " + x.type().javaName());
    }
    return x;
  }
}
