package dev.adjoint.processor.ir;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each variable is written, and where memory is stored into, by the statements' indices in
 * a {@link Layout}: "does a statement between a definition and a use write one of these?" costs
 * a lookup per variable instead of a scan of the statements between. A branch or a loop counts
 * as writing everything its nested statements write, as {@link Stmts#writes} says.
 */
public final class WriteIndex {
  private final Map<Var, TreeSet<Integer>> writes = new IdentityHashMap<>();
  private final Map<Var, TreeSet<Integer>> stores = new IdentityHashMap<>();
  private final TreeSet<Integer> calls = new TreeSet<>();

  public WriteIndex(Layout layout) {
    List<Stmt> order = layout.statements();
    for (int k = 0; k < order.size(); k++) {
      int at = k;
      Stmt s = order.get(k);
      for (Var w : Stmts.writes(s)) {
        writes.computeIfAbsent(w, x -> new TreeSet<>()).add(at);
      }
      Stmts.walk(List.of(s), t -> {
        if (t instanceof Stmt.Store st) {
          for (Var base : Stmts.bases(st.array())) {
            stores.computeIfAbsent(base, x -> new TreeSet<>()).add(at);
          }
        } else if (t instanceof Stmt.Evaluate) {
          calls.add(at);
        }
      });
    }
  }

  /** Whether a statement strictly between the two indices writes one of {@code vars}. */
  public boolean writesBetween(Set<Var> vars, int from, int to) {
    for (Var v : vars) {
      if (between(writes.get(v), from, to)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a statement strictly between the two indices stores into an array one of {@code
   * vars} holds, or calls something that may (a pullback adds into adjoint arrays).
   */
  public boolean storesBetween(Set<Var> vars, int from, int to) {
    if (between(calls, from, to)) {
      return true;
    }
    for (Var v : vars) {
      if (between(stores.get(v), from, to)) {
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
