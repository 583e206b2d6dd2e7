package dev.adjoint.processor.reverse;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saves the recording analysis makes once around a loop ({@code ToBeRecorded#savedAround}):
 * pushed before the loop (in a local outside loops), restored after the loop's reversal in
 * reverse order.
 */
final class LoopSaves {
  /** Per loop, the variable and its local copy (null where it is pushed). */
  private final Map<Stmt.Loop, List<Var[]>> saved = new IdentityHashMap<>();

  List<Stmt> beforeLoop(Stmt.Loop loop, List<Var> vars, int depth) {
    List<Stmt> out = new ArrayList<>();
    List<Var[]> pairs = new ArrayList<>();
    for (Var v : vars) {
      if (depth > 0) {
        out.add(new Stmt.Push(Exprs.ref(v), loop.source()));
        pairs.add(new Var[] {v, null});
      } else {
        Var copy = v.like(v.name() + "Saved", Var.Role.SAVE);
        out.add(Stmt.Assign.set(copy, Exprs.ref(v), loop.source()));
        pairs.add(new Var[] {v, copy});
      }
    }
    saved.put(loop, pairs);
    return out;
  }

  List<Stmt> afterReversal(Stmt.Loop loop, int depth) {
    List<Stmt> out = new ArrayList<>();
    List<Var[]> pairs = saved.getOrDefault(loop, List.of());
    for (int k = pairs.size() - 1; k >= 0; k--) {
      Var v = pairs.get(k)[0];
      Var copy = pairs.get(k)[1];
      Expr value = copy == null ? new Expr.Pop(v.type()) : Exprs.ref(copy);
      out.add(Stmt.Assign.set(v, value, loop.source()));
    }
    return out;
  }
}
