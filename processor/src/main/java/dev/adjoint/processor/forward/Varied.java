package dev.adjoint.processor.forward;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables get a tangent: those whose value depends on a varied input, by a closure over
 * "written from" edges (an assignment's reads, a store's value into its array, a call's array
 * arguments into what it writes), each edge followed once. Flow-insensitive like {@code
 * analysis.Activity}, and over any IR, the reverse mode's output included (whose compound
 * expressions and {@code +=} updates that analysis does not read). A double or array popped
 * from the stacks always gets one: its push pushed a tangent beside it, whatever it was.
 */
final class Varied {
  private Varied() {}

  static Set<Var> of(List<Stmt> body, Collection<Var> inputs) {
    Map<Var, List<Var>> into = new IdentityHashMap<>();
    Set<Var> start = new LinkedHashSet<>(inputs);
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Assign a) {
        if (a.value() instanceof Expr.Pop p && p.type().isDifferentiable()) {
          start.add(a.target());
        }
        edges(Exprs.reads(a.value()), a.target(), into);
        if (dev.adjoint.processor.ir.ArrayNames.namesArray(a)) {
          // Another name for an array: a store through it writes the array it names.
          edges(Set.of(a.target()), Stmts.bases(a.value()), into);
        }
        if (a.value() instanceof Expr.Invoke call) {
          writtenArrays(call, into);
        }
      } else if (s instanceof Stmt.Store st) {
        if (st.value() instanceof Expr.Pop p && p.type().isDifferentiable()) {
          start.add(Stmts.baseVar(st.array()));
        }
        edges(Exprs.reads(st.value()), Stmts.baseVar(st.array()), into);
      } else if (s instanceof Stmt.Evaluate ev) {
        writtenArrays(ev.call(), into);
      }
    });
    Set<Var> seen = new LinkedHashSet<>(start);
    Deque<Var> work = new ArrayDeque<>(start);
    while (!work.isEmpty()) {
      for (Var next : into.getOrDefault(work.pop(), List.of())) {
        if (seen.add(next)) {
          work.push(next);
        }
      }
    }
    seen.removeIf(v -> !v.type().isDifferentiable() || v.role() == Var.Role.FIELD);
    return seen;
  }

  /** A call with an effect may write each array it is given from each of its arguments. */
  private static void writtenArrays(Expr.Invoke call, Map<Var, List<Var>> into) {
    if (call.kind() != Expr.Invoke.Kind.PULLBACK) {
      return;
    }
    Set<Var> reads = Exprs.reads(call);
    for (Expr arg : call.args()) {
      if (arg.type().isArray()) {
        for (Var written : Stmts.bases(arg)) {
          // Pullbacks write adjoints and scratch buffers, never the primal's arrays.
          if (written.role() == Var.Role.ADJOINT || written.role() == Var.Role.TEMP) {
            edges(reads, written, into);
          }
        }
      }
    }
  }

  private static void edges(Set<Var> from, Var to, Map<Var, List<Var>> into) {
    for (Var v : from) {
      into.computeIfAbsent(v, k -> new ArrayList<>()).add(to);
    }
  }

  private static void edges(Set<Var> from, Set<Var> to, Map<Var, List<Var>> into) {
    for (Var t : to) {
      edges(from, t, into);
    }
  }
}
