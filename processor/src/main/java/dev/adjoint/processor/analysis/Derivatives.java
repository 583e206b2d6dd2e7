package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.Rule;
import dev.adjoint.processor.rules.RulesTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where derivatives flow in a three-address expression: which operands carry one, and with which
 * rule. Shared by the analyses and the reverse transform so they agree on every operator.
 */
public final class Derivatives {
  private Derivatives() {}

  /** The rule an expression of three-address form applies, if any carries a derivative. */
  public static Optional<Rule> ruleOf(Expr e) {
    if (e.type() != Type.DOUBLE) {
      return Optional.empty();
    }
    if (e instanceof Expr.Unary u && u.op() == Op.NEG) {
      return RulesTable.operator(Op.NEG);
    } else if (e instanceof Expr.Binary b) {
      if (b.op() == Op.DIV && b.left() instanceof Expr.Const c && c.symbol() == null
          && c.is(1)) {
        return Optional.of(RulesTable.reciprocal());
      }
      return RulesTable.operator(b.op());
    } else if (e instanceof Expr.Call c) {
      return RulesTable.function(c.owner(), c.name(), c.args().size())
          .filter(r -> !r.isPiecewiseConstant());
    }
    return Optional.empty();
  }

  /** The operands of {@code e} in rule-argument order (for the rule {@link #ruleOf} gives). */
  public static List<Expr> operandsOf(Expr e) {
    return Exprs.children(e);
  }

  /**
   * The double variables whose derivative flows into the value of {@code e}: the operand of a
   * copy, the atoms of a differentiable operator, nothing for integer or piecewise-constant code.
   */
  public static Set<Var> flowingInto(Expr e) {
    Set<Var> out = new LinkedHashSet<>();
    if (e instanceof Expr.Ref r && r.var().type().isDifferentiable()) {
      out.add(r.var());
    } else if (e instanceof Expr.Invoke call) {
      for (int i = 0; i < call.args().size(); i++) {
        // A varied argument of a parameter the callee does not differentiate still varies the
        // result: so the call is active and verify.CalleeAdjoints reports it, not a zero.
        if (!call.independents().contains(i) && call.kind() != Expr.Invoke.Kind.DIFFERENTIABLE) {
          continue;
        }
        Expr arg = call.args().get(i);
        if (arg instanceof Expr.Ref r && r.var().type().isDifferentiable()) {
          out.add(r.var());
        } else if ((arg instanceof Expr.Index || arg instanceof Expr.Cond)
            && arg.type().isDifferentiable()) {
          out.addAll(dev.adjoint.processor.ir.Stmts.bases(arg));
        }
      }
    } else if (e instanceof Expr.Index i && e.type().isDifferentiable()) {
      out.addAll(dev.adjoint.processor.ir.Stmts.bases(i.array()));
    } else if (e instanceof Expr.Cond c && e.type().isArray() && e.type().isDifferentiable()) {
      // A join given an array chosen by a conditional: it is one of the arrays chosen.
      out.addAll(dev.adjoint.processor.ir.Stmts.bases(c));
    } else if (ruleOf(e).isPresent()) {
      for (Expr operand : operandsOf(e)) {
        if (operand instanceof Expr.Ref r && r.var().type() == Type.DOUBLE) {
          out.add(r.var());
        }
      }
    }
    return out;
  }

  /** Derivative flow of one statement: into {@code target}, from {@code sources}. */
  public record Flow(Var target, Set<Var> sources) {}

  /** Every assignment's and store's flow, nested statements included. */
  public static List<Flow> flows(List<Stmt> body) {
    List<Flow> out = new ArrayList<>();
    Set<Var> storedInto = new java.util.HashSet<>();
    dev.adjoint.processor.ir.Stmts.walk(body, s -> {
      if (s instanceof Stmt.Store st) {
        storedInto.add(dev.adjoint.processor.ir.Stmts.baseVar(st.array()));
      }
    });
    dev.adjoint.processor.ir.Stmts.walk(body, s -> {
      if (s instanceof Stmt.Assign a) {
        out.add(new Flow(a.target(), flowingInto(a.value())));
        if (dev.adjoint.processor.ir.ArrayNames.namesArray(a) && storedInto.contains(a.target())) {
          // Another name for the arrays it may refer to: a store through it writes them.
          for (Var named : dev.adjoint.processor.ir.Stmts.bases(a.value())) {
            out.add(new Flow(named, Set.of(a.target())));
          }
        }
      } else if (s instanceof Stmt.Store st) {
        out.add(new Flow(dev.adjoint.processor.ir.Stmts.baseVar(st.array()),
            flowingInto(st.value())));
      }
    });
    return out;
  }

  /** One term of the chain rule: {@code operandBar += targetBar * partial}. */
  public record Contribution(Var operand, Expr partial) {}

  /**
   * The chain-rule terms of {@code a}: one per active operand, with the rule's partial
   * instantiated over the operands and the primal result (the target, after the assignment).
   */
  public static List<Contribution> contributions(Stmt.Assign a, Predicate<Var> active) {
    return contributions(a, active, Rematerialization.none());
  }

  /** As above, with loads that the backward sweep repeats instead of recording. */
  public static List<Contribution> contributions(Stmt.Assign a, Predicate<Var> active,
      Rematerialization remat) {
    List<Contribution> out = new ArrayList<>();
    if (!active.test(a.target())) {
      return out;
    }
    Expr value = a.value();
    if (value instanceof Expr.Ref r) {
      if (active.test(r.var())) {
        out.add(new Contribution(r.var(), Expr.Const.ofDouble(1)));
      }
      return out;
    }
    Optional<Rule> rule = ruleOf(value);
    if (rule.isEmpty()) {
      return out;
    }
    List<Expr> operands = operandsOf(value);
    for (int i = 0; i < operands.size(); i++) {
      if (operands.get(i) instanceof Expr.Ref r && active.test(r.var())) {
        Expr partial = Exprs.instantiate(rule.get().partial(i), operands, Exprs.ref(a.target()));
        out.add(new Contribution(r.var(), remat.apply(partial)));
      }
    }
    return out;
  }
}
