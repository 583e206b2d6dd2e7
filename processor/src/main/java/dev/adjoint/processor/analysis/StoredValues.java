package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values stored into an element that keeps them to the end of the forward sweep: {@code
 * out[i] = Math.exp(x[i])} lowers to {@code exp = Math.exp(x[i]); out[i] = exp}, and the
 * backward sweep may read {@code out[i]} wherever it needs {@code exp} instead of recording it
 * per iteration. That holds when every iteration of the loops around the store writes its own
 * element and nothing else writes the array from the first of them on (an array of this method's
 * own: a parameter's may be passed twice, a field's written elsewhere): the store's address is
 * the index of its one counted loop ({@code v[i]}), or of its two, outer one first, into the
 * rows of a matrix this method allocates whole and never rebinds a row of ({@code m[k][j]}).
 * The backward sweep runs those counted loops itself, so their indices have the same values
 * there. One pass over the method.
 */
final class StoredValues {
  private StoredValues() {}

  /** For each variable stored so, the element that holds its value. */
  static Map<Var, Expr> find(Function fn, Layout layout, LaterWrites later,
      Map<Var, Integer> writes) {
    LoopBounds bounds = LoopBounds.analyse(fn);
    Set<Var> freshMatrices = freshMatrices(fn, writes);
    Map<Var, Expr> out = new HashMap<>();
    for (Stmt s : layout.statements()) {
      if (s instanceof Stmt.Store st && !st.accumulate() && st.value() instanceof Expr.Ref r
          && r.var().type() == Type.DOUBLE && st.index() instanceof Expr.Ref index
          && ownElement(st, index.var(), layout.loopsAround(st), bounds, freshMatrices)
          && later.onlyWrittenBy(st)) {
        out.putIfAbsent(r.var(), new Expr.Index(st.array(), st.index()));
      }
    }
    return out;
  }

  /** Whether each iteration of the loops around {@code st} stores a different element. */
  private static boolean ownElement(Stmt.Store st, Var index, List<Stmt.Loop> loops,
      LoopBounds bounds, Set<Var> freshMatrices) {
    if (st.array() instanceof Expr.Ref vector) {
      return loops.size() == 1
          && countedBy(loops.get(0), index, bounds);
    }
    return st.array() instanceof Expr.Index row && row.array() instanceof Expr.Ref m
        && freshMatrices.contains(m.var()) && row.index() instanceof Expr.Ref rowIndex
        && loops.size() == 2 && countedBy(loops.get(0), rowIndex.var(), bounds)
        && countedBy(loops.get(1), index, bounds);
  }

  private static boolean countedBy(Stmt.Loop loop, Var index, LoopBounds bounds) {
    LoopBounds.Counted c = bounds.of(loop);
    return c != null && c.index() == index;
  }

  /**
   * Matrices assigned once, by {@code new double[rows][columns]}, with no row stored into
   * them: their rows are distinct arrays.
   */
  private static Set<Var> freshMatrices(Function fn, Map<Var, Integer> writes) {
    Set<Var> out = new HashSet<>();
    Set<Var> rowsStored = new HashSet<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Assign a && a.target().type() == Type.DOUBLE_MATRIX
          && a.value() instanceof Expr.NewArray n && n.dimensions().size() == 2
          && writes.getOrDefault(a.target(), 0) == 1 && a.target().role() == Var.Role.LOCAL) {
        out.add(a.target());
      } else if (s instanceof Stmt.Store st && st.value().type().isArray()) {
        rowsStored.addAll(Stmts.bases(st.array()));
      }
    });
    out.removeAll(rowsStored);
    return out;
  }
}
