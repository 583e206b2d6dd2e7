package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops assignments whose value no later statement reads (flow-sensitive liveness over the
 * structured body, backwards from the roots, so a reset or a restore nothing reads afterwards
 * goes too), branches left empty and loops left with nothing to do. Records what is live after
 * each {@code if} and loop for {@link SinkInits}.
 */
final class DeadCode implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    Map<Stmt, Set<Var>> liveOut = context.liveOut();
    liveOut.clear();
    Set<Var> live = new HashSet<>(context.roots());
    List<Stmt> backward = prune(body.backward(), live, liveOut);
    List<Stmt> forward = prune(body.forward(), live, liveOut);
    return forward.equals(body.forward()) && backward.equals(body.backward()) ? body
        : new Sweeps(forward, backward);
  }

  private static List<Stmt> prune(List<Stmt> block, Set<Var> live, Map<Stmt, Set<Var>> liveOut) {
    List<Stmt> out = new ArrayList<>();
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a) {
        if (!live.contains(a.target()) && !Exprs.hasEffect(a.value())) {
          continue;
        }
        if (!a.accumulate()) {
          live.remove(a.target());
        }
        Exprs.collectReads(a.value(), live);
        out.add(s);
      } else if (s instanceof Stmt.Store || s instanceof Stmt.Push
          || s instanceof Stmt.Evaluate) {
        // Memory and stacks are kept whole: what they hold is read by identity, not by name.
        live.addAll(Stmts.reads(s));
        out.add(s);
      } else if (s instanceof Stmt.Loop l) {
        Stmt.Loop kept = loop(l, live, liveOut);
        if (kept != null) {
          out.add(kept);
        }
      } else if (s instanceof Stmt.If i) {
        Set<Var> after = new HashSet<>(live);
        Set<Var> thenLive = new HashSet<>(live);
        List<Stmt> then = prune(i.then(), thenLive, liveOut);
        List<Stmt> otherwise = prune(i.otherwise(), live, liveOut);
        if (then.isEmpty() && otherwise.isEmpty()) {
          continue;
        }
        live.addAll(thenLive);
        Exprs.collectReads(i.condition(), live);
        Stmt.If kept = then.equals(i.then()) && otherwise.equals(i.otherwise())
            ? i : new Stmt.If(i.condition(), then, otherwise, i.source());
        liveOut.put(kept, after);
        out.add(kept);
      } else {
        out.add(s);
      }
    }
    Collections.reverse(out);
    return out;
  }

  /** The loop with its dead statements dropped, or null if it has nothing left to do. */
  private static Stmt.Loop loop(Stmt.Loop l, Set<Var> live, Map<Stmt, Set<Var>> liveOut) {
    // Live at the top of the body: what is live after the loop or read by its test, and what
    // the body reads for a later iteration, iterated to a fixpoint.
    Set<Var> loopLive = new HashSet<>(live);
    Exprs.collectReads(l.condition(), loopLive);
    while (true) {
      Set<Var> next = new HashSet<>(loopLive);
      prune(l.body(), next, liveOut);
      next.addAll(loopLive);
      if (next.equals(loopLive)) {
        break;
      }
      loopLive = next;
    }
    Set<Var> after = new HashSet<>(live);
    Set<Var> bodyLive = new HashSet<>(loopLive);
    List<Stmt> kept = prune(l.body(), bodyLive, liveOut);
    live.addAll(loopLive);
    live.addAll(bodyLive);
    Stmt.Loop keptLoop = kept.equals(l.body()) ? l
        : new Stmt.Loop(l.condition(), kept, l.update(), l.source());
    if (idle(keptLoop, after)) {
      // Only counts itself down (a backward loop whose body had nothing left to do).
      live.clear();
      live.addAll(after);
      return null;
    }
    liveOut.put(keptLoop, after);
    return keptLoop;
  }

  /**
   * A loop with no effect: it writes only what nothing after it reads and what its test reads,
   * or it is a counted loop (one with an update: a backward sweep's), which always ends.
   */
  private static boolean idle(Stmt.Loop loop, Set<Var> liveAfter) {
    Set<Var> written = Stmts.writes(loop);
    return !Stmts.hasEffect(loop) && !Stmts.storesMemory(loop)
        && written.stream().noneMatch(liveAfter::contains)
        && (written.containsAll(Exprs.reads(loop.condition())) || !loop.update().isEmpty());
  }
}
