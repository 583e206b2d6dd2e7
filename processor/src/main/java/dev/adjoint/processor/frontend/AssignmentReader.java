package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads expression statements: assignments, compound assignments and {@code ++}/{@code --}
 * (desugared), stores into array elements, and chains {@code a = b = e}.
 */
final class AssignmentReader {
  private final ExpressionReader expressions;
  private final Scopes scopes;
  private final Effects effects;

  AssignmentReader(ExpressionReader expressions, Scopes scopes, Effects effects) {
    this.expressions = expressions;
    this.scopes = scopes;
    this.effects = effects;
  }

  /**
   * An assignment or {@code ++}/{@code --} inside an expression: its statements go to the
   * pending effects, and what it evaluates to is returned (the old value for {@code x++}).
   */
  Expr inExpression(ExpressionTree e) {
    SourceRef src = effects.source();
    ExpressionTree lhs = assignedTree(e);
    List<Stmt> out = new ArrayList<>();
    Expr current;
    String before = "elementBefore";
    if (lhs.getKind() == Tree.Kind.ARRAY_ACCESS) {
      // The element is read again as the value: its address is evaluated once, into locals.
      ArrayAccessTree element = (ArrayAccessTree) lhs;
      Expr array = addressOnce(expressions.expression(element.getExpression()), src, out, true);
      if (RowStores.isRow(array)) {
        throw RowStores.inExpression(e);
      }
      Expr index = once(expressions.integer(element.getIndex()), src, out, true);
      expressions.standFor(element.getExpression(), array);
      expressions.standFor(element.getIndex(), index);
      current = new Expr.Index(array, index);
    } else {
      Var target = target(lhs);
      current = new Expr.Ref(target);
      before = target.name() + "Before";
    }
    Expr value = current;
    if (e.getKind() == Tree.Kind.POSTFIX_INCREMENT
        || e.getKind() == Tree.Kind.POSTFIX_DECREMENT) {
      Var old = new Var(before, current.type(), Var.Role.TEMP);
      emit(out, Stmt.Assign.set(old, current, src));
      value = new Expr.Ref(old);
    }
    read(e, src, out);
    out.forEach(effects::add);
    return value;
  }

  /** Adds {@code s} to {@code out} after the effects of the expressions it reads. */
  private void emit(List<Stmt> out, Stmt s) {
    effects.drainInto(out);
    out.add(s);
  }

