package dev.adjoint.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code switch} statements and expressions into an if/else-if chain on the selector,
 * evaluated once. Each case ends the switch ({@code break}, {@code return}, {@code yield} or
 * the arrow form); a case that falls through into the next is an error, as is a {@code break}
 * before the end of its case, so every jump left in the chain is the enclosing loop's.
 */
final class SwitchReader {
  private final ExpressionReader expressions;
  private final StatementReader statements;
  private final Effects effects;

  private final ObjectLabels objectLabels;

  SwitchReader(ExpressionReader expressions, StatementReader statements, Effects effects,
      ObjectLabels objectLabels) {
    this.objectLabels = objectLabels;
    this.expressions = expressions;
    this.statements = statements;
    this.effects = effects;
  }

  /** One case group: its labels (none for {@code default}) and its statements or value. */
  private record Arm(Tree at, List<ExpressionTree> labels, boolean isDefault,
      List<? extends StatementTree> body, ExpressionTree value) {}

  void statement(SwitchTree tree, SourceRef src, List<Stmt> out) {
    Expr selector = selector(tree.getExpression(), src, out);
    List<Arm> arms = arms(tree.getCases(), false);
    List<List<Stmt>> bodies = new ArrayList<>();
    for (Arm arm : arms) {
      List<Stmt> body = new ArrayList<>();
      statements.block(arm.body(), body);
      bodies.add(body);
    }
    int otherwise = defaultOr(arms, -1);
    out.addAll(chain(selector, arms, bodies, otherwise, src));
  }

  /**
   * {@code if (selector == ...) body else if ...}, in source order, with the arm {@code
   * otherwise} (if not -1) as the final else.
   */
  private List<Stmt> chain(Expr selector, List<Arm> arms, List<List<Stmt>> bodies,
      int otherwise, SourceRef src) {
    List<Stmt> rest = otherwise < 0 ? List.of() : bodies.get(otherwise);
    for (int k = arms.size() - 1; k >= 0; k--) {
      if (k != otherwise) {
        rest = List.of(new Stmt.If(matches(selector, arms.get(k)), bodies.get(k), rest, src));
      }
    }
    return rest;
  }

  /** A switch expression: the statements go to the pending effects, the value is a local. */
  Expr expression(SwitchExpressionTree tree) {
    return expression(tree, null);
  }

  /**
   * A switch expression whose cases assign {@code into} (the local it initializes), or a new
   * local if null.
   */
  Expr expression(SwitchExpressionTree tree, Var into) {
    SourceRef src = effects.source();
    List<Stmt> before = new ArrayList<>();
    Expr selector = selector(tree.getExpression(), src, before);
    before.forEach(effects::add);
    List<Arm> arms = arms(tree.getCases(), true);
    List<List<Stmt>> bodies = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    Type type = null;
    for (Arm arm : arms) {
      List<Stmt> body = new ArrayList<>();
      Expr value = effects.apart(
          () -> statements.blockWithValue(arm.body(), arm.value(), body), body);
      bodies.add(body);
      values.add(value);
      type = type == null ? value.type() : join(type, value.type(), tree);
    }
    effects.at(src); // the statements of the cases were read; the effects are this one's again
    if (type == Type.OBJECT) {
      join(type, type, tree);
    }
    if (type == null || !(type.isNumeric() || type == Type.BOOLEAN)) {
      throw new Unsupported(tree, Message.UNSUPPORTED, "a switch expression of "
          + (type == null ? "no value" : type.javaName()), "yield a number or a boolean");
    }
    if (into != null) {
      type = into.type();
    }
    Var chosen = into != null ? into : new Var("chosen", type, Var.Role.TEMP);
    for (int k = 0; k < arms.size(); k++) {
      bodies.get(k).add(Stmt.Assign.set(chosen,
          Typing.convert(values.get(k), type, arms.get(k).at()), src));
    }
    // Exhaustive (javac checks): without a default, the last case is the final else.
    int otherwise = defaultOr(arms, arms.size() - 1);
    chain(selector, arms, bodies, otherwise, src).forEach(effects::add);
    return new Expr.Ref(chosen);
  }

  private static Type join(Type a, Type b, Tree at) {
    if (a == Type.OBJECT || b == Type.OBJECT) {
      throw new Unsupported(at, Message.UNSUPPORTED, "a switch expression choosing an enum or"
          + " String value", "declare the local first and assign it in each case of a switch"
          + " statement");
    }
    if (a.isNumeric() && b.isNumeric()) {
      return Type.promote(a, b);
    }
    if (a == b && a == Type.BOOLEAN) {
      return a;
    }
    throw new Unsupported(at, Message.TYPE_MISMATCH, "the cases of this switch yield "
        + a.javaName() + " and " + b.javaName());
  }

  /** The index of the default arm, else {@code none}. */
  private static int defaultOr(List<Arm> arms, int none) {
    for (int k = 0; k < arms.size(); k++) {
      if (arms.get(k).isDefault()) {
        return k;
      }
    }
    return none;
  }

