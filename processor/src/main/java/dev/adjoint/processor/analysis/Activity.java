package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
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
    // Both closures by worklist over the flow graph, each edge followed once: a fixpoint over
    // the flows in program order would take one round per link of a long backward chain.
    Map<Var, List<Var>> into = new IdentityHashMap<>();
    Map<Var, List<Var>> from = new IdentityHashMap<>();
    for (Derivatives.Flow f : flows) {
      for (Var source : f.sources()) {
        into.computeIfAbsent(source, k -> new ArrayList<>()).add(f.target());
        from.computeIfAbsent(f.target(), k -> new ArrayList<>()).add(source);
      }
    }
    Set<Var> closed = closure(independents, into);
    // In order of first appearance as a flow's target, as the adjoints are declared.
    Set<Var> varied = new LinkedHashSet<>(independents);
    for (Derivatives.Flow f : flows) {
      if (closed.contains(f.target())) {
        varied.add(f.target());
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
        // An array parameter the method writes into carries derivatives like a local array.
        if (f.target().type().isDifferentiable()
            && (f.target().role() != Var.Role.PARAM || f.target().type().isArray())) {
          all.add(f.target());
        }
      }
      return new Activity(all, varied);
    }
    Set<Var> useful = closure(List.of(fn.result()), from);
    Set<Var> active = new LinkedHashSet<>(varied);
    active.retainAll(useful);
    return new Activity(active, varied);
  }

  /** {@code start} and everything reachable from it along {@code edges}. */
  private static Set<Var> closure(Collection<Var> start, Map<Var, List<Var>> edges) {
    Set<Var> seen = new HashSet<>(start);
    Deque<Var> work = new ArrayDeque<>(start);
    while (!work.isEmpty()) {
      for (Var next : edges.getOrDefault(work.pop(), List.of())) {
        if (seen.add(next)) {
          work.push(next);
        }
      }
    }
    return seen;
  }

  public boolean isActive(Var v) {
    return active.contains(v);
  }

  /** Active variables in order of first appearance: the order adjoints are declared in. */
  public Set<Var> variables() {
    return active;
  }
}
