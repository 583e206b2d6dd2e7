package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Function;
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
  private final Set<Var> varied;

  private Activity(Set<Var> active, Set<Var> varied) {
    this.active = active;
    this.varied = varied;
  }

  /** Whether {@code v} depends on a differentiated input (whether or not it reaches the result). */
  public boolean isVaried(Var v) {
    return varied.contains(v);
  }

  public static Activity analyse(Function fn, Collection<Var> independents, boolean enabled) {
    List<Derivatives.Flow> flows = Derivatives.flows(fn.body());
    Set<Var> varied = new LinkedHashSet<>(independents);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Derivatives.Flow f : flows) {
        if (!varied.contains(f.target()) && f.sources().stream().anyMatch(varied::contains)) {
          changed |= varied.add(f.target());
        }
      }
    }
    if (!enabled) {
      Set<Var> all = new LinkedHashSet<>();
      for (Var p : fn.params()) {
        // A caller owns the adjoint arrays of differentiated array parameters only.
        if (p.type() == dev.adjoint.processor.ir.Type.DOUBLE || independents.contains(p)) {
          all.add(p);
        }
      }
      for (Derivatives.Flow f : flows) {
        if (f.target().type().isDifferentiable() && f.target().role() != Var.Role.PARAM) {
          all.add(f.target());
        }
      }
      return new Activity(all, varied);
    }
    Set<Var> useful = new LinkedHashSet<>();
    useful.add(fn.result());
    changed = true;
    while (changed) {
      changed = false;
      for (Derivatives.Flow f : flows) {
        if (useful.contains(f.target())) {
          changed |= useful.addAll(f.sources());
        }
      }
    }
    Set<Var> active = new LinkedHashSet<>(varied);
    active.retainAll(useful);
    return new Activity(active, varied);
  }

  public boolean isActive(Var v) {
    return active.contains(v);
  }

  /** Active variables in order of first appearance: the order adjoints are declared in. */
  public Set<Var> variables() {
    return active;
  }
}
