package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.Rule;
import dev.adjoint.processor.rules.RulesTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * Reads a method body (javac trees, not yet attributed) into IR, resolving names and types
 * itself over the supported subset. Desugars compound assignment and {@code ++}/{@code --};
 * keeps branches, ternaries and returns for the transforms. Each statement that cannot be read
 * is reported at its tree and reading goes on, so one build shows every problem.
 */
public final class MethodReader {
  private static final Expr TRUE = new Expr.Const(Type.BOOLEAN, 1, null);

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final Diagnostics diagnostics;
  private final NameResolver names;
  private final String fileName;
  private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
  private final java.util.Set<Var> storedArrays = new java.util.HashSet<>();
  /** Inner assignments of a chain already read, each standing for its target's new value. */
  private final Map<Tree, Expr> chainValues = new java.util.IdentityHashMap<>();
  private int errors;

  private final Shadowing shadowing;

  private final CalleeResolver callees;

  public MethodReader(CompilationUnitTree unit, SourcePositions positions,
      Diagnostics diagnostics, Shadowing shadowing, CalleeResolver callees) {
    this.unit = unit;
    this.callees = callees;
    this.shadowing = shadowing;
    this.positions = positions;
    this.diagnostics = diagnostics;
    this.names = callees.names();
    String path = unit.getSourceFile().getName();
    this.fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  }

  /** The simple name of the file being read, for comments in generated code. */
  public String fileName() {
    return fileName;
  }

  /**
   * Reads {@code method}, whose parameters have the given IR types. Returns empty if anything
   * was reported.
   */
  public Optional<Function> read(MethodTree method, List<Type> paramTypes) {
    List<Var> params = new ArrayList<>();
    Map<String, Var> scope = new HashMap<>();
    for (int i = 0; i < paramTypes.size(); i++) {
      String name = method.getParameters().get(i).getName().toString();
      Var v = new Var(name, paramTypes.get(i), Var.Role.PARAM);
      params.add(v);
      scope.put(name, v);
    }
    scopes.push(scope);
    List<Stmt> body = new ArrayList<>();
    readBlock(method.getBody().getStatements(), body);
    scopes.pop();
    return errors == 0
        ? Optional.of(new Function(method.getName().toString(), params, body, null))
        : Optional.empty();
  }

  private void readBlock(List<? extends StatementTree> statements, List<Stmt> out) {
    scopes.push(new HashMap<>());
    for (StatementTree s : statements) {
      try {
        readStatement(s, out);
      } catch (Unsupported u) {
        errors++;
        diagnostics.error(u.tree, unit, u.message, u.args);
      }
    }
    scopes.pop();
  }

  private void readStatement(StatementTree s, List<Stmt> out) {
    SourceRef src = sourceOf(s);
    switch (s.getKind()) {
      case BLOCK:
        readBlock(((BlockTree) s).getStatements(), out);
        break;
      case EMPTY_STATEMENT:
        break;
      case VARIABLE:
        readDeclaration((VariableTree) s, src, out);
        break;
      case EXPRESSION_STATEMENT:
        readAssignment(((ExpressionStatementTree) s).getExpression(), src, out);
        break;
      case IF:
        IfTree ifTree = (IfTree) s;
        Expr cond = condition(ifTree.getCondition());
        List<Stmt> then = new ArrayList<>();
        readBlock(List.of(ifTree.getThenStatement()), then);
        List<Stmt> otherwise = new ArrayList<>();
        if (ifTree.getElseStatement() != null) {
          readBlock(List.of(ifTree.getElseStatement()), otherwise);
        }
        out.add(new Stmt.If(cond, then, otherwise, src));
        break;
      case RETURN:
        ExpressionTree value = ((ReturnTree) s).getExpression();
        out.add(new Stmt.Return(numeric(value), src));
        break;
      case WHILE_LOOP:
        WhileLoopTree whileLoop = (WhileLoopTree) s;
        out.add(new Stmt.Loop(condition(whileLoop.getCondition()),
            body(whileLoop.getStatement()), List.of(), src));
        break;
      case DO_WHILE_LOOP:
        readDoWhile((DoWhileLoopTree) s, src, out);
        break;
      case FOR_LOOP:
        readFor((ForLoopTree) s, src, out);
        break;
      case ENHANCED_FOR_LOOP:
        readForEach((EnhancedForLoopTree) s, src, out);
        break;
      case BREAK:
        if (((BreakTree) s).getLabel() != null) {
          throw new Unsupported(s, Message.UNSUPPORTED, "a labeled break",
              "use a boolean flag tested in the outer loop's condition");
        }
        out.add(new Stmt.Break(src));
        break;
      case CONTINUE:
        if (((ContinueTree) s).getLabel() != null) {
          throw new Unsupported(s, Message.UNSUPPORTED, "a labeled continue",
              "use a boolean flag and if/else in the inner loop");
        }
        out.add(new Stmt.Continue(src));
        break;
      default:
        throw unsupported(s);
    }
  }

