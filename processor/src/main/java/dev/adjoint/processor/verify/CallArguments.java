package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A pullback of a call reads the call's array arguments and (for most kernels) its array result
 * again during the backward sweep, so they must hold the same values then: no store may reach
 * them after the call, nor anywhere in a loop around it; not through another variable that may
 * be the same array either (an {@link ArrayRebinding} join that kept it on some path).
 */
public final class CallArguments {

  /** Runs on lowered IR (after alias expansion): one problem per store that breaks the rule. */
  public static List<Problem> check(Function fn) {
    return check(fn, call -> false);
  }

  /**
   * As {@link #check(Function)}, except for the array arguments of the calls {@code copied}
   * names: their caller gives the callee's derivative a copy of the values at the call where
   * it writes them later ({@link #writtenAfter}).
   */
  public static List<Problem> check(Function fn, Predicate<Expr.Invoke> copied) {
    CallArguments check = of(fn);
    check.run(fn, copied);
    return check.problems;
  }

  /**
   * For each call of a method with a pullback (by statement), the variables among its array
   * arguments that a store may change after it (later, or in a loop around it that does not
   * create them): the arguments the {@link #check} would refuse.
   */
  public static Map<Stmt, Set<Var>> writtenAfter(Function fn) {
    CallArguments check = of(fn);
    Layout layout = new Layout(fn.body());
    Map<Stmt, Set<Var>> out = new IdentityHashMap<>();
    for (Stmt s : layout.statements()) {
      if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Invoke call
          && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE) {
        for (Expr arg : call.args()) {
          for (Var array : arg.type().isArray() ? Stmts.bases(arg) : Set.<Var>of()) {
            if (!check.changes(layout, s, arg, array).isEmpty()) {
              out.computeIfAbsent(s, k -> new HashSet<>()).add(array);
            }
          }
        }
      }
    }
    return out;
  }

  private static CallArguments of(Function fn) {
    return new CallArguments(ArrayNames.referees(fn.body()), copies(fn.body()),
        rows(fn.body()), freshRows(fn.body()));
  }

  /**
   * The matrices every assignment of which allocates them whole ({@code new double[n][d]}): their
   * rows are distinct arrays, which no other variable names unless a row is assigned.
   */
  private static Set<Var> freshRows(List<Stmt> body) {
    Set<Var> out = new HashSet<>();
    Set<Var> other = new HashSet<>();
    for (Stmt.Assign a : Stmts.assignments(body)) {
      if (a.target().type() == dev.adjoint.processor.ir.Type.DOUBLE_MATRIX) {
        boolean whole = a.value() instanceof Expr.NewArray n && n.dimensions().size() == 2;
        (whole ? out : other).add(a.target());
      }
    }
    out.removeAll(other);
    return out;
  }

  /** The statements that make each join variable another array ({@code j = a}, in a branch). */
  private static Map<Var, List<Stmt.Assign>> copies(List<Stmt> body) {
    Map<Var, List<Stmt.Assign>> out = new HashMap<>();
    for (Stmt.Assign a : Stmts.assignments(body)) {
      if (ArrayNames.namesArray(a)) {
        out.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a);
      }
    }
    return out;
  }

  /**
   * {@code LinearAlgebra} kernels whose pullback reads the result's shape but none of its
   * elements, so the result may be written after the call ({@code y = scale(2, y); y[0] *= x}).
   * Pinned against the runtime by {@code ResultBlindPullbacksTest}; every other kernel, a user's
   * included, is assumed to read its result again.
   */
  public static final Set<String> RESULT_BLIND = Set.of("matVec", "vecMat", "matMul", "transpose",
      "outer", "add", "sub", "scale", "hadamard", "log", "relu", "softplus", "addMatrices",
      "subMatrices", "scaleMatrix");

  /**
   * {@code LinearAlgebra} kernels whose pullback reads its array arguments' shapes but none of
   * their elements (linear maps with constant coefficients), so the arguments may be written
   * after the call ({@code d = trace(m); m[0][0] = x}). Pinned against the runtime by {@code
   * ResultBlindPullbacksTest}.
   */
  public static final Set<String> ARGUMENT_BLIND = Set.of("trace", "sum", "add", "sub",
      "addMatrices", "subMatrices", "transpose");

  public static final String LINEAR_ALGEBRA = "dev.adjoint.runtime.LinearAlgebra";

  /** The runtime's array copies, whose pullbacks read only lengths (which never change). */
  private static boolean copy(Expr.Invoke call) {
    return call.kind() == Expr.Invoke.Kind.KERNEL
        && call.owner().canonical().equals("dev.adjoint.runtime.ArrayCopies");
  }

  private static boolean resultBlind(Expr.Invoke call) {
    return linearAlgebra(call, RESULT_BLIND);
  }

  private static boolean argumentBlind(Expr.Invoke call) {
    return linearAlgebra(call, ARGUMENT_BLIND);
  }

  private static boolean linearAlgebra(Expr.Invoke call, Set<String> names) {
    return call.kind() == Expr.Invoke.Kind.KERNEL
        && call.owner().canonical().equals(LINEAR_ALGEBRA) && names.contains(call.name());
  }

  /** For each join variable, the arrays it may refer to (joins of joins included). */
  private final Map<Var, Set<Var>> referees;
  private final Map<Var, Set<Var>> objects = new HashMap<>();

  private final Map<Var, List<Stmt.Assign>> copies;
  private final Map<Var, Set<Var>> rows;
  private final Set<Var> freshRows;
  /** What was found, one per store, in the order found. */
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Stmt> reported = Collections.newSetFromMap(new IdentityHashMap<>());

  private CallArguments(Map<Var, Set<Var>> referees, Map<Var, List<Stmt.Assign>> copies,
      Map<Var, Set<Var>> rows, Set<Var> freshRows) {
    this.referees = referees;
    this.copies = copies;
    this.rows = rows;
    this.freshRows = freshRows;
  }

  /**
   * The arrays (variables that are not joins) {@code v} may be: itself, or for a join every
   * array one of its branches left. Two distinct arrays are never one object, so a store into
   * one cannot change the other even when a later join may be either.
   */
  private Set<Var> objects(Var v) {
    Set<Var> known = objects.get(v);
    if (known != null) {
      return known;
    }
    Set<Var> out = new HashSet<>();
    Deque<Var> work = new ArrayDeque<>(List.of(v));
    Set<Var> seen = new HashSet<>();
    while (!work.isEmpty()) {
      Var w = work.pop();
      if (!seen.add(w)) {
        continue;
      }
      Set<Var> next = referees.get(w);
      if (next == null) {
        out.add(w);
      } else {
        work.addAll(next);
      }
    }
    objects.put(v, out);
    return out;
  }

  /**
   * Whether a store into {@code st} may change {@code array}. Assigning a whole row changes no
   * array's elements (and the backward sweep puts the old row back before any pullback that
   * read it runs); a store into a row's element changes the array that row was assigned.
   */
  private boolean storesInto(Stmt.Store st, Var array) {
    if (st.value().type().isArray()) {
      return false;
    }
    Var base = Stmts.baseVar(st.array());
    Set<Var> written = new HashSet<>(objects(base));
    if (st.array() instanceof Expr.Index) {
      for (Var row : rows.getOrDefault(base, Set.of())) {
        written.addAll(objects(row));
      }
    }
    return objects(array).stream().anyMatch(written::contains);
  }

  /** For each matrix, the arrays assigned to its rows ({@code m[i] = row}). */
  private static Map<Var, Set<Var>> rows(List<Stmt> body) {
    Map<Var, Set<Var>> out = new HashMap<>();
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Store st && st.value() instanceof Expr.Ref r
          && r.type().isArray()) {
        out.computeIfAbsent(Stmts.baseVar(st.array()), k -> new HashSet<>()).add(r.var());
      }
    });
    return out;
  }

  private void run(Function fn, Predicate<Expr.Invoke> copied) {
    Layout layout = new Layout(fn.body());
    for (Stmt s : layout.statements()) {
      if (!(s instanceof Stmt.Assign a) || !(a.value() instanceof Expr.Invoke call)
          || call.kind() == Expr.Invoke.Kind.HELPER || copy(call)) {
        continue;
      }
      for (Expr arg : copied.test(call) || argumentBlind(call) ? List.<Expr>of() : call.args()) {
        if (arg.type().isArray()) {
          for (Var array : Stmts.bases(arg)) { // each array a conditional argument may choose
            requireUnchanged(layout, s, arg, array, call.name());
          }
        }
      }
      if (a.target().type().isArray() && !resultBlind(call)) {
        requireUnchanged(layout, s, null, a.target(), call.name());
      }
    }
  }

  private void requireUnchanged(Layout layout, Stmt call, Expr arg, Var array, String callee) {
    changes(layout, call, arg, array).forEach(st -> unchanged(st, array, callee));
  }

  /**
   * The stores that may change {@code array} (passed as {@code arg}, null for a call's result)
   * after {@code call}, in the order found.
   */
  private List<Stmt.Store> changes(Layout layout, Stmt call, Expr arg, Var array) {
    List<Stmt.Store> out = new ArrayList<>();
    for (Stmt later : layout.statements()) {
      if (later instanceof Stmt.Store st && storesInto(st, array)
          && runsAfter(layout, call, st) && storeMayBe(layout, st, array, call)) {
        out.add(st);
      }
    }
    for (Stmt.Loop loop : layout.loopsAround(call)) {
      if (createdIn(loop, array)) {
        continue; // each iteration's stores write that iteration's own array
      }
      Stmts.walk(loop.body(), t -> {
        if (t instanceof Stmt.Store st && storesInto(st, array)
            && !sameIterationRow(loop, arg, st)) {
          out.add(st);
        }
      });
    }
    return out;
  }

  /**
   * Whether {@code arg} is the row {@code m[i]} of a matrix with distinct rows and {@code st}
   * stores into that same row {@code m[i][j]}, {@code i} being a counter that only {@code loop}'s
   * update steps: each iteration then writes its own row, never the one an earlier iteration
   * passed (normalizing {@code m[i]} in place before {@code softmax(m[i])}). A store after the
   * call in its own iteration is found in program order.
   */
  private boolean sameIterationRow(Stmt.Loop loop, Expr arg, Stmt.Store st) {
    if (!(arg instanceof Expr.Index row && row.array() instanceof Expr.Ref m
        && row.index() instanceof Expr.Ref i && st.array() instanceof Expr.Index stored
        && stored.array() instanceof Expr.Ref sm && sm.var() == m.var()
        && stored.index() instanceof Expr.Ref si && si.var() == i.var())) {
      return false;
    }
    if (!freshRows.contains(m.var()) || rows.containsKey(m.var())
        || referees.containsKey(m.var())) {
      return false;
    }
    // The counter's one assignment in the loop steps it last (lowering moves the update into
    // the body's end), so every store of the iteration indexes the iteration's row.
    List<Stmt> steps = new ArrayList<>(loop.body());
    steps.addAll(loop.update());
    Stmt last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    for (Stmt.Assign a : Stmts.assignments(steps)) {
      if (a.target() == i.var() && a != last) {
        return false;
      }
    }
    return last instanceof Stmt.Assign step && step.target() == i.var()
        && step.value() instanceof Expr.Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)
        && b.left() instanceof Expr.Ref l && l.var() == i.var()
        && b.right() instanceof Expr.Const c && c.value() != 0;
  }

  /**
   * Whether {@code loop} creates {@code array} anew each iteration: it is bound inside the loop
   * and is no other array's name (the loop-rebinding check leaves no array that lives across
   * iterations rebound in a loop).
   */
  private boolean createdIn(Stmt.Loop loop, Var array) {
    if (referees.containsKey(array)) {
      return false;
    }
    for (Stmt.Assign a : Stmts.assignments(loop.body())) {
      if (a.target() == array) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code v} may be {@code array} on a path through {@code call}: a join is the array of
   * the copy its path ran, so a copy in the other branch of an if than the call does not count.
   */
  private boolean mayBe(Layout layout, Var v, Var array, Stmt call, Set<Var> seen) {
    if (objects(v).contains(array) && !copies.containsKey(v)) {
      return true;
    }
    if (!seen.add(v)) {
      return false;
    }
    for (Stmt.Assign copy : copies.getOrDefault(v, List.of())) {
      if (exclusive(layout, call, copy)) {
        continue;
      }
      for (Var w : Stmts.bases(copy.value())) {
        if (mayBe(layout, w, array, call, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code st} may write {@code array}: its own, or the row it stores into. */
  private boolean storeMayBe(Layout layout, Stmt.Store st, Var array, Stmt call) {
    Var base = Stmts.baseVar(st.array());
    if (mayBe(layout, base, array, call, new HashSet<>())) {
      return true;
    }
    if (st.array() instanceof Expr.Index) {
      for (Var row : rows.getOrDefault(base, Set.of())) {
        if (mayBe(layout, row, array, call, new HashSet<>())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code a} and {@code b} lie in different branches of one {@code if}. */
  private static boolean exclusive(Layout layout, Stmt a, Stmt b) {
    List<List<Stmt>> x = layout.blocksOf(a);
    List<List<Stmt>> y = layout.blocksOf(b);
    int n = 0;
    while (n < x.size() && n < y.size() && x.get(n) == y.get(n)) {
      n++;
    }
    if (n == 0 || n == x.size() || n == y.size()) {
      return false;
    }
    List<Stmt> common = x.get(n - 1);
    Stmt child = layout.childContaining(common, a);
    return child instanceof Stmt.If && child == layout.childContaining(common, b);
  }

  /**
   * Whether {@code later} can run after {@code first} on one path: it follows it in program
   * order and is not in another branch of an {@code if} (as copies of the code after an early
   * return are).
   */
  private static boolean runsAfter(Layout layout, Stmt first, Stmt later) {
    if (layout.indexOf(later) <= layout.indexOf(first)) {
      return false;
    }
    List<List<Stmt>> a = layout.blocksOf(first);
    List<List<Stmt>> b = layout.blocksOf(later);
    int n = 0;
    while (n < a.size() && n < b.size() && a.get(n) == b.get(n)) {
      n++;
    }
    List<Stmt> common = a.get(n - 1);
    return layout.childContaining(common, first) != layout.childContaining(common, later)
        || common == layout.innermost(first);
  }

  private void unchanged(Stmt.Store st, Var array, String callee) {
    if (!reported.add(st)) {
      return;
    }
    for (Map.Entry<Var, Set<Var>> m : rows.entrySet()) {
      if (m.getValue().contains(array)) { // a row's array, named as the user wrote it
        problems.add(Problem.unsupported(st.source(), "a row of " + m.getKey().userName()
            + " is written after it was assigned the result of " + callee + ", whose"
            + " derivative reads that result again; assign a copy (.clone()) to the row"));
        return;
      }
    }
    problems.add(Problem.unsupported(st.source(), "array " + array.userName()
        + " is written after it was passed to " + callee + ", whose derivative reads it"
        + " again; copy it into a new array before writing"));
  }
}
