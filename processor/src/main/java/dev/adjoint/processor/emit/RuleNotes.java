package dev.adjoint.processor.emit;

import dev.adjoint.processor.analysis.Derivatives;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.optimize.Algebra;
import dev.adjoint.processor.rules.RulesTable;
import dev.adjoint.processor.rules.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -Aadjoint.comments=chain-rule}, the other half: under each source line's group of
 * backward statements, the derivative rules of the operations on that line that the backward
 * sweep applies ({@code // rules: (1/v)' = −(1/v)²·v'; exp'(x) = exp(x)}), so the reader sees
 * the rule before the statement ({@link ChainRuleNotes}) that it simplified to.
 *
 * <p>A function's rule is its template from the rules table applied to the call's arguments, in
 * the user's names ({@code exp'(−z) = exp}, {@code ∂atan2(y, x)/∂y = x/(x·x + y·y)}), so a note
 * cannot disagree with the code generated from the same template; products and quotients get
 * the textbook rule, written out by hand as the reading of their templates.
 * Sums, differences and negation (linear: the adjoint passes through) are not noted. An
 * operation is noted only where it reads an active value: one whose adjoint the backward sweep
 * computes, or a forward temporary computed from one.
 */
final class RuleNotes {
  private static final String RECIPROCAL = "(1/v)' = −(1/v)²·v'";
  private static final String PRODUCT = "(u·v)' = u'·v + u·v'";
  private static final String CONSTANT_FACTOR = "(c·u)' = c·u'";
  private static final String QUOTIENT = "(u/v)' = u'/v − (u/v)·v'/v";
  private static final String CONSTANT_DIVISOR = "(u/c)' = u'/c";

  private final ChainRuleNotes printer;
  /** The rules each source line's forward statements use, one set per statement, in order. */
  private final Map<SourceRef, List<Set<String>>> byLine = new HashMap<>();

  private RuleNotes(ChainRuleNotes printer) {
    this.printer = printer;
  }

  /** The rules of the lines of {@code forward}, applied as far as {@code backward} shows. */
  static RuleNotes of(List<Stmt> forward, List<Stmt> backward, ChainRuleNotes printer) {
    RuleNotes notes = new RuleNotes(printer);
    // The values the backward sweep has adjoints of, by name (an adjoint is named v + "Bar").
    Set<String> adjointsOf = new HashSet<>();
    Stmts.walk(backward, s -> {
      if (s instanceof Stmt.Assign a) {
        notes.adjointOf(a.target(), adjointsOf);
      } else if (s instanceof Stmt.Store st && st.array() instanceof Expr.Ref r) {
        notes.adjointOf(r.var(), adjointsOf);
      } else if (s instanceof Stmt.Evaluate ev) {
        for (Expr arg : ev.call().args()) {
          if (arg instanceof Expr.Ref r) {
            notes.adjointOf(r.var(), adjointsOf);
          }
        }
      }
    });
    Set<Var> active = new HashSet<>();
    Stmts.walk(forward, s -> {
      if (s instanceof Stmt.Assign a) {
        List<String> rules = new ArrayList<>();
        boolean readsActive = notes.collect(a.value(), Exprs.ref(a.target()), active,
            adjointsOf, rules);
        if (readsActive || adjointsOf.contains(a.target().name())) {
          active.add(a.target());
        }
        if (readsActive && !a.source().isNone()) {
          notes.byLine.computeIfAbsent(a.source(), k -> new ArrayList<>())
              .add(new LinkedHashSet<>(rules));
        }
      }
    });
    return notes;
  }

  private void adjointOf(Var v, Set<String> adjointsOf) {
    if (v.role() == Var.Role.ADJOINT && v.name().endsWith("Bar")) {
      adjointsOf.add(v.name().substring(0, v.name().length() - "Bar".length()));
    }
  }

  /**
   * The rules the line {@code src} applies, in the backward sweep's order (its last statement's
   * first, and in each the outermost operation first), each once; empty if none is worth a note.
   */
  List<String> of(SourceRef src) {
    List<Set<String>> statements = byLine.getOrDefault(src, List.of());
    Set<String> rules = new LinkedHashSet<>();
    for (int i = statements.size() - 1; i >= 0; i--) {
      rules.addAll(statements.get(i));
    }
    return List.copyOf(rules);
  }

  /**
   * Whether {@code e} reads an active value; if so, adds the rules of its active operations to
   * {@code out}, outermost first. {@code result} names {@code e}'s value (the assigned variable
   * for a whole right-hand side, else the subexpression itself). One pass, children first, so
   * a long expression is not rescanned at each node.
   */
  private boolean collect(Expr e, Expr result, Set<Var> active, Set<String> adjointsOf,
      List<String> out) {
    if (e instanceof Expr.Ref r) {
      return active.contains(r.var()) || adjointsOf.contains(r.var().name());
    }
    List<Expr> children = Exprs.children(e);
    boolean[] childActive = new boolean[children.size()];
    List<String> inner = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < children.size(); i++) {
      childActive[i] = collect(children.get(i), children.get(i), active, adjointsOf, inner);
      any |= childActive[i];
    }
    if (!any) {
      return false;
    }
    Derivatives.ruleOf(e).map(rule -> text(rule, e, result, childActive)).ifPresent(out::add);
    out.addAll(inner);
    return true;
  }

  /** The note of {@code rule} at {@code e}, whose operands' activity is {@code operandActive}. */
  private String text(Rule rule, Expr e, Expr result, boolean[] operandActive) {
    if (rule == RulesTable.reciprocal()) {
      return RECIPROCAL;
    }
    if (e instanceof Expr.Binary b) {
      boolean left = operandActive[0];
      boolean right = operandActive[1];
      return b.op() == Op.MUL ? (left && right ? PRODUCT : CONSTANT_FACTOR)
          : b.op() == Op.DIV ? (right ? QUOTIENT : CONSTANT_DIVISOR) : null;
    }
    if (!(e instanceof Expr.Call call) || rule.partials().isEmpty()) {
      return null;
    }
    // The rule applied to this call, in the user's names: exp'(−z) = exp, ∂pow(x, 3)/∂x = ….
    List<Expr> args = call.args();
    String applied = printer.math(call);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < rule.arity(); i++) {
      if (!operandActive[i]) {
        continue; // that partial is not applied here
      }
      // A literal exponent decides pow's guard: ∂pow(x, 3)/∂x, not a conditional.
      String d = printer.math(Algebra.decideLiteralConditions(
          Exprs.instantiate(rule.partial(i), args, result)));
      String arg = printer.math(args.get(i));
      if (d == null || arg == null || applied == null) {
        return null; // a conditional derivative, or an argument with no short spelling
      }
      if (rule.arity() == 1) {
        return rule.name() + "'(" + arg + ") = " + d;
      }
      boolean atom = args.get(i) instanceof Expr.Ref || args.get(i) instanceof Expr.Const;
      parts.add("∂" + applied + "/∂" + (atom ? arg : "(" + arg + ")") + " = " + d);
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }
}
