package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each variable is written, and where memory is stored into, by the statements' indices in
 * a {@link Layout}: so "is any of these written between a definition and a use?" costs a lookup
 * per variable instead of a scan of the statements between. Each statement counts its own write
 * only (an assignment's target, a store's array); a branch or loop between two indices has its
 * nested statements between them too, except those on paths that never reach the later index.
 */
final class Positions {
  private final Map<Var, TreeSet<Integer>> writes = new IdentityHashMap<>();
  private final Map<Var, TreeSet<Integer>> stores = new IdentityHashMap<>();
  private final TreeSet<Integer> calls = new TreeSet<>();

  Positions(Layout layout) {
    List<Stmt> order = layout.statements();
    for (int k = 0; k < order.size(); k++) {
      Stmt s = order.get(k);
      if (s instanceof Stmt.Assign a) {
        at(writes, a.target(), k);
      } else if (s instanceof Stmt.Store st) {
        for (Var base : Stmts.bases(st.array())) {
          at(writes, base, k);
          at(stores, base, k);
        }
      } else if (s instanceof Stmt.Evaluate) {
        calls.add(k);
      }
    }
  }

  private static void at(Map<Var, TreeSet<Integer>> where, Var v, int k) {
    where.computeIfAbsent(v, x -> new TreeSet<>()).add(k);
  }

  /** Whether a statement strictly between {@code from} and {@code to} writes one of {@code vars}. */
  boolean writesBetween(Set<Var> vars, int from, int to) {
    return anyBetween(writes, vars, from, to);
  }

  /**
   * Whether a statement strictly between the two indices stores into an array one of {@code
   * vars} holds, or calls something that may (a pullback adds into adjoint arrays).
   */
  boolean storesBetween(Set<Var> vars, int from, int to) {
    return between(calls, from, to) || anyBetween(stores, vars, from, to);
  }

  private static boolean anyBetween(Map<Var, TreeSet<Integer>> where, Set<Var> vars, int from,
      int to) {
    for (Var v : vars) {
      if (between(where.get(v), from, to)) {
        return true;
      }
    }
    return false;
  }

  private static boolean between(TreeSet<Integer> at, int from, int to) {
    if (at == null) {
      return false;
    }
    Integer k = at.higher(from);
    return k != null && k < to;
  }
}