  private List<Stmt> body(StatementTree statement) {
    List<Stmt> body = new ArrayList<>();
    readBlock(List.of(statement), body);
    return body;
  }

  /** {@code do body while (c)}: {@code again = true; while (again) { body; again = c; }}. */
  private void readDoWhile(DoWhileLoopTree loop, SourceRef src, List<Stmt> out) {
    Var again = new Var("again", Type.BOOLEAN, Var.Role.TEMP);
    out.add(Stmt.Assign.set(again, TRUE, src));
    List<Stmt> body = body(loop.getStatement());
    Stmt next = Stmt.Assign.set(again, condition(loop.getCondition()), src);
    out.add(new Stmt.Loop(Exprs.ref(again), body, List.of(next), src));
  }

  private void readFor(ForLoopTree loop, SourceRef src, List<Stmt> out) {
    scopes.push(new HashMap<>());
    for (StatementTree init : loop.getInitializer()) {
      readStatement(init, out);
    }
    Expr cond = loop.getCondition() == null ? TRUE : condition(loop.getCondition());
    List<Stmt> update = new ArrayList<>();
    for (ExpressionStatementTree u : loop.getUpdate()) {
      readAssignment(u.getExpression(), src, update);
    }
    out.add(new Stmt.Loop(cond, body(loop.getStatement()), update, src));
    scopes.pop();
  }

  /** {@code for (double v : a) body}: a counted loop over {@code a}'s elements. */
  private void readForEach(EnhancedForLoopTree loop, SourceRef src, List<Stmt> out) {
    Expr array = expression(loop.getExpression());
    if (!array.type().isArray()) {
      throw new Unsupported(loop.getExpression(), Message.TYPE_MISMATCH,
          "a for-each loop needs an array here, not " + array.type().javaName());
    }
    if (!(array instanceof Expr.Ref)) {
      Var copy = new Var("elements", array.type(), Var.Role.LOCAL);
      out.add(Stmt.Assign.set(copy, array, src));
      array = Exprs.ref(copy);
    }
    scopes.push(new HashMap<>());
    Var index = new Var("index", Type.INT, Var.Role.LOCAL);
    out.add(Stmt.Assign.set(index, Expr.Const.ofInt(0), src));
    String name = loop.getVariable().getName().toString();
    Var element = new Var(name, array.type().elementType(), Var.Role.LOCAL);
    scopes.peek().put(name, element);
    List<Stmt> body = new ArrayList<>();
    body.add(Stmt.Assign.set(element, new Expr.Index(array, Exprs.ref(index)), src));
    body.addAll(body(loop.getStatement()));
    Stmt step = Stmt.Assign.set(index,
        new Expr.Binary(Op.ADD, Exprs.ref(index), Expr.Const.ofInt(1)), src);
    Expr cond = new Expr.Binary(Op.LT, Exprs.ref(index), new Expr.Length(array));
    out.add(new Stmt.Loop(cond, body, List.of(step), src));
    scopes.pop();
  }

