package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an array may still be written after a statement reads it. The backward sweep runs
 * after the whole forward sweep and sees every array as the forward sweep left it, so a load
 * from an array nothing writes afterwards can be repeated there instead of recorded. An array
 * counts as written where an element of it is stored, where its variable is rebound, and where
 * a call is given it; names that may refer to the same array (a join {@code v = c ? a : b}, a
 * row stored into a matrix) share their writes. Linear in the method's size.
 */
final class LaterWrites {
  private final Layout layout;
  /** Per alias group (its representative), the indices of the statements writing it. */
  private final Map<Var, TreeSet<Integer>> writesOf = new HashMap<>();
  private final Map<Var, Var> parent = new HashMap<>();
  /** The alias groups (representatives) some statement stores into. */
  private final Set<Var> stored = new java.util.HashSet<>();
  /** The statements calling something. */
  private final TreeSet<Integer> callsAt = new TreeSet<>();

  LaterWrites(Layout layout) {
    this.layout = layout;
    List<Stmt> order = layout.statements();
    for (Stmt s : order) {
      if (s instanceof Stmt.Assign a && ArrayNames.namesArray(a)) {
        Stmts.bases(a.value()).forEach(b -> union(a.target(), b));
      } else if (s instanceof Stmt.Store st && st.value().type().isArray()) {
        Exprs.reads(st.value()).forEach(b -> union(Stmts.baseVar(st.array()), b));
      } else if (s instanceof Stmt.Assign a && a.target().type().isArray()
          && a.value() instanceof Expr.Invoke call && call.kind() != Expr.Invoke.Kind.KERNEL) {
        // A method's array result may be one of its arguments (kernels return new arrays).
        arrayReads(a.value()).forEach(b -> union(a.target(), b));
      }
    }
    for (int k = 0; k < order.size(); k++) {
      Stmt s = order.get(k);
      if (s instanceof Stmt.Store st) {
        Stmts.bases(st.array()).forEach(b -> written(b, at(s)));
        Stmts.bases(st.array()).forEach(b -> stored.add(find(b)));
        calls(st.value(), s);
      } else if (s instanceof Stmt.Assign a) {
        if (a.target().type().isArray()) {
          written(a.target(), at(s));
        }
        calls(a.value(), s);
      } else if (s instanceof Stmt.Evaluate ev) {
        calls(ev.call(), s);
      }
    }
  }

  /**
   * Whether no statement writing an array {@code array} may name runs after {@code read}: all
   * of them come before it and before the loops around it.
   */
  /** Whether no statement stores into an array {@code array} may name. */
  boolean neverStored(Expr array) {
    for (Var b : Stmts.bases(array)) {
      if (stored.contains(find(b))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code store} is the only statement writing its array from the outermost loop
   * around it on (itself excepted, in every iteration).
   */
  boolean onlyWrittenBy(Stmt.Store store) {
    List<Stmt.Loop> loops = layout.loopsAround(store);
    int from = layout.indexOf(loops.isEmpty() ? store : loops.get(0));
    int at = layout.indexOf(store);
    for (Var b : Stmts.bases(store.array())) {
      if (external(b) || externalGroups().contains(find(b))) {
        return false; // the caller may pass the same array twice, or another method may write it
      }
      TreeSet<Integer> writes = writesOf.get(find(b));
      Integer other = writes == null ? null : writes.ceiling(from);
      if (other != null && (other != at || writes.higher(at) != null)) {
        return false;
      }
    }
    return true;
  }

  private Set<Var> externalGroups;

  /** The alias groups with a parameter or a field among their names. */
  private Set<Var> externalGroups() {
    if (externalGroups == null) {
      externalGroups = new java.util.HashSet<>();
      List<Var> named = new java.util.ArrayList<>(parent.keySet());
      named.addAll(parent.values());
      for (Var v : named) {
        if (external(v)) {
          externalGroups.add(find(v));
        }
      }
    }
    return externalGroups;
  }

  private static boolean external(Var v) {
    return v.role() == Var.Role.PARAM || v.role() == Var.Role.FIELD;
  }

  boolean unwrittenAfter(Expr array, Stmt read) {
    List<Stmt.Loop> loops = layout.loopsAround(read);
    int start = layout.indexOf(loops.isEmpty() ? read : loops.get(0));
    return unwritten(array, start, Integer.MAX_VALUE);
  }

  /**
   * Whether no statement inside {@code loop} ({@code size} statements from it on, nested ones
   * included) writes an array an element load in {@code value} reads.
   */
  boolean unwrittenWithin(Expr value, Stmt.Loop loop, int size) {
    int start = layout.indexOf(loop);
    if (value instanceof Expr.Index load && !unwritten(load.array(), start, start + size)) {
      return false;
    }
    for (Expr child : Exprs.children(value)) {
      if (!unwrittenWithin(child, loop, size)) {
        return false;
      }
    }
    return true;
  }

  /** Whether no statement in {@code [from, to)} writes an array {@code array} may name. */
  private boolean unwritten(Expr array, int from, int to) {
    for (Var b : Stmts.bases(array)) {
      if (b.role() == Var.Role.FIELD && any(callsAt, from, to)
          || any(writesOf.get(find(b)), from, to)) {
        return false;
      }
    }
    return true;
  }

  private static boolean any(TreeSet<Integer> at, int from, int to) {
    if (at == null) {
      return false;
    }
    Integer k = at.ceiling(from);
    return k != null && k < to;
  }

  private int at(Stmt s) {
    return layout.indexOf(s);
  }

  /**
   * Every array a call inside {@code e} is given counts as written by it, unless the call is
   * one that never writes its arguments: a runtime kernel (they return new arrays), or a
   * {@code @Differentiable} method (one that writes into an array argument is read into the
   * caller, so its stores are the caller's own).
   */
  private void calls(Expr e, Stmt s) {
    if (e instanceof Expr.Invoke call) {
      boolean readsOnly = call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE
          || call.kind() == Expr.Invoke.Kind.KERNEL
          && call.owner().packageName().equals("dev.adjoint.runtime");
      if (!readsOnly) {
        arrayReads(e).forEach(b -> written(b, at(s)));
      }
      for (Expr arg : call.args()) {
        calls(arg, s); // a call given as an argument
      }
      callsAt.add(at(s)); // a callee may write a field's array
      return;
    }
    for (Expr child : Exprs.children(e)) {
      calls(child, s);
    }
  }

  private static Set<Var> arrayReads(Expr e) {
    Set<Var> out = Exprs.reads(e);
    out.removeIf(v -> !v.type().isArray());
    return out;
  }

  private void written(Var v, int at) {
    writesOf.computeIfAbsent(find(v), k -> new TreeSet<>()).add(at);
  }

  private Var find(Var v) {
    Var p = parent.getOrDefault(v, v);
    if (p == v) {
      return v;
    }
    Var root = find(p);
    parent.put(v, root);
    return root;
  }

  private void union(Var a, Var b) {
    Var ra = find(a);
    Var rb = find(b);
    if (ra != rb) {
      parent.put(ra, rb);
      TreeSet<Integer> w = writesOf.remove(ra);
      if (w != null) {
        writesOf.computeIfAbsent(rb, k -> new TreeSet<>()).addAll(w);
      }
    }
  }
}
