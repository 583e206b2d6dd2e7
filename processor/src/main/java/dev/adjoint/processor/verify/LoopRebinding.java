package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.ArrayResults;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An array that lives across the iterations of a loop (bound before it, or read after it or by
 * its condition) and is rebound inside it would need one adjoint per iteration. Runs on the IR
 * the array renaming starts from (after the control-flow normalizer) and follows its walk: which
 * arrays are bound on entry to each loop, and which are read after it.
 */
public final class LoopRebinding {
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Stmt> reported = Collections.newSetFromMap(new IdentityHashMap<>());

  private LoopRebinding() {}

  public static List<Problem> check(Function normalized) {
    LoopRebinding check = new LoopRebinding();
    Set<Var> bound = new HashSet<>();
    for (Var p : normalized.params()) {
      if (p.type().isArray()) {
        bound.add(p);
      }
    }
    check.block(normalized.body(), bound, Set.of());
    return check.problems;
  }

  /** {@code bound}: arrays bound on this path, updated; {@code liveOut}: read after the block. */
  private void block(List<Stmt> block, Set<Var> bound, Set<Var> liveOut) {
    List<Set<Var>> liveAfter = Stmts.arraysLiveAfter(block, liveOut);
    for (int k = 0; k < block.size(); k++) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a && a.target().type().isArray() && !ArrayResults.returns(a)) {
        bound.add(a.target());
      } else if (s instanceof Stmt.If i) {
        Set<Var> then = new HashSet<>(bound);
        Set<Var> otherwise = new HashSet<>(bound);
        block(i.then(), then, liveAfter.get(k));
        block(i.otherwise(), otherwise, liveAfter.get(k));
        // Bound after the if: on every path, and read later (else the renaming keeps no join).
        then.retainAll(otherwise);
        then.retainAll(liveAfter.get(k));
        bound.addAll(then);
      } else if (s instanceof Stmt.Loop l) {
        loop(l, bound, liveAfter.get(k));
      }
    }
  }

  private void loop(Stmt.Loop l, Set<Var> bound, Set<Var> liveAfter) {
    Set<Var> carried = new HashSet<>(liveAfter);
    carried.addAll(Exprs.reads(l.condition()));
    for (Stmt.Assign a : Stmts.assignments(List.of(l))) {
      Var v = a.target();
      if (v.type().isArray() && (bound.contains(v) || carried.contains(v))
          && !ArrayResults.returns(a) && reported.add(a)) {
        String type = v.type().javaName();
        String instead = ArrayNames.isReference(a)
            ? "declare a new variable inside the loop (" + type + " " + v.name() + "2 = ...)"
            : "write each step with its own variable (" + type + " " + v.name() + "2 = ...; "
                + type + " " + v.name() + "3 = ...), or allocate the array once before the"
                + " loop and write its elements";
        problems.add(Problem.unsupported(a.source(), "array variable " + v.name() + " is"
            + " rebound inside a loop, which is not supported; " + instead));
      }
    }
    Set<Var> next = new HashSet<>(carried);
    for (Stmt u : l.update()) {
      next.addAll(Stmts.reads(u));
    }
    Set<Var> inside = new HashSet<>(bound);
    block(l.body(), inside, next);
    block(l.update(), inside, next);
  }
}
