package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ā[i] += e1; ...; ā[i] += e2} becomes {@code ā[i] += e1 + e2} when the statements
 * between only add into array elements (additions commute) and change nothing either side
 * reads: one read and one write of the element instead of two. Likewise {@code ā[i] = e1; ...;
 * ā[i] += e2} becomes {@code ā[i] = e1 + e2} (the reset {@code ā[i] = 0} before the first term
 * folds away), with only assignments between.
 */
final class MergeElementUpdates implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    List<Stmt> backward = Blocks.bottomUp(body.backward(), MergeElementUpdates::merge);
    return backward == body.backward() ? body : new Sweeps(body.forward(), backward);
  }

  private static List<Stmt> merge(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block);
    boolean changed = false;
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Store first) || Exprs.hasEffect(first.value())) {
        continue;
      }
      // ā[i] = e1; ...; ā[i] += e2 becomes ā[i] = e1 + e2 (a reset, then the first term).
      boolean set = !first.accumulate();
      Set<Var> inputs = new HashSet<>(Exprs.reads(first.value()));
      Exprs.collectReads(first.index(), inputs);
      Exprs.collectReads(first.array(), inputs);
      for (int j = i + 1; j < out.size(); j++) {
        Stmt s = out.get(j);
        if (s instanceof Stmt.Store second && second.accumulate()
            && second.array().equals(first.array()) && second.index().equals(first.index())
            // After a set, e2 must not read the element the sum replaces.
            && !(set && Exprs.readsMemory(second.value()))) {
          Expr sum = new Expr.Binary(Op.ADD, first.value(), second.value());
          out.set(j, new Stmt.Store(first.array(), first.index(), sum, !set, second.source()));
          out.remove(i);
          i--;
          changed = true;
          break;
        }
        // Additions into array elements commute, whichever elements they are.
        // Not after a set: another index may be the same element.
        boolean otherElement = !set && s instanceof Stmt.Store st && st.accumulate()
            && !Exprs.readsMemory(st.value()) && !Exprs.hasEffect(st.value());
        boolean harmless = s instanceof Stmt.Assign a && !Exprs.hasEffect(a.value())
            && !inputs.contains(a.target()) && !Exprs.readsMemory(a.value());
        if (!otherElement && !harmless) {
          break;
        }
      }
    }
    return changed ? out : block;
  }
}
