package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads that read an element an earlier temporary of the same block already holds: {@code sq
 * += qx[j] * qx[j]} lowers to {@code t1 = qx[j]; t2 = qx[j]}, and the backward sweep may read
 * {@code t1} wherever it needs {@code t2}, so one value is recorded, not two. Between the two
 * loads nothing may store, call or rebind what the load reads, and the first temporary must be
 * assigned only there. One pass over each block.
 */
final class SameLoads {
  private SameLoads() {}

  /** For each second load, the variable holding the same element. */
  static Map<Stmt.Assign, Var> find(List<Stmt> body, Map<Var, Integer> writes) {
    Map<Stmt.Assign, Var> out = new IdentityHashMap<>();
    visit(body, writes, out);
    return out;
  }

  private static void visit(List<Stmt> block, Map<Var, Integer> writes,
      Map<Stmt.Assign, Var> out) {
    Map<Expr, Var> held = new HashMap<>();
    Map<Var, List<Expr>> readers = new HashMap<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.If i) {
        visit(i.then(), writes, out);
        visit(i.otherwise(), writes, out);
      } else if (s instanceof Stmt.Loop l) {
        visit(l.body(), writes, out);
      }
      if (!(s instanceof Stmt.Assign a) || Exprs.hasEffect(a.value())
          || a.value() instanceof Expr.Invoke || a.target().type().isArray()) {
        held.clear(); // a branch, a loop, a store or a call may change any element
        readers.clear();
        continue;
      }
      for (Expr gone : readers.getOrDefault(a.target(), List.of())) {
        held.remove(gone);
      }
      if (a.value() instanceof Expr.Index load && load.type() == Type.DOUBLE
          && a.target().type() == Type.DOUBLE && writes.get(a.target()) == 1) {
        Var first = held.get(load);
        if (first != null) {
          out.put(a, first);
        } else if (!Exprs.reads(load).contains(a.target())) {
          held.put(load, a.target());
          for (Var r : Exprs.reads(load)) {
            readers.computeIfAbsent(r, k -> new ArrayList<>()).add(load);
          }
          readers.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(load);
        }
      }
    }
  }
}