  private void readDeclaration(VariableTree decl, SourceRef src, List<Stmt> out) {
    String name = decl.getName().toString();
    Type type;
    Tree typeTree = decl.getType();
    Expr init;
    try {
      init = decl.getInitializer() == null ? null : expression(decl.getInitializer());
    } catch (Unsupported u) {
      // Declare the name anyway, so later uses do not report a second, spurious error.
      scopes.peek().put(name, new Var(name, TreeKinds.type(typeTree).orElse(Type.DOUBLE),
          Var.Role.LOCAL));
      throw u;
    }
    if (typeTree == null || typeTree.toString().equals("var")) {
      if (init == null) {
        throw new Unsupported(decl, Message.LOCAL_TYPE, name, "var without initializer");
      }
      type = init.type();
    } else {
      type = TreeKinds.type(typeTree).orElseThrow(
          () -> new Unsupported(typeTree, Message.LOCAL_TYPE, name, typeTree));
    }
    Var v = new Var(name, type, Var.Role.LOCAL);
    scopes.peek().put(name, v);
    if (init != null) {
      out.add(Stmt.Assign.set(v, convert(init, type, decl.getInitializer()), src));
    }
  }

  /** Reads an expression statement into {@code out}: usually one statement, more for chains. */
  private void readAssignment(ExpressionTree e, SourceRef src, List<Stmt> out) {
    ExpressionTree link = chainedAssignment(e);
    ExpressionTree lhs = assignedTree(e);
    if (link != null) {
      // a = b = e: b = e first, then a = b, the new value of b being what the inner assignment
      // evaluates to; e is evaluated once. Java evaluates an element's address before the
      // value, and a compound assignment reads its target before: both come first here too.
      if (lhs.getKind() == Tree.Kind.ARRAY_ACCESS) {
        ArrayAccessTree element = (ArrayAccessTree) lhs;
        chainValues.put(element.getExpression(),
            addressOnce(expression(element.getExpression()), src, out, true));
        chainValues.put(element.getIndex(),
            once(integer(element.getIndex()), src, out, true));
      } else if (e.getKind() != Tree.Kind.ASSIGNMENT && assignsInChain(link, lhs)) {
        throw new Unsupported(e, Message.UNSUPPORTED, "a compound assignment to " + lhs
            + " whose value assigns " + lhs + " again", "split it into two statements");
      }
      readAssignment(link, src, out);
      chainValues.put(link, new Expr.Ref(target(assignedTree(link))));
    }
    if (lhs != null && lhs.getKind() == Tree.Kind.ARRAY_ACCESS) {
      out.add(readStore(e, (ArrayAccessTree) lhs, src, out));
      return;
    }
    out.add(readAssignment(e, src));
  }

