package dev.adjoint.processor.frontend;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads statements: blocks, declarations, branches, loops (desugared to one loop form) and
 * jumps. A statement that cannot be read is reported and reading goes on with the next, so one
 * build shows every problem of the method.
 */
final class StatementReader {
  private static final Expr TRUE = new Expr.Const(Type.BOOLEAN, 1, null);

  private final ExpressionReader expressions;
  private final AssignmentReader assignments;
  private final Scopes scopes;
  private final SourceRefs sources;
  private final Problems problems;
  private final Effects effects;
  private SwitchReader switches;

  StatementReader(ExpressionReader expressions, AssignmentReader assignments, Scopes scopes,
      SourceRefs sources, Problems problems, Effects effects) {
    this.expressions = expressions;
    this.assignments = assignments;
    this.scopes = scopes;
    this.sources = sources;
    this.problems = problems;
    this.effects = effects;
  }

  void setSwitches(SwitchReader switches) {
    this.switches = switches;
  }

  void block(List<? extends StatementTree> statements, List<Stmt> out) {
    scopes.push();
    readEach(statements, out);
    scopes.pop();
  }

  /**
   * Reads {@code statements}, then {@code value} in their scope (a switch expression's case
   * ending in {@code yield value}); the value's effects are left pending.
   */
  Expr blockWithValue(List<? extends StatementTree> statements, ExpressionTree value,
      List<Stmt> out) {
    return block(statements, value, null, out);
  }

  /** The statements into {@code out}, then {@code value}'s effects from {@code at}'s line. */
  private Expr block(List<? extends StatementTree> statements, ExpressionTree value, Tree at,
      List<Stmt> out) {
    scopes.push();
    try {
      readEach(statements, out);
      if (at != null) {
        effects.at(sources.of(at));
      }
      return expressions.expression(value);
    } finally {
      scopes.pop();
    }
  }

  /**
   * Like {@link #blockWithValue}, for a body ending in {@code end} (a lambda's, an inlined
   * callee's): what its value needs run comes from the line of that {@code return}.
   */
  Expr blockWithReturn(List<? extends StatementTree> statements, ReturnTree end,
      List<Stmt> out) {
    return block(statements, end.getExpression(), end, out);
  }

  private void readEach(List<? extends StatementTree> statements, List<Stmt> out) {
    for (StatementTree s : statements) {
      int recovered = problems.recoveries();
      try {
        statement(s, out);
      } catch (Unsupported u) {
        effects.clear();
        // A type error about a value stood in for (an unresolved name) is not the user's news.
        boolean consequence = u.message == Message.TYPE_MISMATCH
            && problems.recoveries() > recovered;
        if (!u.alreadyReported() && !consequence) {
          problems.report(u);
        }
      }
    }
  }

