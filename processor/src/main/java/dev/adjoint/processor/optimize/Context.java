package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the passes of one optimizer run share: the variables read after the body, and facts about
 * statements and expressions cached by identity. IR nodes are immutable and a pass keeps the
 * statements it does not change, so a fact computed once stays true for the whole run.
 */
final class Context {
  private final Set<Var> roots;
  private final Map<Stmt, Facts> facts = new IdentityHashMap<>();
  private final Set<Expr> settled = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt, Set<Var>> liveOut = new IdentityHashMap<>();

  /** Calls of {@link Algebra#simplify} (for the cost test). */
  int simplifications;

  Context(Set<Var> roots) {
    this.roots = Set.copyOf(roots);
  }

  /** Variables read after the body: the result and the parameters' adjoints. */
  Set<Var> roots() {
    return roots;
  }

  /** {@link Stmts#reads}, {@link Stmts#writes} and {@link Stmts#storesMemory} of a statement. */
  record Facts(Set<Var> reads, Set<Var> writes, boolean storesMemory) {}

  Facts facts(Stmt s) {
    return facts.computeIfAbsent(s,
        t -> new Facts(Stmts.reads(t), Stmts.writes(t), Stmts.storesMemory(t)));
  }

  boolean mentions(Stmt s, Var v) {
    Facts f = facts(s);
    return f.reads().contains(v) || f.writes().contains(v);
  }

  /**
   * {@link Algebra#simplify}, skipped for an expression it already left as it is: unchanged
   * statements keep their expression objects from round to round.
   */
  Expr simplify(Expr e) {
    if (settled.contains(e)) {
      return e;
    }
    simplifications++;
    Expr s = Algebra.simplify(e);
    if (s.equals(e)) {
      settled.add(e);
      return e;
    }
    return s;
  }

  /** What is live after each {@code if} and loop, as {@link DeadCode} last found it. */
  Map<Stmt, Set<Var>> liveOut() {
    return liveOut;
  }
}
