package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.WriteIndex;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops {@code w = v} where {@code v = w} came before and neither changed since: the merge of
 * {@code w̄ = 0; w̄ += v̄} leaves these after a copy. Such a statement does nothing, so every
 * one found is dropped in the same pass.
 */
final class DropCopyBack implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    List<Stmt> all = body.all();
    List<Stmt.Assign> assignments = Stmts.assignments(all);
    Map<Var, Integer> writes = new IdentityHashMap<>();
    Map<Var, List<Stmt.Assign>> copiesInto = new IdentityHashMap<>();
    for (Stmt.Assign a : assignments) {
      writes.merge(a.target(), 1, Integer::sum);
      if (!a.accumulate() && a.value() instanceof Expr.Ref) {
        copiesInto.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a);
      }
    }
    if (copiesInto.isEmpty()) {
      return body;
    }
    Layout layout = new Layout(all);
    WriteIndex positions = new WriteIndex(layout);
    Set<Stmt> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt.Assign back : assignments) {
      if (back.accumulate() || !(back.value() instanceof Expr.Ref r)
          || writes.getOrDefault(r.var(), 0) != 1) {
        continue;
      }
      Var v = r.var();
      Var w = back.target();
      for (Stmt.Assign def : copiesInto.getOrDefault(v, List.of())) {
        if (((Expr.Ref) def.value()).var() == w && layout.dominates(def, back)
            && layout.loopsAround(def).equals(layout.loopsAround(back))
            && !positions.writesBetween(Set.of(v, w), layout.indexOf(def),
                layout.indexOf(back))) {
          dropped.add(back);
          break;
        }
      }
    }
    if (dropped.isEmpty()) {
      return body;
    }
    return new Sweeps(without(body.forward(), dropped), without(body.backward(), dropped));
  }

  private static List<Stmt> without(List<Stmt> block, Set<Stmt> dropped) {
    return Blocks.bottomUp(block, b -> {
      List<Stmt> out = new ArrayList<>(b);
      return out.removeIf(dropped::contains) ? out : b;
    });
  }
}