  private Stmt readAssignment(ExpressionTree e, SourceRef src) {
    switch (e.getKind()) {
      case ASSIGNMENT:
        AssignmentTree a = (AssignmentTree) e;
        Var target = target(a.getVariable());
        return Stmt.Assign.set(target, convert(expression(a.getExpression()), target.type(),
            a.getExpression()), src);
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
        CompoundAssignmentTree c = (CompoundAssignmentTree) e;
        Var v = target(c.getVariable());
        Expr rhs = arithmetic(c, TreeKinds.operator(e.getKind()), new Expr.Ref(v),
            expression(c.getExpression()));
        return Stmt.Assign.set(v, narrow(rhs, v.type()), src);
      case PREFIX_INCREMENT:
      case POSTFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_DECREMENT:
        UnaryTree u = (UnaryTree) e;
        Var w = target(u.getExpression());
        boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT
            || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        Expr step = arithmetic(u, up ? Op.ADD : Op.SUB, new Expr.Ref(w), Expr.Const.ofInt(1));
        return Stmt.Assign.set(w, narrow(step, w.type()), src);
      case METHOD_INVOCATION:
        throw new Unsupported(e, Message.UNSUPPORTED, "a call whose result is discarded",
            "a differentiated method has no side effects to call for; remove the call");
      default:
        throw new Unsupported(e, Message.UNSUPPORTED, "this expression statement",
            "write an assignment to a local or parameter");
    }
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
  private Stmt readStore(ExpressionTree e, ArrayAccessTree lhs, SourceRef src, List<Stmt> out) {
    Expr array = expression(lhs.getExpression());
    Expr index = integer(lhs.getIndex());
    if (e.getKind() != Tree.Kind.ASSIGNMENT) {
      // a[k(i)] += x reads and writes one element: its address is evaluated once, as in Java.
      array = addressOnce(array, src, out, false);
      index = once(index, src, out, false);
    }
    Type element = array.type().elementType();
    Var base = Stmts.baseVar(array);
    // A write into a parameter's array is rejected after renaming (AliasExpansion): once the
    // parameter is rebound (a = scale(2, a)), its new array is the method's own.
    if (!element.isNumeric()) {
      throw new Unsupported(lhs, Message.UNSUPPORTED, "assigning a whole row",
          "assign the row's elements one by one");
    }
    Expr current = new Expr.Index(array, index);
    Expr value;
    switch (e.getKind()) {
      case ASSIGNMENT:
        value = convert(expression(((AssignmentTree) e).getExpression()), element, e);
        break;
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
        CompoundAssignmentTree c = (CompoundAssignmentTree) e;
        value = narrow(arithmetic(c, TreeKinds.operator(e.getKind()), current,
            expression(c.getExpression())), element);
        break;
      default:
        boolean up = e.getKind() == Tree.Kind.PREFIX_INCREMENT
            || e.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        value = narrow(arithmetic(e, up ? Op.ADD : Op.SUB, current, Expr.Const.ofInt(1)),
            element);
    }
    storedArrays.add(base);
    return new Stmt.Store(array, index, value, false, src);
  }

  /** {@code m[k(i)]} with the row index evaluated once into a local. */
  private static Expr addressOnce(Expr array, SourceRef src, List<Stmt> out, boolean always) {
    return array instanceof Expr.Index row ? new Expr.Index(
        addressOnce(row.array(), src, out, always), once(row.index(), src, out, always)) : array;
  }

  /**
   * An index that calls a helper, evaluated into an int local so the helper runs once; {@code
   * always}: any index but a constant, whose variables a chained assignment may change next.
   */
  private static Expr once(Expr index, SourceRef src, List<Stmt> out, boolean always) {
    boolean keep = always ? index instanceof Expr.Const
        : index.isAtom() || !Exprs.callsHelper(index);
    if (keep) {
      return index;
    }
    Var k = new Var("index", index.type(), Var.Role.TEMP);
    out.add(Stmt.Assign.set(k, index, src));
    return new Expr.Ref(k);
  }

  /** Compound assignment narrows implicitly ({@code int k; k += 0.5}); make that explicit. */
  private static Expr narrow(Expr value, Type target) {
    return value.type() == target ? value : new Expr.Cast(target, value);
  }

  private Var target(ExpressionTree t) {
    if (t.getKind() != Tree.Kind.IDENTIFIER) {
      throw new Unsupported(t, Message.UNSUPPORTED, "assignment to " + t,
          "assign only to locals and parameters");
    }
    String name = ((IdentifierTree) t).getName().toString();
    return lookup(name).orElseThrow(
        () -> new Unsupported(t, Message.UNSUPPORTED, "assignment to field " + name,
            "a differentiated method must not change state; use a local"));
  }

  private Expr expression(ExpressionTree e) {
    Expr chained = chainValues.remove(e);
    if (chained != null) {
      return chained;
    }
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
        return identifier((IdentifierTree) e);
      case MEMBER_SELECT:
        return constant((MemberSelectTree) e);
      case UNARY_PLUS:
        return numeric(((UnaryTree) e).getExpression());
      case UNARY_MINUS:
        return new Expr.Unary(Op.NEG, numeric(((UnaryTree) e).getExpression()));
      case LOGICAL_COMPLEMENT:
        return new Expr.Unary(Op.NOT, condition(((UnaryTree) e).getExpression()));
      case CONDITIONAL_EXPRESSION:
        ConditionalExpressionTree c = (ConditionalExpressionTree) e;
        Expr then = expression(c.getTrueExpression());
        Expr otherwise = expression(c.getFalseExpression());
        boolean arrays = then.type().isArray() || otherwise.type().isArray();
        if ((then.type() == Type.BOOLEAN) != (otherwise.type() == Type.BOOLEAN)
            || arrays && then.type() != otherwise.type()) {
          throw new Unsupported(e, Message.TYPE_MISMATCH,
              "the branches of this conditional have types " + then.type().javaName() + " and "
                  + otherwise.type().javaName());
        }
        return new Expr.Cond(condition(c.getCondition()), then, otherwise);
      case METHOD_INVOCATION:
        return call((MethodInvocationTree) e);
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
        throw unsupported(e);
    }
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
    return arithmetic(b, op, left, right);
  }

