package dev.adjoint.processor.reverse;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Both sweeps of {@code m[i] = row}, a whole row assigned a new array. The row changes no
 * array's elements: it makes {@code m[i]} another array. The forward sweep keeps the row it
 * replaces (and that row's adjoint) and gives {@code m̄[i]} a new zero row of the new length;
 * the backward sweep adds {@code m̄[i]} into {@code row̄} and puts both old rows back, so every
 * pullback that runs after it (those of earlier statements) sees {@code m} as it was then.
 * One reference per assignment is kept (on the stacks inside loops), never a copy.
 */
final class RowAssignments {
  private static final ClassRef ADJOINTS = new ClassRef("dev.adjoint.runtime", "Adjoints");

  private final Activity activity;
  private final Function<Var, Var> adjoint;
  /** At depth 0, the locals keeping the replaced row and its adjoint. */
  private final Map<Stmt.Store, Var[]> saved = new IdentityHashMap<>();

  RowAssignments(Activity activity, Function<Var, Var> adjoint) {
    this.activity = activity;
    this.adjoint = adjoint;
  }

  /** Whether {@code st} assigns a whole row. */
  static boolean assignsRow(Stmt.Store st) {
    return st.value().type().isArray();
  }

  void forward(Stmt.Store st, int depth, List<Stmt> out) {
    Var m = Stmts.baseVar(st.array());
    boolean active = activity.isActive(m);
    Expr row = new Expr.Index(st.array(), st.index());
    Expr rowBar = new Expr.Index(Exprs.ref(adjoint.apply(m)), st.index());
    if (depth > 0) {
      out.add(new Stmt.Push(row, st.source()));
      if (active) {
        out.add(new Stmt.Push(rowBar, st.source()));
      }
    } else {
      Var[] keep = {new Var(m.name() + "RowBefore", Type.DOUBLE_ARRAY, Var.Role.SAVE),
          active ? new Var(m.name() + "BarRowBefore", Type.DOUBLE_ARRAY, Var.Role.SAVE) : null};
      saved.put(st, keep);
      out.add(Stmt.Assign.set(keep[0], row, st.source()));
      if (active) {
        out.add(Stmt.Assign.set(keep[1], rowBar, st.source()));
      }
    }
    out.add(st);
    if (active) {
      Expr newRow = shared(st, depth) ? Exprs.ref(adjoint.apply(value(st)))
          : new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Length(st.value())));
      out.add(new Stmt.Store(Exprs.ref(adjoint.apply(m)), st.index(), newRow, false,
          st.source()));
    }
  }

  private static Var value(Stmt.Store st) {
    return ((Expr.Ref) st.value()).var();
  }

  /**
   * Whether the row's adjoint is the new array's own adjoint array, allocated with it: outside
   * loops, an active array's is (inside, the backward sweep allocates it per iteration).
   */
  private boolean shared(Stmt.Store st, int depth) {
    return depth == 0 && activity.isActive(value(st));
  }

  void backward(Stmt.Store st, int depth, List<Stmt> out) {
    Var m = Stmts.baseVar(st.array());
    boolean active = activity.isActive(m);
    Var value = value(st);
    Expr mBar = Exprs.ref(adjoint.apply(m));
    if (active && activity.isActive(value) && !shared(st, depth)) {
      out.add(new Stmt.Evaluate(new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, ADJOINTS, "addInto",
          List.of(Exprs.ref(adjoint.apply(value)), new Expr.Index(mBar, st.index())), List.of(),
          Type.DOUBLE), st.source()));
    }
    List<Stmt> restore = new ArrayList<>();
    Var[] keep = saved.get(st);
    if (active) {
      restore.add(new Stmt.Store(mBar, st.index(),
          depth > 0 ? new Expr.Pop(Type.DOUBLE_ARRAY) : Exprs.ref(keep[1]), false, st.source()));
    }
    restore.add(new Stmt.Store(st.array(), st.index(),
        depth > 0 ? new Expr.Pop(Type.DOUBLE_ARRAY) : Exprs.ref(keep[0]), false, st.source()));
    out.addAll(restore);
  }
}
