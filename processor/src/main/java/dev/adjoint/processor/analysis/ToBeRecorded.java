package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * To-be-recorded analysis: which assignments overwrite a value that the backward sweep will
 * still read, so the forward sweep must save it first. The backward sweep of a statement
 * {@code T} reads the variables in its chain-rule partials; an assignment {@code S} to {@code
 * v} after {@code T} must save {@code v} if {@code T}'s partials read it. Switched off, every
 * overwrite is saved.
 */
public final class ToBeRecorded {
  private final Set<Stmt.Assign> recorded;

  private ToBeRecorded(Set<Stmt.Assign> recorded) {
    this.recorded = recorded;
  }

  public static ToBeRecorded analyse(Function fn, Activity activity, boolean enabled) {
    List<Stmt.Assign> order = Stmts.assignments(fn.body());
    Set<Var> defined = new HashSet<>(fn.params());
    // Variables read by the backward sweep of the statements seen so far.
    Set<Var> neededEarlier = new HashSet<>();
    Set<Stmt.Assign> recorded = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt.Assign a : order) {
      boolean overwrites = defined.contains(a.target());
      if (overwrites && (!enabled || neededEarlier.contains(a.target()))) {
        recorded.add(a);
      }
      defined.add(a.target());
      for (Derivatives.Contribution c : Derivatives.contributions(a, activity::isActive)) {
        neededEarlier.addAll(Exprs.reads(c.partial()));
      }
    }
    return new ToBeRecorded(recorded);
  }

  public boolean mustSave(Stmt.Assign a) {
    return recorded.contains(a);
  }

  /** How many assignments save a value (for tests and reports). */
  public int count() {
    return recorded.size();
  }
}