  /** The selector's value, copied into a local unless it is a variable or a constant. */
  private Expr selector(ExpressionTree tree, SourceRef src, List<Stmt> out) {
    Expr value = expressions.expression(tree);
    if (value.type() != Type.INT && value.type() != Type.CHAR && value.type() != Type.OBJECT) {
      throw new Unsupported(tree, Message.UNSUPPORTED, "a switch on a "
          + value.type().javaName(), "switch on an int, a char, an enum or a String, or use"
          + " if/else if");
    }
    effects.drainInto(out);
    if (value.isAtom()) {
      return value;
    }
    Var copy = Var.holding("selector", Var.Role.TEMP, value);
    out.add(Stmt.Assign.set(copy, value, src));
    return new Expr.Ref(copy);
  }

  private Expr matches(Expr selector, Arm arm) {
    Expr any = null;
    for (ExpressionTree label : arm.labels()) {
      if (selector.type() == Type.OBJECT) {
        Expr test = objectLabels.matches(selector, label);
        any = any == null ? test : new Expr.Binary(Op.OR, any, test);
        continue;
      }
      Expr value = expressions.expression(label);
      boolean integral = value.type() == Type.INT || value.type() == Type.CHAR;
      if (!integral) {
        throw new Unsupported(label, Message.TYPE_MISMATCH, "a case label of type "
            + value.type().javaName() + " on a switch over " + selector.type().javaName());
      }
      Expr test = new Expr.Binary(Op.EQ, selector, value);
      any = any == null ? test : new Expr.Binary(Op.OR, any, test);
    }
    return any;
  }

  /** The case groups, each checked to end the switch; trailing {@code break}s dropped. */
  private List<Arm> arms(List<? extends CaseTree> cases, boolean yields) {
    List<Arm> arms = new ArrayList<>();
    List<ExpressionTree> labels = new ArrayList<>();
    boolean isDefault = false;
    for (int k = 0; k < cases.size(); k++) {
      CaseTree c = cases.get(k);
      labels.addAll(c.getExpressions());
      isDefault |= c.getExpressions().isEmpty();
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        arms.add(rule(c, labels, isDefault, yields));
      } else if (!c.getStatements().isEmpty() || k == cases.size() - 1) {
        arms.add(group(c, c.getStatements(), labels, isDefault, yields,
            k == cases.size() - 1));
      } else {
        continue; // case 1: case 2: ... one group
      }
      labels = new ArrayList<>();
      isDefault = false;
    }
    return arms;
  }

  private Arm rule(CaseTree c, List<ExpressionTree> labels, boolean isDefault, boolean yields) {
    Tree body = c.getBody();
    if (body instanceof ExpressionTree value) {
      return new Arm(c, List.copyOf(labels), isDefault, List.of(), value);
    }
    List<? extends StatementTree> stmts = body instanceof BlockTree block
        ? block.getStatements() : List.of((StatementTree) body);
    return group(c, stmts, labels, isDefault, yields, true);
  }

  private Arm group(CaseTree c, List<? extends StatementTree> written,
      List<ExpressionTree> labels, boolean isDefault, boolean yields, boolean last) {
    List<? extends StatementTree> stmts = openTrailingBlock(written);
    StatementTree end = stmts.isEmpty() ? null : stmts.get(stmts.size() - 1);
    List<? extends StatementTree> body = stmts;
    ExpressionTree value = null;
    if (yields) {
      if (!(end instanceof YieldTree yield)) {
        throw new Unsupported(end == null ? c : end, Message.UNSUPPORTED,
            "a switch expression case that does not end in yield",
            "end each case with yield value;");
      }
      value = yield.getValue();
      body = stmts.subList(0, stmts.size() - 1);
    } else if (end instanceof BreakTree b && b.getLabel() == null) {
      body = stmts.subList(0, stmts.size() - 1);
    } else if (!last && !endsCase(end)) {
      throw new Unsupported(c, Message.UNSUPPORTED, "a case that falls through into the next",
          "end it with break, or give both cases one group of labels: case 1, 2:");
    }
    StrayJumps.check(body, yields);
    return new Arm(c, List.copyOf(labels), isDefault, body, value);
  }

  /**
   * {@code case 1: { ...; break; }}: the statements of a last block, so that its break or yield
   * ends the case. Its locals are in scope of nothing after it.
   */
  private static List<? extends StatementTree> openTrailingBlock(
      List<? extends StatementTree> stmts) {
    while (!stmts.isEmpty() && stmts.get(stmts.size() - 1) instanceof BlockTree block) {
      List<StatementTree> opened = new ArrayList<>(stmts.subList(0, stmts.size() - 1));
      opened.addAll(block.getStatements());
      stmts = opened;
    }
    return stmts;
  }

  private static boolean endsCase(StatementTree end) {
    return end != null && (end.getKind() == Tree.Kind.RETURN
        || end.getKind() == Tree.Kind.CONTINUE || end.getKind() == Tree.Kind.BREAK);
  }
}