  private static Expr arithmetic(Tree at, Op op, Expr left, Expr right) {
    if (!left.type().isNumeric() || !right.type().isNumeric()) {
      throw new Unsupported(at, Message.TYPE_MISMATCH, "operator " + op.symbol()
          + " needs numbers, not boolean");
    }
    if (op == Op.REM && Type.promote(left.type(), right.type()) == Type.DOUBLE) {
      throw new Unsupported(at, Message.UNSUPPORTED, "the remainder operator % on double",
          "use it on int or long values only");
    }
    return new Expr.Binary(op, left, right);
  }



  private Expr identifier(IdentifierTree id) {
    String name = id.getName().toString();
    Optional<Var> v = lookup(name);
    if (v.isPresent()) {
      return new Expr.Ref(v.get());
    }
    TypeElement owner = single(id, name, names.fieldOwners(name));
    Optional<Expr.Const> c = owner == null ? Optional.empty() : constant(owner, name);
    return c.orElseThrow(() -> new Unsupported(id, Message.UNKNOWN_NAME, name, name));
  }

  /** The library constant {@code owner.name}, named in generated code as javac will read it. */
  private Optional<Expr.Const> constant(TypeElement owner, String name) {
    String qualified = owner.getQualifiedName().toString();
    String simple = owner.getSimpleName().toString();
    // Math and StrictMath are qualified by the emitter where needed; others here.
    String spelling = RulesTable.owner(qualified).orElse(
        qualified.equals("java.lang." + simple) && !shadowing.generatedCodeMustQualify(simple)
            ? simple : qualified);
    return Constants.of(qualified, name, spelling);
  }

