package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.ArrayResults;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

  private final Rematerialization remat;

  /** Per loop, what its body's backward sweep reads. */
  private final Map<Stmt.Loop, Set<Var>> loopNeeds = new IdentityHashMap<>();

  /** Per loop, the doubles saved once before it instead of inside it ({@link LoopSaves}). */
  private Map<Stmt.Loop, List<Var>> savedAround = Map.of();

  private ToBeRecorded(Set<Stmt.Assign> recorded, Rematerialization remat) {
    this.recorded = recorded;
    this.remat = remat;
  }

  public static ToBeRecorded analyse(Function fn, Activity activity, boolean enabled) {
    return analyse(fn, activity, enabled, Rematerialization.none());
  }

  public static ToBeRecorded analyse(Function fn, Activity activity, boolean enabled,
      Rematerialization remat) {
    ToBeRecorded tbr = new ToBeRecorded(Collections.newSetFromMap(new IdentityHashMap<>()),
        remat);
    tbr.walk(fn.body(), new HashSet<>(fn.params()), new HashSet<>(), activity, enabled);
    if (enabled) {
      tbr.savedAround = LoopSaves.lift(fn.body(), tbr.recorded, tbr.loopNeeds);
    }
    return tbr;
  }

  /**
   * Walks {@code block} in execution order. {@code defined}: variables that may hold a value on
   * some path to here (so assigning one overwrites it); {@code needed}: variables that the
   * backward sweep of statements before here reads. Both only grow; branches join by union.
   */
  private void walk(List<Stmt> block, Set<Var> defined, Set<Var> needed, Activity activity,
      boolean enabled) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        // The result is assigned once on every path and read after the backward sweep.
        boolean result = a.target().role() == Var.Role.RESULT;
        if (!result && defined.contains(a.target())
            && (!enabled || needed.contains(a.target()))) {
          recorded.add(a);
        }
        defined.add(a.target());
        for (Derivatives.Contribution c
            : Derivatives.contributions(a, activity::isActive, remat)) {
          needed.addAll(Exprs.reads(c.partial()));
        }
        if (a.value() instanceof Expr.Invoke call && activity.isActive(a.target())) {
          needed.addAll(Exprs.reads(call)); // the callee's pullback runs on the same arguments
          if (call.kind() == Expr.Invoke.Kind.KERNEL) {
            needed.add(a.target()); // and a kernel's pullback reuses the result
          }
        }
        if (a.target().type().isArray() && activity.isActive(a.target())) {
          // The backward sweep sizes the array's adjoint from it (per iteration in a loop).
          needed.add(a.target());
        }
        if (ArrayResults.returns(a) && activity.isActive(a.target())) {
          // The seed goes into the adjoint of the array returned, which the backward sweep
          // finds from the same condition and index.
          needed.addAll(Exprs.reads(a.value()));
        }
        if (a.value() instanceof Expr.Index load && activity.isActive(a.target())) {
          needed.addAll(indexReads(load.array(), load.index())); // for x̄[i] += v̄
        }
      } else if (s instanceof Stmt.Store st && (st.value().type().isArray()
          || activity.isActive(dev.adjoint.processor.ir.Stmts.baseVar(st.array())))) {
        // A whole row assigned is put back by the backward sweep, active or not.
        needed.addAll(indexReads(st.array(), st.index()));
      } else if (s instanceof Stmt.If i) {
        Set<Var> definedElse = new HashSet<>(defined);
        Set<Var> neededElse = new HashSet<>(needed);
        walk(i.then(), defined, needed, activity, enabled);
        walk(i.otherwise(), definedElse, neededElse, activity, enabled);
        defined.addAll(definedElse);
        needed.addAll(neededElse);
      } else if (s instanceof Stmt.Loop l) {
        // Later iterations overwrite what the backward sweep of earlier ones reads: inside a
        // loop, everything the body ever assigns is already defined, and everything its
        // backward sweep reads is already needed.
        defined.addAll(dev.adjoint.processor.ir.Stmts.writes(l));
        ToBeRecorded probe = new ToBeRecorded(Collections.newSetFromMap(new IdentityHashMap<>()),
            remat);
        Set<Var> bodyNeeds = new HashSet<>();
        probe.walk(l.body(), new HashSet<>(defined), bodyNeeds, activity, enabled);
        needed.addAll(bodyNeeds);
        loopNeeds.put(l, bodyNeeds);
        walk(l.body(), defined, needed, activity, enabled);
      }
    }
  }

  /** Variables an element address reads: the index, and a matrix row's index. */
  private static Set<Var> indexReads(Expr array, Expr index) {
    Set<Var> out = new HashSet<>(Exprs.reads(index));
    Exprs.collectReads(array, out);
    return out;
  }

  /** The loads the backward sweep repeats instead of recording. */
  public Rematerialization rematerialization() {
    return remat;
  }

  /** The doubles to save before {@code loop} runs and restore after its reversal, in order. */
  public List<Var> savedAround(Stmt.Loop loop) {
    return savedAround.getOrDefault(loop, List.of());
  }

  public boolean mustSave(Stmt.Assign a) {
    return recorded.contains(a);
  }

  /** How many assignments save a value (for tests and reports). */
  public int count() {
    return recorded.size();
  }
}
