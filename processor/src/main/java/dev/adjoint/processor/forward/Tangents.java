package dev.adjoint.processor.forward;

import dev.adjoint.processor.analysis.Derivatives;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.Rule;
import dev.adjoint.processor.rules.RulesTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tangent of an expression: for {@code f(a, b)}, {@code ∂f/∂a·ȧ + ∂f/∂b·ḃ} with the partials
 * of the {@link RulesTable} (the templates reverse mode uses), over expression trees of any
 * depth, so that the optimized output of reverse mode, whose expressions are compound, has a
 * tangent too. A zero tangent is {@code null}, so no term is built for what does not vary.
 */
final class Tangents {
  private final Map<Var, Var> dots;

  /** @param dots each varied variable's tangent; a variable absent has a zero tangent */
  Tangents(Map<Var, Var> dots) {
    this.dots = dots;
  }

  /** The tangent of {@code e}; null when it is zero. */
  Expr of(Expr e, SourceRef at) {
    return of(e, e, at);
  }

  /**
   * The tangent of {@code e}, with {@code result} standing for {@code e}'s value in partials that
   * reuse it ({@code exp' = result}): the assigned variable when that is read after the
   * assignment, else {@code e} itself (recomputed: the price of compound expressions).
   */
  Expr of(Expr e, Expr result, SourceRef at) {
    if (e instanceof Expr.Const) {
      return null;
    } else if (e instanceof Expr.Ref r) {
      Var dot = dots.get(r.var());
      return dot == null ? null : Exprs.ref(dot);
    } else if (e instanceof Expr.Index i) {
      Expr array = ofArray(i.array());
      return array == null ? null : new Expr.Index(array, i.index());
    } else if (e instanceof Expr.Cond c) {
      Expr then = of(c.then(), at);
      Expr otherwise = of(c.otherwise(), at);
      if (then == null && otherwise == null) {
        return null;
      }
      return new Expr.Cond(c.condition(), orZero(then, e.type()), orZero(otherwise, e.type()));
    } else if (e instanceof Expr.Cast c) {
      return c.type() == Type.DOUBLE ? of(c.operand(), at) : null;
    } else if (e.type() != Type.DOUBLE) {
      return null; // int, long and boolean values carry no derivative
    } else if (e instanceof Expr.Unary || e instanceof Expr.Binary || e instanceof Expr.Call) {
      return chainRule(e, result, at);
    }
    throw new Unsupported(at, describe(e) + " has no tangent rule");
  }

  /** {@code Σ ∂e/∂operand · operand'} over the operands that vary. */
  private Expr chainRule(Expr e, Expr result, SourceRef at) {
    Optional<Rule> rule = Derivatives.ruleOf(e);
    if (rule.isEmpty()) {
      if (e instanceof Expr.Call c && RulesTable.function(c.owner(), c.name(), c.args().size())
          .filter(Rule::isPiecewiseConstant).isPresent()) {
        return null; // floor, signum, ...: derivative zero
      }
      throw new Unsupported(at, describe(e) + " has no derivative rule in forward mode");
    }
    List<Expr> operands = Derivatives.operandsOf(e);
    Expr sum = null;
    for (int k = 0; k < operands.size(); k++) {
      Expr dot = of(operands.get(k), at);
      if (dot == null) {
        continue;
      }
      Expr partial = Exprs.instantiate(rule.get().partial(k), operands, result);
      Expr term = times(partial, dot);
      sum = sum == null ? term : new Expr.Binary(Op.ADD, sum, term);
    }
    return sum;
  }

  /** The tangent array of an array expression ({@code aDot}, {@code mDot[i]}); null if none. */
  Expr ofArray(Expr array) {
    if (array instanceof Expr.Ref r) {
      Var dot = dots.get(r.var());
      return dot == null ? null : Exprs.ref(dot);
    } else if (array instanceof Expr.Index i) {
      Expr rows = ofArray(i.array());
      return rows == null ? null : new Expr.Index(rows, i.index());
    } else if (array instanceof Expr.Cond c) {
      Expr then = ofArray(c.then());
      Expr otherwise = ofArray(c.otherwise());
      if (then == null && otherwise == null) {
        return null;
      }
      if (then == null || otherwise == null) {
        return UNSUPPORTED_CHOICE;
      }
      return new Expr.Cond(c.condition(), then, otherwise);
    }
    return null;
  }

  /** Marks a choice between an array with a tangent and one without (reported by the caller). */
  static final Expr UNSUPPORTED_CHOICE = new Expr.Const(Type.DOUBLE_ARRAY, 0, "null");

  private static Expr times(Expr partial, Expr dot) {
    if (partial instanceof Expr.Const c && c.symbol() == null && c.is(1)) {
      return dot;
    }
    if (partial instanceof Expr.Const c && c.symbol() == null && c.is(-1)) {
      return new Expr.Unary(Op.NEG, dot);
    }
    return new Expr.Binary(Op.MUL, partial, dot);
  }

  static Expr orZero(Expr dot, Type type) {
    return dot != null ? dot : type == Type.DOUBLE ? Expr.Const.ofDouble(0) : dot;
  }

  private static String describe(Expr e) {
    if (e instanceof Expr.Call c) {
      return c.owner() + "." + c.name();
    } else if (e instanceof Expr.Binary b) {
      return "the operator " + b.op().symbol();
    }
    return e.getClass().getSimpleName().toLowerCase();
  }
}