  /**
   * The one class {@code candidates} holds; null if none; an error at {@code at} if several
   * (javac reports such a name as ambiguous).
   */
  private static TypeElement single(Tree at, String name, List<TypeElement> candidates) {
    if (candidates.size() > 1) {
      String all = candidates.stream().map(t -> t.getQualifiedName().toString())
          .collect(Collectors.joining(" and "));
      throw new Unsupported(at, Message.AMBIGUOUS_NAME, name, all,
          candidates.get(0).getQualifiedName() + "." + name);
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }

  /**
   * The class a qualifier ({@code Math}, {@code java.lang.Math}, {@code Outer.Inner}) names, if
   * it names one: a local variable of that name makes it an expression, not a type.
   */
  private TypeElement qualifierType(ExpressionTree qualifier) {
    String text = qualifier.toString();
    if (!text.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*")
        || lookup(text.split("\\.")[0]).isPresent()) {
      return null;
    }
    return single(qualifier, text, names.types(text));
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

  private Expr integer(ExpressionTree e) {
    Expr x = expression(e);
    if (x.type() != Type.INT) {
      throw new Unsupported(e, Message.TYPE_MISMATCH, "an index or length must be an int, not "
          + x.type().javaName());
    }
    return x;
  }

  private Expr constant(MemberSelectTree select) {
    if (select.getIdentifier().contentEquals("length")) {
      Expr array = expression(select.getExpression());
      if (array.type().isArray()) {
        return new Expr.Length(array);
      }
    }
    TypeElement owner = qualifierType(select.getExpression());
    Optional<Expr.Const> c = owner == null ? Optional.empty()
        : constant(owner, select.getIdentifier().toString());
    return c.orElseThrow(() -> new Unsupported(select, Message.UNKNOWN_NAME, select, select));
  }

  /**
   * A call: resolved to its class first, as javac will ({@link NameResolver}), then a rule of
   * that class's function, or a callee Adjoint can differentiate through, or an error. A name is
   * never taken for Math's because Math has a function of that name.
   */
  private Expr call(MethodInvocationTree call) {
    ExpressionTree callee = call.getMethodSelect();
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : call.getArguments()) {
      args.add(expression(a));
    }
    List<Type> argTypes = args.stream().map(Expr::type).toList();
    String name;
    List<TypeElement> candidates;
    if (callee instanceof MemberSelectTree select) {
      name = select.getIdentifier().toString();
      TypeElement type = qualifierType(select.getExpression());
      candidates = type == null ? List.of() : names.staticMethodOwners(type, name);
    } else {
      name = callee.toString();
      candidates = names.methodOwners(name);
    }
    List<TypeElement> applicable = candidates.stream()
        .filter(t -> names.hasApplicableStatic(t, name, argTypes)).toList();
    // With one class to choose, a call that does not fit it is still about that class's method.
    TypeElement owner = applicable.isEmpty() && candidates.size() == 1 ? candidates.get(0)
        : single(call, name, applicable);
    Optional<String> ruleOwner = owner == null ? Optional.empty()
        : RulesTable.owner(owner.getQualifiedName().toString());
    Optional<Rule> rule = ruleOwner.flatMap(o -> RulesTable.function(o, name, args.size()));
    if (rule.isPresent()) {
      return ruleCall(call, ruleOwner.get(), name, args);
    }
    Optional<CalleeResolver.Callee> target = owner == null ? Optional.empty()
        : callees.find(owner, name, args.size());
    if (target.isPresent()) {
      return invoke(call, target.get(), args);
    }
    String types = argTypes.stream().map(Type::javaName).collect(Collectors.joining(", "));
    if (owner != null && ruleOwner.isEmpty() && RulesTable.isMathFunction(name)) {
      throw new Unsupported(call, Message.NOT_MATH_FUNCTION, callee, types, name,
          owner.getQualifiedName() + "." + name, name);
    }
    String known = RulesTable.functions().stream().map(Rule::name).distinct()
        .collect(Collectors.joining(", "));
    throw new Unsupported(call, Message.UNKNOWN_FUNCTION, callee, types, known);
  }

  /** A call of a function with a rule, typed as Java types it. */
  private Expr ruleCall(MethodInvocationTree call, String owner, String name, List<Expr> args) {
    for (int i = 0; i < args.size(); i++) {
      if (!args.get(i).type().isNumeric()) {
        throw new Unsupported(call.getArguments().get(i), Message.TYPE_MISMATCH,
            "expected a number here, not " + args.get(i).type().javaName());
      }
    }
    return new Expr.Call(owner, name, args, resultType(call, owner, name, args));
  }

  /** A call of another {@code @Differentiable} method, differentiated through its pullback. */
  private Expr invoke(MethodInvocationTree call, CalleeResolver.Callee callee, List<Expr> args) {
    if (callee.problem() != null) {
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + " here",
          callee.problem() + "; make it public");
    }
    for (int i = 0; i < args.size(); i++) {
      Type expected = callee.parameterTypes().get(i);
      Expr arg = args.get(i);
      boolean fits = arg.type() == expected || (expected.isNumeric() && arg.type().isNumeric()
          && Type.promote(arg.type(), expected) == expected);
      if (!fits) {
        throw new Unsupported(call.getArguments().get(i), Message.TYPE_MISMATCH,
            "argument " + (i + 1) + " of " + callee.name() + " must be " + expected.javaName()
                + ", not " + arg.type().javaName());
      }
      if (expected.isArray() && arg instanceof Expr.NewArray) {
        throw new Unsupported(call.getArguments().get(i), Message.UNSUPPORTED,
            "passing a new array to " + callee.name(), "declare it as a local first");
      }
    }
    return new Expr.Invoke(callee.kind(), callee.owner(), callee.name(), args,
        callee.independents(), callee.returnType());
  }

