package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which parameters' arrays the method writes into, directly or through a join that may be one:
 * the primal writes the caller's array, and reverse mode gives such a parameter an adjoint array
 * of the method's own. Runs on IR after alias expansion, where every store names the array it
 * writes (or a join); a parameter rebound to a new array ({@code a = scale(2, a)}) is then the
 * method's own.
 */
public final class ParameterWrites {
  private ParameterWrites() {}

  /** The array parameters a store may reach, directly or through a join that may be one. */
  public static Set<Var> written(Function fn) {
    Map<Var, Set<Var>> referees = ArrayNames.referees(fn.body());
    Set<Var> out = new HashSet<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Store st) {
        parameters(Stmts.baseVar(st.array()), referees, new HashSet<>(), out);
      }
    });
    return out;
  }

  /** Adds to {@code out} every parameter {@code v} is or may refer to. */
  private static void parameters(Var v, Map<Var, Set<Var>> referees, Set<Var> seen,
      Set<Var> out) {
    if (v.role() == Var.Role.PARAM) {
      out.add(v);
    } else if (seen.add(v)) {
      for (Var w : referees.getOrDefault(v, Set.of())) {
        parameters(w, referees, seen, out);
      }
    }
  }
}
