package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A call's derivative is its callee's pullback, which gives adjoints only for what the callee
 * differentiates: an argument that depends on what this method differentiates must be one of
 * those; a matrix the callee differentiates must have an adjoint here. Runs on lowered IR with
 * reverse mode's activity, on the calls whose result is active (the others get no pullback
 * call).
 */
public final class CalleeAdjoints {
  private final Predicate<Var> active;
  private final Predicate<Var> varied;
  private final List<Problem> problems = new ArrayList<>();

  private CalleeAdjoints(Predicate<Var> active, Predicate<Var> varied) {
    this.active = active;
    this.varied = varied;
  }

  /**
   * @param active the variables reverse mode gives adjoints (its activity analysis)
   * @param varied the variables that depend on a differentiated parameter
   */
  public static List<Problem> check(Function lowered, Predicate<Var> active,
      Predicate<Var> varied) {
    CalleeAdjoints check = new CalleeAdjoints(active, varied);
    Stmts.walk(lowered.body(), s -> {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Invoke call
          && active.test(a.target())) {
        check.call(a, call);
      }
    });
    return check.problems;
  }

  private void call(Stmt.Assign a, Expr.Invoke call) {
    boolean pullbackResult = a.target().type() == Type.DOUBLE
        || a.target().type() == Type.DOUBLE_ARRAY;
    if (pullbackResult && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE) {
      differentiable(a, call);
    }
  }

  private void differentiable(Stmt.Assign a, Expr.Invoke call) {
    for (int i = 0; i < call.args().size(); i++) {
      Expr given = call.args().get(i);
      boolean variable = given instanceof Expr.Ref || given instanceof Expr.Cond;
      if (!call.independents().contains(i) && variable && given.type().isDifferentiable()
          && Stmts.bases(given).stream().anyMatch(varied)) {
        problems.add(Problem.unsupported(a.source(), argument(call, i) + " of "
            + call.name() + " depends on what is differentiated here, but " + call.name()
            + " does not differentiate with respect to that parameter; add it to "
            + call.name() + "'s wrt (or remove its @NoDerivative)"));
        return;
      }
    }
    for (int i : call.independents()) {
      Expr arg = call.args().get(i);
      // A record's callee adds into its storage, which the caller always has (or makes).
      if (arg.type().isArray() && call.recordAt(i) == null && !hasAdjoint(arg)) {
        problems.add(Problem.unsupported(a.source(), "matrix " + Stmts.baseVar(unchosen(arg))
            .userName() + " is differentiated by " + call.name() + " but not here; add it to"
            + " this method's wrt or remove it from " + call.name() + "'s"));
        return;
      }
    }
  }

  /** Argument {@code i} of {@code call} as the user wrote it: {@code argument 2}, {@code p}. */
  private static String argument(Expr.Invoke call, int i) {
    int position = i;
    for (var r : call.records()) {
      if (r.covers(i)) {
        return "the record " + r.value();
      } else if (r.first() < i) {
        position -= r.count() - 1;
      }
    }
    return "argument " + (position + 1);
  }

  /** Whether the callee has somewhere to add {@code arg}'s gradient (each array it may be). */
  private boolean hasAdjoint(Expr arg) {
    if (arg instanceof Expr.Cond c) {
      return hasAdjoint(c.then()) && hasAdjoint(c.otherwise());
    }
    return active.test(Stmts.baseVar(arg)) || arg.type() == Type.DOUBLE_ARRAY;
  }

  /** The first array a choice may be that has no adjoint, for the message. */
  private Expr unchosen(Expr arg) {
    if (arg instanceof Expr.Cond c) {
      return hasAdjoint(c.then()) ? unchosen(c.otherwise()) : unchosen(c.then());
    }
    return arg;
  }
}