  /**
   * The type Java gives the call, by the overload javac picks: {@code abs max min} keep int and
   * long, {@code round} gives long for a double, int for an int or long (its float overload),
   * {@code floorMod floorDiv} take int or long; the others are double. Overloads that would
   * compute in float ({@code signum}, {@code fma} of integers) are rejected: the IR has no float.
   */
  private static Type resultType(MethodInvocationTree call, String owner, String name,
      List<Expr> args) {
    Type promoted = Type.INT;
    for (Expr a : args) {
      promoted = Type.promote(promoted, a.type());
    }
    String function = owner + "." + name;
    switch (name) {
      case "abs":
      case "max":
      case "min":
        return promoted;
      case "round":
        return args.get(0).type() == Type.DOUBLE ? Type.LONG : Type.INT;
      case "floorMod":
      case "floorDiv":
        if (promoted == Type.DOUBLE) {
          throw new Unsupported(call, Message.TYPE_MISMATCH, function + " takes int or long"
              + " arguments, not double; use Math.floor for doubles");
        }
        // floorMod(long, int) is an int: the result's magnitude is below the divisor's.
        return name.equals("floorMod") && args.get(1).type() == Type.INT ? Type.INT : promoted;
      case "signum":
      case "fma":
        if (promoted != Type.DOUBLE) {
          throw new Unsupported(call, Message.UNSUPPORTED, function + " of int or long values"
              + " (Java computes it in float)", "cast an argument to double");
        }
        return Type.DOUBLE;
      default:
        return Type.DOUBLE;
    }
  }

  private Expr numeric(ExpressionTree e) {
    Expr x = expression(e);
    if (!x.type().isNumeric()) {
      throw new Unsupported(e, Message.TYPE_MISMATCH, "expected a number here, not "
          + x.type().javaName());
    }
    return x;
  }

  private Expr condition(ExpressionTree e) {
    Expr x = expression(e);
    if (x.type() != Type.BOOLEAN) {
      throw new Unsupported(e, Message.TYPE_MISMATCH,
          "expected a boolean condition here, not " + x.type().javaName());
    }
    return x;
  }

  private static Expr convert(Expr value, Type to, Tree at) {
    if (value.type() == to || (to.isNumeric() && value.type().isNumeric()
        && Type.promote(value.type(), to) == to)) {
      return value;
    }
    throw new Unsupported(at, Message.TYPE_MISMATCH, "cannot assign a " + value.type().javaName()
        + " to a " + to.javaName() + "; add a cast");
  }



  private Optional<Var> lookup(String name) {
    for (Map<String, Var> scope : scopes) {
      Var v = scope.get(name);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private SourceRef sourceOf(Tree t) {
    long pos = positions.getStartPosition(unit, t);
    int line = pos < 0 ? 0 : (int) unit.getLineMap().getLineNumber(pos);
    String text = t.toString().replaceAll("\\s+", " ").trim();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    if (t.getKind() == Tree.Kind.IF) {
      text = "if (" + ((IfTree) t).getCondition().toString().replaceAll("^\\((.*)\\)$", "$1")
          + ")";
    }
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return new SourceRef(fileName, line, text, t);
  }

  private static Unsupported unsupported(Tree t) {
    return new Unsupported(t, Message.UNSUPPORTED, "this construct (" + t.getKind() + ")",
        "rewrite it with double locals, arithmetic, Math functions and if/else");
  }
}