  private void statement(StatementTree s, List<Stmt> out) {
    expressions.skipIfFenced(s);
    SourceRef src = sources.of(s);
    effects.at(src);
    switch (s.getKind()) {
      case BLOCK:
        block(((BlockTree) s).getStatements(), out);
        break;
      case EMPTY_STATEMENT:
        break;
      case VARIABLE:
        declaration((VariableTree) s, src, out);
        break;
      case EXPRESSION_STATEMENT:
        assignments.read(((ExpressionStatementTree) s).getExpression(), src, out);
        break;
      case IF:
        IfTree ifTree = (IfTree) s;
        Expr cond = expressions.condition(ifTree.getCondition());
        effects.drainInto(out);
        List<Stmt> then = new ArrayList<>();
        block(List.of(ifTree.getThenStatement()), then);
        List<Stmt> otherwise = new ArrayList<>();
        if (ifTree.getElseStatement() != null) {
          block(List.of(ifTree.getElseStatement()), otherwise);
        }
        out.add(new Stmt.If(cond, then, otherwise, src));
        break;
      case RETURN:
        ExpressionTree value = ((ReturnTree) s).getExpression();
        if (value == null) { // return; of a void method (javac rejects it elsewhere)
          out.add(new Stmt.Return(null, src));
          break;
        }
        // A double[] result (a method returning double[]) is returned by reference, as in Java.
        Expr returned = expressions.expression(value);
        // (A double[][] result is reported with the signature.)
        if (!returned.type().isArray() && !returned.type().isNumeric()) {
          throw new Unsupported(value, Message.TYPE_MISMATCH, "expected a number or a double[]"
              + " here, not " + returned.type().javaName());
        }
        effects.drainInto(out);
        out.add(new Stmt.Return(returned, src));
        break;
      case WHILE_LOOP:
        WhileLoopTree whileLoop = (WhileLoopTree) s;
        Expr test = expressions.condition(whileLoop.getCondition());
        List<Stmt> again = condition(out);
        out.add(new Stmt.Loop(test, body(whileLoop.getStatement()), again, src));
        break;
      case DO_WHILE_LOOP:
        doWhile((DoWhileLoopTree) s, src, out);
        break;
      case FOR_LOOP:
        forLoop((ForLoopTree) s, src, out);
        break;
      case ENHANCED_FOR_LOOP:
        forEach((EnhancedForLoopTree) s, src, out);
        break;
      case SWITCH:
        switches.statement((SwitchTree) s, src, out);
        break;
      case ASSERT:
        // Checked like Java code, then left out: the value and gradient never depend on it.
        expressions.condition(((AssertTree) s).getCondition());
        if (assigns(effects.take())) {
          throw new Unsupported(s, Message.UNSUPPORTED, "an assert whose condition assigns",
              "assign before the assert; asserts are not run by the generated code");
        }
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

  /**
   * The effects of a loop condition just read: run before the loop, and again (a copy) after
   * each iteration, before the condition is tested again.
   */
  private List<Stmt> condition(List<Stmt> out) {
    List<Stmt> effectsOfTest = effects.take();
    out.addAll(effectsOfTest);
    return Stmts.copy(effectsOfTest);
  }

  /** Whether {@code stmts} write anything but temporaries (of a switch expression, say). */
  private static boolean assigns(List<Stmt> stmts) {
    boolean[] found = {false};
    Stmts.walk(stmts, st -> found[0] |= st instanceof Stmt.Store
        || st instanceof Stmt.Assign a && a.target().role() != Var.Role.TEMP);
    return found[0];
  }

  private List<Stmt> body(StatementTree statement) {
    List<Stmt> body = new ArrayList<>();
    block(List.of(statement), body);
    return body;
  }

  /** {@code do body while (c)}: {@code again = true; while (again) { body; again = c; }}. */
  private void doWhile(DoWhileLoopTree loop, SourceRef src, List<Stmt> out) {
    Var again = new Var("again", Type.BOOLEAN, Var.Role.TEMP);
    out.add(Stmt.Assign.set(again, TRUE, src));
    List<Stmt> body = body(loop.getStatement());
    effects.at(src);
    Expr test = expressions.condition(loop.getCondition());
    List<Stmt> next = effects.take();
    next.add(Stmt.Assign.set(again, test, src));
    out.add(new Stmt.Loop(Exprs.ref(again), body, next, src));
  }

  private void forLoop(ForLoopTree loop, SourceRef src, List<Stmt> out) {
    scopes.push();
    for (StatementTree init : loop.getInitializer()) {
      statement(init, out);
    }
    effects.at(src);
    Expr cond = loop.getCondition() == null ? TRUE : expressions.condition(loop.getCondition());
    List<Stmt> again = condition(out);
    List<Stmt> update = new ArrayList<>();
    for (ExpressionStatementTree u : loop.getUpdate()) {
      assignments.read(u.getExpression(), src, update);
    }
    update.addAll(again);
    out.add(new Stmt.Loop(cond, body(loop.getStatement()), update, src));
    scopes.pop();
  }

  /** {@code for (double v : a) body}: a counted loop over {@code a}'s elements. */
  private void forEach(EnhancedForLoopTree loop, SourceRef src, List<Stmt> out) {
    Expr array = expressions.expression(loop.getExpression());
    effects.drainInto(out);
    if (!array.type().isArray()) {
      throw new Unsupported(loop.getExpression(), Message.TYPE_MISMATCH,
          "a for-each loop needs an array here, not " + array.type().javaName());
    }
    if (!(array instanceof Expr.Ref)) {
      Var copy = new Var("elements", array.type(), Var.Role.LOCAL);
      out.add(Stmt.Assign.set(copy, array, src));
      array = Exprs.ref(copy);
    }
    scopes.push();
    Var index = new Var("index", Type.INT, Var.Role.LOCAL);
    out.add(Stmt.Assign.set(index, Expr.Const.ofInt(0), src));
    String name = loop.getVariable().getName().toString();
    Var element = new Var(name, array.type().elementType(), Var.Role.LOCAL);
    scopes.declare(element);
    List<Stmt> body = new ArrayList<>();
    body.add(Stmt.Assign.set(element, new Expr.Index(array, Exprs.ref(index)), src));
    body.addAll(body(loop.getStatement()));
    Stmt step = Stmt.Assign.set(index,
        new Expr.Binary(Op.ADD, Exprs.ref(index), Expr.Const.ofInt(1)), src);
    Expr cond = new Expr.Binary(Op.LT, Exprs.ref(index), new Expr.Length(array));
    out.add(new Stmt.Loop(cond, body, List.of(step), src));
    scopes.pop();
  }

  /** {@code var l = p.l1();}: another name for the record, read-only as records are. */
  private void recordAlias(VariableTree decl, String name, RecordShape record) {
    String type = decl.getType() == null ? "var" : decl.getType().toString();
    String simple = record.type().simpleNames();
    boolean names = type.equals("var") || simple.equals(type) || simple.endsWith("." + type)
        || record.type().canonical().equals(type);
    if (!names) {
      // Declare the name anyway, so later uses do not report a second, spurious error.
      scopes.declare(new Var(name, TreeKinds.type(decl.getType()).orElse(Type.DOUBLE),
          Var.Role.LOCAL));
      throw new Unsupported(decl, Message.TYPE_MISMATCH, "local " + name + " of type " + type
          + " is initialized with the record " + record.type().canonical());
    }
    scopes.declareRecord(name, record);
  }

  private void declaration(VariableTree decl, SourceRef src, List<Stmt> out) {
    String name = decl.getName().toString();
    int arity = decl.getType() instanceof ExpressionTree t
        ? FunctionalTypes.arity(expressions.qualifierType(t)) : -1;
    if (arity > 0) {
      try {
        scopes.declare(localFunction(decl, name, arity));
      } catch (Unsupported u) {
        // Declared anyway, so that its calls do not report a second, spurious error.
        scopes.declare(new LocalFunction(name, arity, null, scopes.snapshot()));
        throw u;
      }
      return;
    }
    if (decl.getInitializer() != null
        && expressions.records().resolve(decl.getInitializer()) instanceof RecordShape record) {
      recordAlias(decl, name, record);
      return;
    }
    Optional<Type> declared = TreeKinds.type(decl.getType());
    if (declared.isPresent() && ArrayInitializers.isInitializer(decl.getInitializer())) {
      // The array is filled in place: the local is not in scope in its own initializer.
      Var v = new Var(name, declared.get(), Var.Role.LOCAL);
      try {
        expressions.fill(v, (NewArrayTree) decl.getInitializer());
      } finally {
        scopes.declare(v);
      }
      effects.drainInto(out);
      return;
    }
    if (declared.isPresent() && decl.getInitializer() instanceof SwitchExpressionTree choice) {
      // Each case assigns the local itself, not a temporary copied into it.
      Var v = new Var(name, declared.get(), Var.Role.LOCAL);
      try {
        switches.expression(choice, v);
      } finally {
        scopes.declare(v);
      }
      effects.drainInto(out);
      return;
    }
    Type type;
    Tree typeTree = decl.getType();
    Expr init;
    try {
      init = decl.getInitializer() == null ? null
          : expressions.expression(decl.getInitializer());
    } catch (Unsupported u) {
      // Declare the name anyway, so later uses do not report a second, spurious error.
      boolean inferred = typeTree == null || typeTree.toString().equals("var");
      Optional<ClassRef> object = inferred ? Optional.empty() : objectType(typeTree);
      scopes.declare(object.isPresent() ? Var.object(name, Var.Role.LOCAL, object.get())
          : new Var(name, TreeKinds.type(typeTree).orElse(Type.DOUBLE), Var.Role.LOCAL));
      throw u;
    }
    ClassRef objectClass = null;
    if (typeTree == null || typeTree.toString().equals("var")) {
      if (init == null) {
        throw new Unsupported(decl, Message.LOCAL_TYPE, name, "var without initializer");
      }
      type = init.type();
      objectClass = Exprs.objectClass(init);
      if (type == Type.OBJECT && objectClass == null) {
        throw new Unsupported(decl, Message.LOCAL_TYPE, name, "var initialized with null");
      }
    } else {
      type = TreeKinds.type(typeTree).orElse(null);
      objectClass = type != null ? null : objectType(typeTree).orElse(null);
      type = objectClass != null ? Type.OBJECT : type;
      if (type == null) {
        scopes.declare(new Var(name, Type.DOUBLE, Var.Role.LOCAL)); // as above
        throw new Unsupported(typeTree, Message.LOCAL_TYPE, name, typeTree);
      }
    }
    Var v = objectClass != null ? Var.object(name, Var.Role.LOCAL, objectClass)
        : new Var(name, type, Var.Role.LOCAL);
    scopes.declare(v);
    if (init != null) {
      effects.drainInto(out);
      out.add(Stmt.Assign.set(v, Typing.convert(init, type, decl.getInitializer()), src));
    }
  }

  /** {@code DoubleUnaryOperator f = v -> ...}, {@code = Foo::g} or {@code = g} (another). */
  private LocalFunction localFunction(VariableTree decl, String name, int arity) {
    ExpressionTree init = decl.getInitializer();
    if (init instanceof com.sun.source.tree.LambdaExpressionTree lambda
        && lambda.getParameters().size() == arity) {
      return new LocalFunction(name, arity, lambda, scopes.snapshot());
    }
    if (init instanceof com.sun.source.tree.MemberReferenceTree ref
        && ref.getMode() == com.sun.source.tree.MemberReferenceTree.ReferenceMode.INVOKE) {
      return new LocalFunction(name, arity, ref, scopes.snapshot());
    }
    if (init instanceof com.sun.source.tree.IdentifierTree id) {
      Optional<LocalFunction> other = scopes.function(id.getName().toString());
      if (other.isPresent() && other.get().arity() == arity) {
        return other.get().named(name);
      }
    }
    throw new Unsupported(init == null ? decl : init, Message.UNSUPPORTED, "this value of"
        + " the function " + name, "initialize it where it is declared with a lambda (v -> v *"
        + " v) or a method reference (Losses::g), and do not assign it again");
  }

  /** The enum or {@code String} a local's declared type names, if it names one. */
  private Optional<ClassRef> objectType(Tree typeTree) {
    return typeTree instanceof ExpressionTree e
        ? ObjectTypes.of(expressions.qualifierType(e)) : Optional.empty();
  }

  static Unsupported unsupported(Tree t) {
    return new Unsupported(t, Message.UNSUPPORTED, "this construct (" + t.getKind() + ")",
        "rewrite it with double locals, arithmetic, Math functions and if/else");
  }
}
