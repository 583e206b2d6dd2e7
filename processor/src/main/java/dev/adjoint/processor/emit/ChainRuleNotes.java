package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -Aadjoint.comments=chain-rule}: the chain-rule term a backward accumulation adds, in the
 * notes' notation ({@code x̄ += ȳ·cos(x)}), so the generated code teaches the rule it applies.
 * Statements that are not an adjoint accumulation, or hold a form with no short math spelling
 * (a kernel pullback call, a stack pop), get no note.
 */
final class ChainRuleNotes {
  /** The option's name and the one value that turns the notes on. */
  static final String OPTION = "adjoint.comments";
  static final String CHAIN_RULE = "chain-rule";

  private static final Pattern ADJOINT_NAME = Pattern.compile("(.+)Bar(\\d*)");
  private static final String MACRON = "\u0304";

  /** The printed (unique) Java name of a variable. */
  private final Function<Var, String> names;

  ChainRuleNotes(Function<Var, String> names) {
    this.names = names;
  }

  /** The note of a backward statement; null if it gets none. */
  String of(Stmt s) {
    if (s instanceof Stmt.Assign a && isAdjoint(a.target())) {
      return a.accumulate() ? rule(name(a.target()), a.value())
          : note(name(a.target()) + " = ", math(a.value(), 0));
    }
    if (s instanceof Stmt.Evaluate ev && ev.call().kind() == Expr.Invoke.Kind.PULLBACK
        && ev.call().owner().canonical().equals("dev.adjoint.runtime.LinearAlgebra")) {
      List<String> args = new ArrayList<>();
      for (Expr arg : ev.call().args()) {
        // Parenthesised as a factor: 2 (seed·0.5)·x.
        args.add(math(arg, Op.MUL.precedence() + 1));
      }
      String name = ev.call().name();
      return KernelNotes.of(name.endsWith("Pullback") ? name : name + "Pullback", args);
    }
    if (s instanceof Stmt.Store st && st.accumulate() && st.array() instanceof Expr.Ref r
        && isAdjoint(r.var())) {
      String index = math(st.index(), 0);
      return index == null ? null : rule(name(r.var()) + "[" + index + "]", st.value());
    }
    return null;
  }

  /** {@code e} in math notation; null if it has no short spelling. */
  String math(Expr e) {
    return math(e, 0);
  }

  private String rule(String target, Expr value) {
    if (value instanceof Expr.Unary u && u.op() == Op.NEG) {
      return note(target + " −= ", math(u.operand(), 0));
    }
    return note(target + " += ", math(value, 0));
  }

  private static String note(String head, String term) {
    return term == null ? null : "// " + head + term;
  }

  private static boolean isAdjoint(Var v) {
    return v.role() == Var.Role.ADJOINT;
  }

  /** {@code xBar} → x̄ (its suffix kept: {@code xBar2} → x̄2); other names as printed. */
  private String name(Var v) {
    String printed = names.apply(v);
    Matcher m = ADJOINT_NAME.matcher(printed);
    return isAdjoint(v) && m.matches() ? m.group(1) + MACRON + m.group(2) : printed;
  }

  /** {@code e} in math notation, parenthesised inside an operator of {@code outer} precedence. */
  private String math(Expr e, int outer) {
    if (e instanceof Expr.Ref r) {
      return name(r.var());
    }
    if (e instanceof Expr.Const c) {
      return c.symbol() != null ? c.symbol().replace("Math.PI", "π").replace("Math.E", "e")
          : c.value() == Math.rint(c.value()) && Math.abs(c.value()) < 1e15
              ? Long.toString((long) c.value()) : Double.toString(c.value());
    }
    if (e instanceof Expr.Unary u && u.op() == Op.NEG) {
      String operand = math(u.operand(), Op.NEG.precedence());
      return operand == null ? null : wrap("−" + operand, Op.NEG.precedence(), outer);
    }
    if (e instanceof Expr.Binary b && !b.op().isComparison() && !b.op().isLogical()) {
      int p = b.op().precedence();
      String left = math(b.left(), p);
      // Right operands of − and / bind tighter: a − (b − c).
      String right = math(b.right(), p + 1);
      if (left == null || right == null) {
        return null;
      }
      return wrap(left + symbol(b.op()) + right, p, outer);
    }
    if (e instanceof Expr.Call c && (c.owner().endsWith("Math"))) {
      StringBuilder args = new StringBuilder();
      for (Expr a : c.args()) {
        String arg = math(a, 0);
        if (arg == null) {
          return null;
        }
        args.append(args.length() == 0 ? "" : ", ").append(arg);
      }
      return c.name() + "(" + args + ")";
    }
    if (e instanceof Expr.Index i) {
      String array = math(i.array(), Integer.MAX_VALUE);
      String index = math(i.index(), 0);
      return array == null || index == null ? null : array + "[" + index + "]";
    }
    return null;
  }

  private static String symbol(Op op) {
    return switch (op) {
      case MUL -> "·";
      case SUB -> " − ";
      case ADD -> " + ";
      case DIV -> "/";
      default -> " " + op.symbol() + " ";
    };
  }

  private static String wrap(String text, int precedence, int outer) {
    return precedence < outer ? "(" + text + ")" : text;
  }
}
