package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.WriteIndex;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces a temporary or an adjoint assigned once by its value where it is read, and drops the
 * assignment: a copy ({@code t = u}) or a constant everywhere, a value read once, a cheap
 * operation on atoms ({@code x * y}) wherever the value is not an adjoint. A definition is
 * inlined only where it dominates the use in the same loops, nothing on the way writes what it
 * reads (nor stores into an array it reads), and it has no effect ({@code Pop}, pullbacks).
 *
 * <p>One pass visits the definitions in program order and inlines every one that qualifies,
 * keeping each variable's uses and read count up to date as values move: a chain {@code t1 = a *
 * b; t2 = t1 + c; y = t2 * d} is folded into {@code y} in one pass, not one round per link.
 */
final class InlineTemporaries implements Pass {
  /** Larger inlined expressions read worse than a named intermediate. */
  static final int MAX_INLINED_SIZE = 16;

  /** Inlinings done by the last {@link #apply} (for the cost test). */
  int inlined;

  @Override
  public Sweeps apply(Sweeps body, Context context) {
    inlined = 0;
    List<Stmt> all = body.all();
    Layout layout = new Layout(all);
    WriteIndex positions = new WriteIndex(layout);
    List<Stmt> order = layout.statements();
    Map<Var, Integer> writes = new IdentityHashMap<>();
    for (Stmt.Assign a : Stmts.assignments(all)) {
      writes.merge(a.target(), 1, Integer::sum);
    }
    // Each variable's reading statements (by layout index), and its number of reads.
    Map<Var, TreeSet<Integer>> usesOf = new IdentityHashMap<>();
    Map<Var, Integer> readCount = new IdentityHashMap<>();
    for (int k = 0; k < order.size(); k++) {
      for (Map.Entry<Var, Integer> r : ownReadCounts(order.get(k)).entrySet()) {
        usesOf.computeIfAbsent(r.getKey(), x -> new TreeSet<>()).add(k);
        readCount.merge(r.getKey(), r.getValue(), Integer::sum);
      }
    }
    // Each statement's form after the inlinings so far (own expressions only), the values
    // still to be substituted into it (all at once: a long sum taking one value per inlining
    // would be rebuilt once per value), and the definitions dropped.
    Map<Stmt, Stmt> current = new IdentityHashMap<>();
    Map<Stmt, Map<Var, Expr>> pending = new IdentityHashMap<>();
    Set<Stmt> removed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt s : order) {
      if (!(s instanceof Stmt.Assign original)) {
        continue;
      }
      Stmt.Assign def = (Stmt.Assign) resolved(original, current, pending);
      Var v = def.target();
      if (!v.isSynthetic() && v.role() != Var.Role.BRANCH || context.roots().contains(v)
          || def.accumulate() || writes.getOrDefault(v, 0) != 1 || v.type().isArray()
          || Exprs.hasEffect(def.value())) {
        continue;
      }
      TreeSet<Integer> useIndices = usesOf.get(v);
      Expr e = def.value();
      int reads = readCount.getOrDefault(v, 0);
      boolean cheap = e.isAtom() || reads == 1 || v.role() != Var.Role.ADJOINT && isCheap(e)
          || reads == 2 && isCheapProduct(e);
      if (!cheap || useIndices == null || useIndices.isEmpty()
          || size(e, MAX_INLINED_SIZE + 1) > MAX_INLINED_SIZE
              && !(reads == 1 && isRenaming(current.getOrDefault(
                  order.get(useIndices.first()), order.get(useIndices.first())), v))) {
        continue;
      }
      int at = layout.indexOf(original);
      if (!safe(e, original, at, useIndices, layout, positions)) {
        continue;
      }
      inlined++;
      for (int u : useIndices) {
        pending.computeIfAbsent(order.get(u), x -> new IdentityHashMap<>()).put(v, e);
      }
      removed.add(original);
      // The reads of e moved from the definition to the uses.
      Map<Var, Integer> moved = new IdentityHashMap<>();
      countReads(e, moved);
      for (Map.Entry<Var, Integer> r : moved.entrySet()) {
        readCount.merge(r.getKey(), r.getValue() * (reads - 1), Integer::sum);
        TreeSet<Integer> where = usesOf.get(r.getKey());
        where.remove(at);
        where.addAll(useIndices);
      }
      usesOf.remove(v);
      readCount.remove(v);
    }
    if (inlined == 0) {
      return body;
    }
    for (Stmt s : List.copyOf(pending.keySet())) {
      resolved(s, current, pending);
    }
    return new Sweeps(rebuilt(body.forward(), current, removed),
        rebuilt(body.backward(), current, removed));
  }

  /**
   * The current form of {@code s}, its pending values substituted. A value put there is itself
   * resolved, and holds no variable inlined later: that variable's definition came first.
   */
  private static Stmt resolved(Stmt s, Map<Stmt, Stmt> current,
      Map<Stmt, Map<Var, Expr>> pending) {
    Map<Var, Expr> sub = pending.remove(s);
    Stmt now = current.getOrDefault(s, s);
    if (sub != null) {
      now = Blocks.ownExpressions(now, x -> Exprs.substitute(x, sub));
      current.put(s, now);
    }
    return now;
  }

  private static boolean safe(Expr e, Stmt def, int at, TreeSet<Integer> useIndices,
      Layout layout, WriteIndex positions) {
    Set<Var> inputs = Exprs.reads(e);
    boolean memory = Exprs.readsMemory(e);
    List<Stmt.Loop> loops = layout.loopsAround(def);
    for (int u : useIndices) {
      Stmt use = layout.statements().get(u);
      if (!layout.dominates(def, use) || positions.writesBetween(inputs, at, u)
          // A branch test is evaluated once: only cheap work moves into it.
          || use instanceof Stmt.If && !isCheap(e)
          // Never move work into a loop, nor a value across iterations.
          || !(e instanceof Expr.Const) && !loops.equals(layout.loopsAround(use))
          || use instanceof Stmt.Loop
          || memory && positions.storesBetween(inputs, at, u)) {
        return false;
      }
    }
    return true;
  }

  /** {@code block} with the statements rebuilt as {@link #apply} left them, nested ones too. */
  private static List<Stmt> rebuilt(List<Stmt> block, Map<Stmt, Stmt> current,
      Set<Stmt> removed) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      if (removed.contains(s)) {
        continue;
      }
      Stmt now = current.getOrDefault(s, s);
      if (s instanceof Stmt.If i) {
        Stmt.If c = (Stmt.If) now;
        List<Stmt> then = rebuilt(i.then(), current, removed);
        List<Stmt> otherwise = rebuilt(i.otherwise(), current, removed);
        now = c == i && then.equals(i.then()) && otherwise.equals(i.otherwise()) ? i
            : new Stmt.If(c.condition(), then, otherwise, i.source());
      } else if (s instanceof Stmt.Loop l) {
        Stmt.Loop c = (Stmt.Loop) now;
        List<Stmt> loopBody = rebuilt(l.body(), current, removed);
        List<Stmt> update = rebuilt(l.update(), current, removed);
        now = c == l && loopBody.equals(l.body()) && update.equals(l.update()) ? l
            : new Stmt.Loop(c.condition(), loopBody, update, l.source());
      }
      out.add(now);
    }
    return out;
  }

  /** Reads of each variable by the expressions of {@code s} itself, not nested statements. */
  private static Map<Var, Integer> ownReadCounts(Stmt s) {
    Map<Var, Integer> out = new IdentityHashMap<>();
    if (s instanceof Stmt.Assign a && a.accumulate()) {
      out.merge(a.target(), 1, Integer::sum);
    }
    if (!(s instanceof Stmt.Return)) {
      Blocks.ownExpressions(s, e -> {
        countReads(e, out);
        return e;
      });
    }
    return out;
  }

  private static void countReads(Expr e, Map<Var, Integer> out) {
    if (e instanceof Expr.Ref r) {
      out.merge(r.var(), 1, Integer::sum);
    }
    for (Expr child : Exprs.children(e)) {
      countReads(child, out);
    }
  }

  /** The number of nodes of {@code e}, counted up to {@code limit} (a long sum is not walked). */
  private static int size(Expr e, int limit) {
    int n = 1;
    for (Expr child : Exprs.children(e)) {
      if (n >= limit) {
        break;
      }
      n += size(child, limit - n);
    }
    return n;
  }

  /** An atom, or one operator (not a call) over atoms. */
  static boolean isCheap(Expr e) {
    if (e.isAtom()) {
      return true;
    }
    if (e instanceof Expr.Call || e instanceof Expr.Invoke) {
      return false;
    }
    for (Expr child : Exprs.children(e)) {
      if (!child.isAtom() && !isElement(child)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A product or a negation over atoms: an adjoint read twice is repeated rather than named
   * when it is one multiplication ({@code sBar * x[i]}), as a person would write it.
   */
  private static boolean isCheapProduct(Expr e) {
    boolean op = e instanceof Expr.Binary b && b.op() == Op.MUL
        || e instanceof Expr.Unary u && u.op() == Op.NEG;
    return op && isCheap(e);
  }

  /**
   * {@code u = v} or {@code u = -v}: inlining {@code v} there adds no length, however long its
   * value (a negation's adjoint then folds: {@code u = -(-e)} is {@code u = e}).
   */
  private static boolean isRenaming(Stmt use, Var v) {
    if (!(use instanceof Stmt.Assign a) || a.accumulate()) {
      return false;
    }
    Expr value = a.value() instanceof Expr.Unary u && u.op() == Op.NEG ? u.operand() : a.value();
    return value instanceof Expr.Ref r && r.var() == v;
  }

  /** {@code a[i]} over atoms: read again as cheaply as a variable. */
  private static boolean isElement(Expr e) {
    return e instanceof Expr.Index i && i.array().isAtom() && i.index().isAtom();
  }
}
