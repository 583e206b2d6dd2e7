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

  /** Per block, what it does to what is needed ({@link #summary}). */
  private final Map<List<Stmt>, Summary> summaries = new IdentityHashMap<>();

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
   * some path to here (so assigning one overwrites it); {@code needed}: variables whose current
   * value the backward sweep of a statement since their last assignment reads. An assignment
   * to {@code v} saves {@code v} only if {@code v} is needed: the backward sweep restores the
   * value it overwrites just before it reverses the statements that read that value. What it
   * overwrites unread since the previous assignment nobody reverses back to, so it is not
   * saved ({@code r = -y[i]; for (j...) r += X[i][j] * w[j]}: the loop's old values of {@code
   * r} are never read). Branches join by union; a loop's body starts from what is needed
   * before it plus what its body leaves needed ({@link Summary}).
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
        if (kills(a)) {
          needed.remove(a.target());
        }
        needed.addAll(reads(a, activity));
      } else if (s instanceof Stmt.Store st) {
        needed.addAll(reads(st, activity));
      } else if (s instanceof Stmt.If i) {
        Set<Var> definedElse = new HashSet<>(defined);
        Set<Var> neededElse = new HashSet<>(needed);
        walk(i.then(), defined, needed, activity, enabled);
        walk(i.otherwise(), definedElse, neededElse, activity, enabled);
        defined.addAll(definedElse);
        needed.addAll(neededElse);
      } else if (s instanceof Stmt.Loop l) {
        // Later iterations overwrite what the backward sweep of earlier ones reads: inside a
        // loop, everything the body ever assigns is already defined, and what one iteration
        // leaves needed is needed at the start of the next.
        defined.addAll(dev.adjoint.processor.ir.Stmts.writes(l));
        Summary body = summary(l.body(), activity);
        loopNeeds.put(l, body.reads());
        needed.addAll(body.gen());
        walk(l.body(), defined, new HashSet<>(needed), activity, enabled);
      }
    }
  }

  /**
   * Whether an assignment ends the need for its target's old value. An integer step the
   * backward sweep undoes ({@code i++} reversed as {@code i--}) needs the new value there
   * instead, so it never does.
   */
  private boolean kills(Stmt.Assign a) {
    return Inverses.of(a) == null;
  }

  /** Per assignment inside a loop, its {@link #reads}: the summary and the walk both ask. */
  private final Map<Stmt.Assign, Set<Var>> readsOf = new IdentityHashMap<>();

  /** What the backward sweep of {@code a} reads, at its place or of its new value. */
  private Set<Var> reads(Stmt.Assign a, Activity activity) {
    Set<Var> known = readsOf.get(a);
    return known != null ? known : computeReads(a, activity);
  }

  private Set<Var> computeReads(Stmt.Assign a, Activity activity) {
    Set<Var> out = new HashSet<>();
    for (Derivatives.Contribution c : Derivatives.contributions(a, activity::isActive, remat)) {
      out.addAll(Exprs.reads(c.partial()));
    }
    if (a.value() instanceof Expr.Invoke call && activity.isActive(a.target())) {
      out.addAll(Exprs.reads(call)); // the callee's pullback runs on the same arguments
      if (call.kind() == Expr.Invoke.Kind.KERNEL) {
        out.add(a.target()); // and a kernel's pullback reuses the result
      }
    }
    if (a.target().type().isArray() && activity.isActive(a.target())) {
      // The backward sweep sizes the array's adjoint from it (per iteration in a loop).
      out.add(a.target());
    }
    if (ArrayResults.returns(a) && activity.isActive(a.target())) {
      // The seed goes into the adjoint of the array returned, which the backward sweep
      // finds from the same condition and index.
      out.addAll(Exprs.reads(a.value()));
    }
    if (a.value() instanceof Expr.Index load && activity.isActive(a.target())) {
      out.addAll(indexReads(load.array(), load.index())); // for x̄[i] += v̄
    }
    return out;
  }

  private static Set<Var> reads(Stmt.Store st, Activity activity) {
    if (st.value().type().isArray()
        || activity.isActive(dev.adjoint.processor.ir.Stmts.baseVar(st.array()))) {
      // A whole row assigned is put back by the backward sweep, active or not.
      return indexReads(st.array(), st.index());
    }
    return Set.of();
  }

  /**
   * What a block does to {@code needed}, whatever it was before: it leaves {@code gen} needed
   * and {@code kill} no longer needed ({@code needed' = gen ∪ (needed − kill)}); {@code
   * reads} is everything its backward sweep reads. A loop may run no times, so it kills
   * nothing, and its fixpoint is {@code needed ∪ gen(body)}. Computed once per loop body, so
   * nested loops cost their size, not a power of their depth.
   */
  private record Summary(Set<Var> gen, Set<Var> kill, Set<Var> reads) {}

  private Summary summary(List<Stmt> block, Activity activity) {
    Summary known = summaries.get(block);
    if (known != null) {
      return known;
    }
    Set<Var> gen = new HashSet<>();
    Set<Var> kill = new HashSet<>();
    Set<Var> reads = new HashSet<>();
    for (Stmt s : block) {
      Set<Var> g;
      Set<Var> k = Set.of();
      if (s instanceof Stmt.Assign a) {
        g = computeReads(a, activity);
        readsOf.put(a, g);
        if (kills(a)) {
          k = Set.of(a.target());
        }
      } else if (s instanceof Stmt.Store st) {
        g = reads(st, activity);
      } else if (s instanceof Stmt.If i) {
        Summary then = summary(i.then(), activity);
        Summary otherwise = summary(i.otherwise(), activity);
        g = new HashSet<>(then.gen());
        g.addAll(otherwise.gen());
        Set<Var> both = new HashSet<>(then.kill());
        both.retainAll(otherwise.kill());
        k = both;
        reads.addAll(then.reads());
        reads.addAll(otherwise.reads());
      } else if (s instanceof Stmt.Loop l) {
        Summary body = summary(l.body(), activity);
        g = body.gen();
        reads.addAll(body.reads());
      } else {
        continue;
      }
      gen.removeAll(k);
      gen.addAll(g);
      kill.addAll(k);
      kill.removeAll(g);
      reads.addAll(g);
    }
    Summary out = new Summary(gen, kill, reads);
    summaries.put(block, out);
    return out;
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
