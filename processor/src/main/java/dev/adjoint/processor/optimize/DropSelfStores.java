package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops {@code ā[i] = v} where {@code v} was loaded from {@code ā[i]} in the same block and
 * nothing since can have changed the element, {@code v} or what addresses it: the store writes
 * back the value already there. Reverse mode leaves these where an element is updated in place
 * ({@code K[i][i] += noise} passes its adjoint through: {@code double sumBar = KBar[i][i];
 * noiseBar += sumBar; KBar[i][i] = sumBar;}), before or after copies of the loaded value.
 *
 * <p>One walk per block: a load is pending until a store (other than the one dropped), a call,
 * a nested statement, or an assignment to its variable or to one its address reads.
 */
final class DropSelfStores implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    List<Stmt> backward = Blocks.bottomUp(body.backward(), DropSelfStores::drop);
    return backward == body.backward() ? body : new Sweeps(body.forward(), backward);
  }

  private static List<Stmt> drop(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block.size());
    Map<Var, Expr.Index> loads = new HashMap<>();
    // For each variable, the pending loads whose address reads it.
    Map<Var, List<Var>> addressedBy = new HashMap<>();
    boolean changed = false;
    for (Stmt s : block) {
      if (s instanceof Stmt.Store st && !st.accumulate() && st.value() instanceof Expr.Ref r
          && new Expr.Index(st.array(), st.index()).equals(loads.get(r.var()))) {
        changed = true; // the element already holds the value: memory is unchanged
        continue;
      }
      out.add(s);
      if (s instanceof Stmt.Assign a && !Exprs.hasEffect(a.value())) {
        // A copy of a loaded value holds the element too (reverse mode copies adjoints).
        Expr.Index load = a.value() instanceof Expr.Index index ? index
            : a.value() instanceof Expr.Ref r ? loads.get(r.var()) : null;
        forget(a.target(), loads, addressedBy);
        if (!a.accumulate() && load != null && !Exprs.reads(load).contains(a.target())) {
          loads.put(a.target(), load);
          for (Var v : Exprs.reads(load)) {
            addressedBy.computeIfAbsent(v, k -> new ArrayList<>()).add(a.target());
          }
        }
      } else {
        loads.clear();
        addressedBy.clear();
      }
    }
    return changed ? out : block;
  }

  /** {@code v} is assigned: loads into it, and loads addressed through it, no longer hold. */
  private static void forget(Var v, Map<Var, Expr.Index> loads, Map<Var, List<Var>> addressedBy) {
    loads.remove(v);
    List<Var> dependents = addressedBy.remove(v);
    if (dependents != null) {
      dependents.forEach(loads::remove);
    }
  }
}
