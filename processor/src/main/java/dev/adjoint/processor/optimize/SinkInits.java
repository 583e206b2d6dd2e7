package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves {@code v̄ = 0} into the branches of the next statement that mentions {@code v̄} when that
 * is an {@code if} holding every later use of {@code v̄} (or a loop whose every iteration ends
 * with {@code v̄ = 0}, in an if's branches too), so the branch or the loop body can declare {@code v̄} at its first use.
 * Needs the live-out sets of {@link DeadCode}, run just before.
 */
final class SinkInits implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    List<Stmt> backward = Blocks.topDown(body.backward(), block -> sink(block, context));
    return backward == body.backward() ? body : new Sweeps(body.forward(), backward);
  }

  private static List<Stmt> sink(List<Stmt> block, Context context) {
    Map<Stmt, Set<Var>> liveOut = context.liveOut();
    // Where each variable is mentioned in the block (nested statements count for the statement
    // holding them), so each initialisation finds the next statement that mentions it at once.
    Map<Var, TreeSet<Integer>> mentioned = new IdentityHashMap<>();
    for (int k = 0; k < block.size(); k++) {
      Context.Facts f = context.facts(block.get(k));
      for (Var r : f.reads()) {
        mentioned.computeIfAbsent(r, x -> new TreeSet<>()).add(k);
      }
      for (Var w : f.writes()) {
        mentioned.computeIfAbsent(w, x -> new TreeSet<>()).add(k);
      }
    }
    List<Stmt> out = new ArrayList<>(block);
    Map<List<Stmt>, Map<Var, int[]>> mentionsIn = new IdentityHashMap<>();
    boolean changed = false;
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Assign init) || init.accumulate()
          || init.target().role() != Var.Role.ADJOINT || !(init.value() instanceof Expr.Const)) {
        continue;
      }
      Var v = init.target();
      Integer j = mentioned.get(v).higher(i);
      while (j != null && out.get(j) == null) {
        j = mentioned.get(v).higher(j);
      }
      if (j == null) {
        continue;
      }
      Stmt s = out.get(j);
      Set<Var> after = liveOut.get(s);
      Stmt sunk = null;
      if (s instanceof Stmt.If branch && after != null && !after.contains(v)
          && !Exprs.reads(branch.condition()).contains(v)) {
        sunk = new Stmt.If(branch.condition(), withInit(branch.then(), init, context),
            withInit(branch.otherwise(), init, context), branch.source());
      } else if (s instanceof Stmt.Loop loop && after != null && !after.contains(v)
          && !Exprs.reads(loop.condition()).contains(v)
          && endsWithReset(((Stmt.Loop) block.get(j)).body(), true, init, context,
              mentionsIn)) {
        // (Asked of the loop as it came: the initialisations sunk into it this pass mention
        // only their own variables.)
        // Every iteration ends with v̄ = 0, so starting each with it changes nothing, and lets
        // the body declare v̄ where it is first used.
        List<Stmt> loopBody = new ArrayList<>();
        loopBody.add(Stmt.Assign.set(v, init.value(), init.source()));
        loopBody.addAll(loop.body());
        sunk = new Stmt.Loop(loop.condition(), loopBody, loop.update(), loop.source());
      }
      if (sunk != null) {
        // v̄ is not live after the statement, so what is live after it stays as it was.
        liveOut.put(sunk, after);
        out.set(j, sunk);
        out.set(i, null);
        changed = true;
      }
    }
    if (!changed) {
      return block;
    }
    out.removeIf(Objects::isNull);
    return out;
  }

  /**
   * Whether every pass through {@code body} leaves the variable at its initial value, given
   * whether it holds that value when {@code body} begins ({@code startsReset}): the last
   * statement that mentions it resets it, or is an if whose every branch does (or passes the
   * initial value through), or is a loop whose body does and which starts with it.
   */
  private static boolean endsWithReset(List<Stmt> body, boolean startsReset, Stmt.Assign init,
      Context context, Map<List<Stmt>, Map<Var, int[]>> mentionsIn) {
    Var v = init.target();
    int[] last = mentionsIn.computeIfAbsent(body, b -> lastMentions(b, context)).get(v);
    if (last == null) {
      return startsReset;
    }
    Stmt s = body.get(last[0]);
    // Whether the variable still holds its initial value when that statement begins.
    boolean held = startsReset && last[1] == 1;
    if (s instanceof Stmt.Assign a) {
      return a.target() == v && !a.accumulate() && a.value().equals(init.value());
    }
    if (s instanceof Stmt.If branch) {
      return !Exprs.reads(branch.condition()).contains(v)
          && endsWithReset(branch.then(), held, init, context, mentionsIn)
          && endsWithReset(branch.otherwise(), held, init, context, mentionsIn);
    }
    // A loop may run no times: it must start with the initial value.
    return held && s instanceof Stmt.Loop inner
        && !Exprs.reads(inner.condition()).contains(v)
        && endsWithReset(inner.body(), true, init, context, mentionsIn);
  }

  /** For each variable {@code block} mentions: the last statement that does, and how many do. */
  private static Map<Var, int[]> lastMentions(List<Stmt> block, Context context) {
    Map<Var, int[]> out = new IdentityHashMap<>();
    for (int k = 0; k < block.size(); k++) {
      Context.Facts f = context.facts(block.get(k));
      Set<Var> mentioned = new java.util.HashSet<>(f.reads());
      mentioned.addAll(f.writes());
      for (Var v : mentioned) {
        int[] at = out.computeIfAbsent(v, x -> new int[2]);
        at[0] = k;
        at[1]++;
      }
    }
    return out;
  }

  private static List<Stmt> withInit(List<Stmt> branch, Stmt.Assign init, Context context) {
    if (branch.stream().noneMatch(s -> context.mentions(s, init.target()))) {
      return branch;
    }
    List<Stmt> out = new ArrayList<>();
    out.add(Stmt.Assign.set(init.target(), init.value(), init.source()));
    out.addAll(branch);
    return out;
  }
}
