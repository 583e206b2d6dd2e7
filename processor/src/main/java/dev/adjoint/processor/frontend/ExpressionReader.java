package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.JavaText;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
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
  private RecordAccess records;
  private SwitchReader switches;
  private AssignmentReader assignments;
  private final Effects effects;
  private final ArrayInitializers initializers;
  /** Inner assignments of a chain already read, each standing for its target's new value. */
  private final Map<Tree, Expr> chainValues = new IdentityHashMap<>();

  ExpressionReader(NameLookup names, Set<Tree> fenced, Effects effects) {
    this.names = names;
    this.fenced = fenced;
    this.effects = effects;
    this.initializers = new ArrayInitializers(this, effects);
  }

  /** {@code double[] b = {...}}: {@code b} allocated and filled, as pending effects. */
  void fill(Var target, NewArrayTree initializer) {
    initializers.fill(target, initializer);
  }

  void setRecords(RecordAccess records) {
    this.records = records;
  }

  /** Record parameters and their components. */
  RecordAccess records() {
    return records;
  }

  void setCalls(CallReader calls) {
    this.calls = calls;
  }

  void setSwitches(SwitchReader switches) {
    this.switches = switches;
  }

  void setAssignments(AssignmentReader assignments) {
    this.assignments = assignments;
  }

  /** Call arguments, read left to right: one read before another's effect keeps its value. */
  List<Expr> operands(List<? extends ExpressionTree> trees) {
    List<Expr> values = new ArrayList<>();
    List<Integer> marks = new ArrayList<>();
    for (ExpressionTree t : trees) {
      values.add(expression(t));
      marks.add(effects.mark());
    }
    effects.spillAll(values, marks);
    return values;
  }

  /** Reads a call statement of a method read into the caller; false for other calls. */
  boolean callForEffect(MethodInvocationTree call) {
    return calls.forEffect(call);
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
      case CHAR_LITERAL:
        // Printed as written ('a', '\n'): a constant with a symbol is never folded.
        char ch = (Character) ((LiteralTree) e).getValue();
        return new Expr.Const(Type.CHAR, ch, JavaText.charLiteral(ch));
      case DOUBLE_LITERAL:
        return Expr.Const.ofDouble((Double) ((LiteralTree) e).getValue());
      case STRING_LITERAL:
        return new Expr.Const(Type.OBJECT, 0,
            JavaText.stringLiteral((String) ((LiteralTree) e).getValue()));
      case NULL_LITERAL:
        return new Expr.Const(Type.OBJECT, 0, "null");
      case BOOLEAN_LITERAL:
        return new Expr.Const(Type.BOOLEAN, (Boolean) ((LiteralTree) e).getValue() ? 1 : 0, null);
      case IDENTIFIER:
        return records.read(e).orElseGet(() -> names.identifier((IdentifierTree) e));
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) e);
      case UNARY_PLUS:
        return numeric(((UnaryTree) e).getExpression());
      case UNARY_MINUS:
        return new Expr.Unary(Op.NEG, numeric(((UnaryTree) e).getExpression()));
      case BITWISE_COMPLEMENT:
        return Typing.complement(e, numeric(((UnaryTree) e).getExpression()));
      case LOGICAL_COMPLEMENT:
        return new Expr.Unary(Op.NOT, condition(((UnaryTree) e).getExpression()));
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) e);
      case METHOD_INVOCATION:
        Optional<Expr> component = records.read(e);
        return component.isPresent() ? component.get() : calls.call((MethodInvocationTree) e);
      case ARRAY_ACCESS:
        ArrayAccessTree access = (ArrayAccessTree) e;
        Expr array = expression(access.getExpression());
        if (!array.type().isArray()) {
          throw new Unsupported(access, Message.TYPE_MISMATCH, access.getExpression()
              + " is not an array");
        }
        int mark = effects.mark();
        Expr index = integer(access.getIndex());
        return new Expr.Index(stableRow(array, mark), index);
      case NEW_ARRAY:
        return newArray((NewArrayTree) e);
      case TYPE_CAST:
        TypeCastTree cast = (TypeCastTree) e;
        Type to = TreeKinds.type(cast.getType()).filter(Type::isNumeric).orElseThrow(
            () -> new Unsupported(cast.getType(), Message.CAST_TYPE, cast.getType()));
        return new Expr.Cast(to, numeric(cast.getExpression()));
      case ASSIGNMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        return assignments.inExpression(e);
      case SWITCH_EXPRESSION:
        return switches.expression((SwitchExpressionTree) e);
      default:
        if (e instanceof BinaryTree b) {
          return binary(b);
        }
        if (e instanceof CompoundAssignmentTree) { // += -= ... &= <<= and the rest
          return assignments.inExpression(e);
        }
        throw StatementReader.unsupported(e);
    }
  }

  /** {@code m[i]} read before {@code mark}, its row index as it was then. */
  Expr stableRow(Expr array, int mark) {
    return array instanceof Expr.Index row
        ? new Expr.Index(stableRow(row.array(), mark), effects.spill(row.index(), mark))
        : array;
  }

  private Expr conditional(ConditionalExpressionTree c) {
    Expr condition = condition(c.getCondition());
    List<Stmt> thenEffects = new ArrayList<>();
    List<Stmt> otherwiseEffects = new ArrayList<>();
    Expr then = effects.apart(() -> expression(c.getTrueExpression()), thenEffects);
    Expr otherwise = effects.apart(() -> expression(c.getFalseExpression()), otherwiseEffects);
    if (then.type() == Type.OBJECT || otherwise.type() == Type.OBJECT) {
      throw new Unsupported(c, Message.UNSUPPORTED, "a conditional choosing an enum or String"
          + " value", "use if/else, or a switch that yields a number");
    }
    boolean arrays = then.type().isArray() || otherwise.type().isArray();
    if ((then.type() == Type.BOOLEAN) != (otherwise.type() == Type.BOOLEAN)
        || arrays && then.type() != otherwise.type()) {
      throw new Unsupported(c, Message.TYPE_MISMATCH,
          "the branches of this conditional have types " + then.type().javaName() + " and "
              + otherwise.type().javaName());
    }
    if (thenEffects.isEmpty() && otherwiseEffects.isEmpty()) {
      return new Expr.Cond(condition, then, otherwise);
    }
    // Only the chosen side runs, its effects with it: an if/else into a local.
    if (arrays) {
      throw new Unsupported(c, Message.UNSUPPORTED, "an assignment inside a conditional that"
          + " chooses an array", "assign before the conditional");
    }
    Type type = new Expr.Cond(condition, then, otherwise).type();
    Var chosen = new Var("chosen", type, Var.Role.TEMP);
    SourceRef src = effects.source();
    thenEffects.add(Stmt.Assign.set(chosen, Typing.convert(then, type, c), src));
    otherwiseEffects.add(Stmt.Assign.set(chosen, Typing.convert(otherwise, type, c), src));
    effects.add(new Stmt.If(condition, thenEffects, otherwiseEffects, src));
    return new Expr.Ref(chosen);
  }

  private Expr binary(BinaryTree b) {
    Op op = TreeKinds.operator(b.getKind());
    if (op.isLogical()) {
      return logical(op, b);
    }
    Expr left = expression(b.getLeftOperand());
    int mark = effects.mark();
    Expr right = expression(b.getRightOperand());
    left = effects.spill(left, mark);
    if (op.isComparison() && (left.type() == Type.OBJECT || right.type() == Type.OBJECT)) {
      return ObjectComparisons.compare(b, op, left, right);
    }
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

  /** {@code l && r}, {@code l || r}: r's effects run only when r is evaluated. */
  private Expr logical(Op op, BinaryTree b) {
    Expr left = condition(b.getLeftOperand());
    List<Stmt> rightEffects = new ArrayList<>();
    Expr right = effects.apart(() -> condition(b.getRightOperand()), rightEffects);
    if (rightEffects.isEmpty()) {
      return new Expr.Binary(op, left, right);
    }
    SourceRef src = effects.source();
    Var both = new Var("test", Type.BOOLEAN, Var.Role.TEMP);
    effects.add(Stmt.Assign.set(both, left, src));
    rightEffects.add(Stmt.Assign.set(both, right, src));
    Expr runs = op == Op.AND ? new Expr.Ref(both) : new Expr.Unary(Op.NOT, new Expr.Ref(both));
    effects.add(new Stmt.If(runs, rightEffects, List.of(), src));
    return new Expr.Ref(both);
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
    if (ArrayInitializers.isInitializer(tree)) {
      return initializers.read(tree);
    }
    if (tree.getDimensions().isEmpty()) {
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
    } else if (element.equals(Optional.of(Type.DOUBLE_ARRAY)) && rank == 1) {
      type = Type.DOUBLE_MATRIX; // new double[n][]: rows to be assigned (RowStores)
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
