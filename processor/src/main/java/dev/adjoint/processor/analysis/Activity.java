package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Activity analysis: a variable needs an adjoint only if it is <em>varied</em> (depends on a
 * differentiated input) and <em>useful</em> (influences the result). Flow-insensitive, so it is
 * conservative across branches and reassignments. Switched off, every double is active.
 */
public final class Activity {
  private final Set<Var> active;

  private Activity(Set<Var> active) {
    this.active = active;
  }

  public static Activity analyse(Function fn, Collection<Var> independents, boolean enabled) {
    List<Stmt.Assign> assigns = Stmts.assignments(fn.body());
    if (!enabled) {
      Set<Var> all = new LinkedHashSet<>();
      for (Var p : fn.params()) {
        if (p.type() == Type.DOUBLE) {
          all.add(p);
        }
      }
      for (Stmt.Assign a : assigns) {
        if (a.target().type() == Type.DOUBLE) {
          all.add(a.target());
        }
      }
      return new Activity(all);
    }
    Set<Var> varied = new LinkedHashSet<>(independents);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt.Assign a : assigns) {
        if (!varied.contains(a.target())
            && Derivatives.flowingInto(a.value()).stream().anyMatch(varied::contains)) {
          changed |= varied.add(a.target());
        }
      }
    }
    Set<Var> useful = new LinkedHashSet<>();
    useful.add(fn.result());
    changed = true;
    while (changed) {
      changed = false;
      for (Stmt.Assign a : assigns) {
        if (useful.contains(a.target())) {
          changed |= useful.addAll(Derivatives.flowingInto(a.value()));
        }
      }
    }
    varied.retainAll(useful);
    return new Activity(varied);
  }

  public boolean isActive(Var v) {
    return active.contains(v);
  }

  /** Active variables in order of first appearance: the order adjoints are declared in. */
  public Set<Var> variables() {
    return active;
  }
}