  /** Reads an expression statement into {@code out}: usually one statement, more for chains. */
  void read(ExpressionTree e, SourceRef src, List<Stmt> out) {
    if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof
        MemberSelectTree select
        && ArrayFills.isFill(call, expressions.qualifierType(select.getExpression()))) {
      ArrayFills.read(call, expressions, effects, src, out);
      return;
    }
    if (e instanceof MethodInvocationTree call && call.getMethodSelect() instanceof
        MemberSelectTree select && ArrayCopyStatements.isArraycopy(call,
            expressions.qualifierType(select.getExpression()))) {
      ArrayCopyStatements.read(call, expressions, effects, src, out);
      return;
    }
    expressions.skipIfFenced(e);
    if (e instanceof MethodInvocationTree call && expressions.callForEffect(call)) {
      effects.drainInto(out); // a method read into this one: its statements are the effects
      return;
    }
    ExpressionTree link = chainedAssignment(e);
    ExpressionTree lhs = assignedTree(e);
    if (link != null && e.getKind() != Tree.Kind.ASSIGNMENT && assignsInChain(link, lhs)) {
      // y += y = x adds x to the y of before: read as an assignment inside the expression,
      // the target read first kept in a copy (Effects.spill).
      link = null;
    }
    if (link != null) {
      // a = b = e: b = e first, then a = b, the new value of b being what the inner assignment
      // evaluates to; e is evaluated once. Java evaluates an element's address before the
      // value, and a compound assignment reads its target before: both come first here too.
      if (lhs.getKind() == Tree.Kind.ARRAY_ACCESS) {
        ArrayAccessTree element = (ArrayAccessTree) lhs;
        expressions.standFor(element.getExpression(),
            addressOnce(expressions.expression(element.getExpression()), src, out, true));
        expressions.standFor(element.getIndex(),
            once(expressions.integer(element.getIndex()), src, out, true));
      }
      read(link, src, out);
      expressions.standFor(link, new Expr.Ref(target(assignedTree(link))));
    }
    if (lhs != null && lhs.getKind() == Tree.Kind.ARRAY_ACCESS) {
      emit(out, store(e, (ArrayAccessTree) lhs, src, out));
      return;
    }
    emit(out, assignment(e, src));
  }

  private Stmt assignment(ExpressionTree e, SourceRef src) {
    if (e instanceof CompoundAssignmentTree c) { // += -= ... &= <<= and the rest
      Var v = target(c.getVariable());
      int mark = effects.mark();
      Expr operand = expressions.expression(c.getExpression());
      // x += (x = 2) adds to the x of before: Java reads the target first.
      Expr rhs = Typing.arithmetic(c, TreeKinds.operator(e.getKind()),
          effects.spill(new Expr.Ref(v), mark), operand);
      return Stmt.Assign.set(v, Typing.narrow(rhs, v.type()), src);
    }
    switch (e.getKind()) {
      case ASSIGNMENT:
        AssignmentTree a = (AssignmentTree) e;
        Var target = target(a.getVariable());
        return Stmt.Assign.set(target, Typing.convert(expressions.expression(a.getExpression()),
            target.type(), a.getExpression()), src);
      case PREFIX_INCREMENT:
      case POSTFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_DECREMENT:
        UnaryTree u = (UnaryTree) e;
        Var w = target(u.getExpression());
        Expr step = Typing.arithmetic(u, increments(e) ? Op.ADD : Op.SUB, new Expr.Ref(w),
            Expr.Const.ofInt(1));
        return Stmt.Assign.set(w, Typing.narrow(step, w.type()), src);
      case METHOD_INVOCATION:
        throw new Unsupported(e, Message.UNSUPPORTED, "a call whose result is discarded",
            "a differentiated method has no side effects to call for; remove the call");
      default:
        throw new Unsupported(e, Message.UNSUPPORTED, "this expression statement",
            "write an assignment to a local or parameter");
    }
  }

  private static boolean increments(Tree e) {
    return e.getKind() == Tree.Kind.PREFIX_INCREMENT
        || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
  }

  /**
   * The inner assignment of {@code a = b = e} or {@code a += b = e}, if {@code e}'s value is an
   * assignment (or compound assignment) to a local or parameter; else null.
   */
  private static ExpressionTree chainedAssignment(ExpressionTree e) {
    ExpressionTree value = e instanceof AssignmentTree a ? a.getExpression()
        : e instanceof CompoundAssignmentTree c ? c.getExpression() : null;
    while (value instanceof ParenthesizedTree p) {
      value = p.getExpression();
    }
    boolean assignment = value instanceof AssignmentTree || value instanceof CompoundAssignmentTree;
    return assignment && assignedTree(value).getKind() == Tree.Kind.IDENTIFIER ? value : null;
  }

  /** Whether {@code chain} (an inner assignment and the ones inside it) assigns {@code name}. */
  private static boolean assignsInChain(ExpressionTree chain, ExpressionTree name) {
    for (ExpressionTree link = chain; link != null; link = chainedAssignment(link)) {
      if (assignedTree(link).toString().equals(name.toString())) {
        return true;
      }
    }
    return false;
  }

  private static ExpressionTree assignedTree(ExpressionTree e) {
    if (e instanceof AssignmentTree a) {
      return a.getVariable();
    } else if (e instanceof CompoundAssignmentTree c) {
      return c.getVariable();
    } else if (e instanceof UnaryTree u) {
      return u.getExpression();
    }
    return null;
  }

  /** {@code a[i] = e}, {@code a[i][j] += e}, {@code a[i]++}: a store into a local array. */
  private Stmt store(ExpressionTree e, ArrayAccessTree lhs, SourceRef src, List<Stmt> out) {
    Expr array = expressions.expression(lhs.getExpression());
    Expr index = expressions.integer(lhs.getIndex());
    if (e.getKind() != Tree.Kind.ASSIGNMENT) {
      // a[k(i)] += x reads and writes one element: its address is evaluated once, as in Java.
      array = addressOnce(array, src, out, false);
      index = once(index, src, out, false);
    }
    if (!array.type().isArray()) {
      throw new Unsupported(lhs, Message.TYPE_MISMATCH, lhs.getExpression() + " is not an array");
    }
    Type element = array.type().elementType();
    // A write into a parameter's array is the caller's to see (verify.ParameterWrites finds
    // them on the IR); once rebound (a = scale(2, a)), the parameter names the method's own.
    if (RowStores.isRow(array) && e.getKind() == Tree.Kind.ASSIGNMENT) {
      return RowStores.read(e, array, index, ((AssignmentTree) e).getExpression(), expressions,
          effects, src, out);
    }
    if (!element.isNumeric()) {
      throw new Unsupported(lhs, Message.UNSUPPORTED, "this assignment to a row",
          "assign the row's elements one by one");
    }
    Expr current = new Expr.Index(array, index);
    Expr value;
    int mark = effects.mark();
    if (e instanceof AssignmentTree a) {
      value = Typing.convert(expressions.expression(a.getExpression()), element, e);
    } else if (e instanceof CompoundAssignmentTree c) {
      Expr operand = expressions.expression(c.getExpression());
      value = Typing.narrow(Typing.arithmetic(c, TreeKinds.operator(e.getKind()),
          effects.spill(current, mark), operand), element);
    } else {
      value = Typing.narrow(Typing.arithmetic(e, increments(e) ? Op.ADD : Op.SUB, current,
          Expr.Const.ofInt(1)), element);
    }
    // a[i] = i++ stores where i was: the address is evaluated before the value.
    return new Stmt.Store(expressions.stableRow(array, mark), effects.spill(index, mark), value,
        false, src);
  }

  /** {@code m[k(i)]} with the row index evaluated once into a local. */
  private Expr addressOnce(Expr array, SourceRef src, List<Stmt> out, boolean always) {
    return array instanceof Expr.Index row ? new Expr.Index(
        addressOnce(row.array(), src, out, always), once(row.index(), src, out, always)) : array;
  }

  /**
   * An index that calls a helper, evaluated into an int local so the helper runs once; {@code
   * always}: any index but a constant, whose variables a chained assignment may change next.
   */
  private Expr once(Expr index, SourceRef src, List<Stmt> out, boolean always) {
    boolean keep = always ? index instanceof Expr.Const
        : index.isAtom() || !Exprs.callsHelper(index);
    if (keep) {
      return index;
    }
    Var k = new Var("index", index.type(), Var.Role.TEMP);
    emit(out, Stmt.Assign.set(k, index, src));
    return new Expr.Ref(k);
  }

  private Var target(ExpressionTree t) {
    if (t.getKind() != Tree.Kind.IDENTIFIER) {
      throw new Unsupported(t, Message.UNSUPPORTED, "assignment to " + t,
          "assign only to locals and parameters");
    }
    String name = ((IdentifierTree) t).getName().toString();
    if (scopes.function(name).isPresent()) {
      throw new Unsupported(t, Message.UNSUPPORTED, "assigning the function " + name + " again",
          "declare another local function");
    }
    if (scopes.lookup(name).isEmpty() && scopes.lookupRecord(name).isPresent()) {
      throw new Unsupported(t, Message.UNSUPPORTED, "assigning to the record " + name,
          "records are read-only here; declare another local alias (var other = ...)");
    }
    return scopes.lookup(name).orElseThrow(
        () -> new Unsupported(t, Message.UNSUPPORTED, "assignment to field " + name,
            "a differentiated method must not change state; use a local"));
  }
}
