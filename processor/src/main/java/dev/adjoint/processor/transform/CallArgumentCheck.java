package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.List;

/**
 * A pullback of a call reads the call's array arguments and array result again during the
 * backward sweep, so they must hold the same values then: no store may reach them after the
 * call, nor anywhere in a loop around it.
 */
final class CallArgumentCheck {
  private CallArgumentCheck() {}

  static void check(Function fn) {
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
      if (a.target().type().isArray()) {
        requireUnchanged(layout, s, a.target(), call.name());
      }
    }
  }

  private static void requireUnchanged(Layout layout, Stmt call, Var array, String callee) {
    for (Stmt later : layout.statements()) {
      if (later instanceof Stmt.Store st && Stmts.baseVar(st.array()) == array
          && runsAfter(layout, call, st)) {
        throw unchanged(st, array, callee);
      }
    }
    for (Stmt.Loop loop : layout.loopsAround(call)) {
      Stmts.walk(loop.body(), t -> {
        if (t instanceof Stmt.Store st && Stmts.baseVar(st.array()) == array) {
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
    return new UnsupportedConstruct(st.source(), "array " + array.name() + " is written after"
        + " it was passed to " + callee + ", whose derivative reads it again; copy it into a"
        + " new array before writing");
  }
}
