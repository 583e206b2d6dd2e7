package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pullback of a call reads the call's array arguments and (for most kernels) its array result
 * again during the backward sweep, so they must hold the same values then: no store may reach
 * them after the call, nor anywhere in a loop around it; not through another variable that may
 * be the same array either (an {@link ArrayRebinding} join that kept it on some path).
 */
final class CallArgumentCheck {

  static void check(Function fn) {
    new CallArgumentCheck(AliasExpansion.referees(fn.body())).run(fn);
  }

  /**
   * {@code LinearAlgebra} kernels whose pullback reads the result's shape but none of its
   * elements, so the result may be written after the call ({@code y = scale(2, y); y[0] *= x}).
   * Pinned against the runtime by {@code ResultBlindPullbacksTest}; every other kernel, a user's
   * included, is assumed to read its result again.
   */
  static final Set<String> RESULT_BLIND = Set.of("matVec", "vecMat", "matMul", "transpose",
      "outer", "add", "sub", "scale", "hadamard", "log", "relu", "softplus", "addMatrices",
      "subMatrices", "scaleMatrix");

  static final String LINEAR_ALGEBRA = "dev.adjoint.runtime.LinearAlgebra";

  private static boolean resultBlind(Expr.Invoke call) {
    return call.kind() == Expr.Invoke.Kind.KERNEL && call.owner().equals(LINEAR_ALGEBRA)
        && RESULT_BLIND.contains(call.name());
  }

  /** Arrays that may be one object (joined by an if), each to one representative. */
  private final Map<Var, Var> sameArray = new HashMap<>();

  private CallArgumentCheck(Map<Var, Set<Var>> referees) {
    referees.forEach((join, arrays) -> arrays.forEach(w -> union(join, w)));
  }

  private Var representative(Var v) {
    Var r = sameArray.getOrDefault(v, v);
    return r == v ? v : representative(r);
  }

  private void union(Var a, Var b) {
    Var ra = representative(a);
    Var rb = representative(b);
    if (ra != rb) {
      sameArray.put(ra, rb);
    }
  }

  /** Whether a store into {@code st} may change {@code array}. */
  private boolean storesInto(Stmt.Store st, Var array) {
    return representative(Stmts.baseVar(st.array())) == representative(array);
  }

  private void run(Function fn) {
    Layout layout = new Layout(fn.body());
    for (Stmt s : layout.statements()) {
      if (!(s instanceof Stmt.Assign a) || !(a.value() instanceof Expr.Invoke call)
          || call.kind() == Expr.Invoke.Kind.HELPER) {
        continue;
      }
      for (Expr arg : call.args()) {
        if (arg.type().isArray()) {
          for (Var array : Stmts.bases(arg)) { // each array a conditional argument may choose
            requireUnchanged(layout, s, array, call.name());
          }
        }
      }
      if (a.target().type().isArray() && !resultBlind(call)) {
        requireUnchanged(layout, s, a.target(), call.name());
      }
    }
  }

  private void requireUnchanged(Layout layout, Stmt call, Var array, String callee) {
    for (Stmt later : layout.statements()) {
      if (later instanceof Stmt.Store st && storesInto(st, array)
          && runsAfter(layout, call, st)) {
        throw unchanged(st, array, callee);
      }
    }
    for (Stmt.Loop loop : layout.loopsAround(call)) {
      Stmts.walk(loop.body(), t -> {
        if (t instanceof Stmt.Store st && storesInto(st, array)) {
          throw unchanged(st, array, callee);
        }
      });
    }
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

  private static UnsupportedConstruct unchanged(Stmt.Store st, Var array, String callee) {
    return new UnsupportedConstruct(st.source(), "array " + array.userName() + " is written after"
        + " it was passed to " + callee + ", whose derivative reads it again; copy it into a"
        + " new array before writing");
  }
}
