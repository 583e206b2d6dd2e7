package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * An array chosen by a conditional inside an expression ({@code dot(c ? a : b, x)}) is given a
 * local before its statement, so the backward sweep knows which was chosen; that cannot be done
 * for one that only some paths evaluate: inside a branch of another conditional, or after
 * {@code &&} or {@code ||}. Runs on the IR alias expansion starts from (after array renaming),
 * over the same expressions it names.
 */
public final class NestedArrayChoices {
  private final List<Problem> problems = new ArrayList<>();

  private NestedArrayChoices() {}

  public static List<Problem> check(Function renamed) {
    NestedArrayChoices check = new NestedArrayChoices();
    check.block(renamed.body());
    return check.problems;
  }

  private void block(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        boolean alias = a.target().type().isArray() && a.value() instanceof Expr.Cond;
        if (!alias) {
          named(a.value(), a.source());
        }
      } else if (s instanceof Stmt.Store st) {
        named(st.value(), st.source());
      } else if (s instanceof Stmt.If i) {
        block(i.then());
        block(i.otherwise());
      } else if (s instanceof Stmt.Loop l) {
        block(l.body());
        block(l.update());
      }
    }
  }

  /** Walks {@code e} as the naming does: what every evaluation of it evaluates. */
  private void named(Expr e, SourceRef src) {
    if (!carriesDerivative(e) || e instanceof Expr.Cond c && c.type().isArray()) {
      return;
    }
    if (e instanceof Expr.Cond c) {
      requireNoChoice(c.then(), src);
      requireNoChoice(c.otherwise(), src);
    } else if (e instanceof Expr.Binary b && b.op().isLogical()) {
      requireNoChoice(b.right(), src);
    } else {
      Exprs.children(e).forEach(child -> named(child, src));
    }
  }

  private void requireNoChoice(Expr e, SourceRef src) {
    if (!carriesDerivative(e)) {
      return;
    }
    if (e instanceof Expr.Cond c && c.type().isArray()) {
      problems.add(Problem.unsupported(src, "an array chosen by a conditional ("
          + ArrayNames.describeChoice(c) + ") inside a branch of another conditional or after"
          + " && or || is not supported; declare it as a local array first (double[] r = c ? a"
          + " : b;)"));
      return;
    }
    Exprs.children(e).forEach(child -> requireNoChoice(child, src));
  }

  private static boolean carriesDerivative(Expr e) {
    return e.type() == Type.DOUBLE || e.type().isArray();
  }
}
