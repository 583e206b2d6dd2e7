package dev.adjoint.processor.reverse;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.SourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Both sweeps of {@code m[i] = row}, a whole row assigned a new array. The row changes no
 * array's elements: it makes {@code m[i]} another array. The forward sweep keeps the row it
 * replaces; the backward sweep adds {@code m̄[i]} into {@code row̄} and puts the old row back,
 * so every pullback that runs after it (those of earlier statements) sees {@code m} as it was
 * then. One reference per assignment is kept (on the stacks inside loops), never a copy. The
 * adjoint rows follow: where {@code m̄} exists forwards, the forward sweep gives {@code m̄[i]}
 * the new row's adjoint and keeps the old one; where the backward sweep allocates {@code m̄}
 * per iteration (a matrix created in a loop, from its rows as the iteration left them), it
 * gives the restored row a zero adjoint instead.
 */
final class RowAssignments {
  private static final ClassRef ADJOINTS = new ClassRef("dev.adjoint.runtime", "Adjoints");

  private final Activity activity;
  private final Function<Var, Var> adjoint;
  /** At depth 0, the locals keeping the replaced row and its adjoint. */
  private final Map<Stmt.Store, Var[]> saved = new IdentityHashMap<>();
  /**
   * Matrices created inside a loop, whose adjoint the backward sweep allocates per iteration
   * (from the rows as the iteration left them): their rows' adjoints exist only backwards.
   */
  private final Set<Var> createdInLoops = new HashSet<>();
  /** Matrices whose rows are assigned. */
  private final Set<Var> assigned = new HashSet<>();

  /** Finds the matrices of {@code body} whose rows are assigned and where they are created. */
  void prepare(List<Stmt> body) {
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Store st && assignsRow(st)) {
        assigned.add(Stmts.baseVar(st.array()));
      } else if (s instanceof Stmt.Loop l) {
        for (Stmt.Assign a : Stmts.assignments(l.body())) {
          if (a.target().type() == Type.DOUBLE_MATRIX) {
            createdInLoops.add(a.target());
          }
        }
      }
    });
  }

  /**
   * {@code mBar = Adjoints.zerosLike(m)} for a matrix whose rows are assigned, where the
   * backward sweep allocates its adjoint (rows not assigned yet stay null); null otherwise.
   */
  Stmt allocation(Var m, Var mBar) {
    if (!assigned.contains(m)) {
      return null;
    }
    return Stmt.Assign.set(mBar, new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, ADJOINTS,
        "zerosLike", List.of(Exprs.ref(m)), List.of(), Type.DOUBLE_MATRIX), SourceRef.NONE);
  }

  /** Whether the rows' adjoints are kept forwards: the matrix's adjoint exists then. */
  private boolean forwards(Var m) {
    return activity.isActive(m) && !createdInLoops.contains(m);
  }

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
    boolean active = forwards(m);
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
    return depth == 0 && activity.isActive(value(st))
        && forwards(Stmts.baseVar(st.array()));
  }

  void backward(Stmt.Store st, int depth, List<Stmt> out) {
    Var m = Stmts.baseVar(st.array());
    boolean active = forwards(m);
    Var value = value(st);
    Expr mBar = Exprs.ref(adjoint.apply(m));
    if (activity.isActive(m) && activity.isActive(value) && !shared(st, depth)) {
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
    if (activity.isActive(m) && !active) { // the old row's adjoint: zeros, made backwards
      restore.add(new Stmt.Store(mBar, st.index(), new Expr.Invoke(Expr.Invoke.Kind.PULLBACK,
          ADJOINTS, "zerosLike", List.of(new Expr.Index(st.array(), st.index())), List.of(),
          Type.DOUBLE_ARRAY), false, st.source()));
    }
    out.addAll(restore);
  }
}
