package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.ArrayResults;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every active local array gets one adjoint array, allocated where the array is (per iteration
 * when it is created inside a loop): so it must be created where it is declared (by {@code new}
 * or a kernel), and a variable that names one of several arrays (a join of an if) must not be
 * inside a loop, where each iteration could choose another. Runs on lowered IR with the activity reverse mode uses.
 */
public final class ArrayAdjoints {
  private final Predicate<Var> active;
  private final List<Problem> problems = new ArrayList<>();
  /** One problem per variable: a join is assigned once in each branch of its if. */
  private final Set<Var> reported = new HashSet<>();

  private ArrayAdjoints(Predicate<Var> active) {
    this.active = active;
  }

  /** @param active the variables reverse mode gives adjoints (its activity analysis) */
  public static List<Problem> check(Function lowered, Predicate<Var> active) {
    ArrayAdjoints check = new ArrayAdjoints(active);
    check.block(lowered.body(), 0);
    return check.problems;
  }

  private void block(List<Stmt> block, int depth) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        assignment(a, depth);
      } else if (s instanceof Stmt.If i) {
        block(i.then(), depth);
        block(i.otherwise(), depth);
      } else if (s instanceof Stmt.Loop l) {
        block(l.body(), depth + 1);
        block(l.update(), depth + 1);
      }
    }
  }

  private void assignment(Stmt.Assign a, int depth) {
    Var v = a.target();
    if (!v.type().isArray() || !active.test(v) || reported.contains(v)
        || ArrayResults.returns(a)) {
      return;
    }
    int before = problems.size();
    boolean kernel = ArrayResults.fromCall(a);
    if (ArrayNames.namesArray(a)) {
      if (depth > 0) {
        problems.add(Problem.unsupported(a.source(), "array variable " + v.userName() + " is"
            + " bound to different arrays by the branches of an if inside a loop, which is not"
            + " supported; give each branch's array its own variable"));
      }
    } else if (!(a.value() instanceof Expr.NewArray) && !kernel) {
      problems.add(Problem.unsupported(a.source(), "array " + v.userName() + " must be created"
          + " with new or by a LinearAlgebra kernel where it is declared"));
    }
    if (problems.size() > before) {
      reported.add(v);
    }
  }
}
