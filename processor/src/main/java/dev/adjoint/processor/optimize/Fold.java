package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import java.util.ArrayList;
import java.util.List;

/**
 * Constant folding and algebra ({@link Algebra}) on the backward sweep's expressions. The forward
 * sweep must compute exactly the user's values, so it is never reassociated or rewritten.
 */
final class Fold implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    List<Stmt> backward = Blocks.bottomUp(body.backward(), block -> {
      List<Stmt> out = new ArrayList<>(block.size());
      boolean changed = false;
      for (Stmt s : block) {
        Stmt t = folded(s, context);
        changed |= t != s;
        out.add(t);
      }
      return changed ? out : block;
    });
    return backward == body.backward() ? body : new Sweeps(body.forward(), backward);
  }

  /** Values assigned or stored, and branch tests; indices and call arguments stay as written. */
  private static Stmt folded(Stmt s, Context context) {
    if (s instanceof Stmt.Store st) {
      Expr v = context.simplify(st.value());
      return v == st.value() ? st
          : new Stmt.Store(st.array(), st.index(), v, st.accumulate(), st.source());
    }
    boolean folded = s instanceof Stmt.Assign || s instanceof Stmt.If;
    return folded ? Blocks.ownExpressions(s, context::simplify) : s;
  }
}
