package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * No store may reach a parameter's array or a field's, directly or through a join that may be
 * it: the primal must not change its caller's inputs, nor the tables it reads. Runs on IR after
 * alias expansion, where every store names the array it writes (or a join); a parameter rebound
 * to a new array ({@code a = scale(2, a)}) is then the method's own.
 */
public final class ParameterWrites {
  private ParameterWrites() {}

  public static List<Problem> check(Function fn) {
    Map<Var, Set<Var>> referees = ArrayNames.referees(fn.body());
    List<Problem> out = new ArrayList<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Store st) {
        Var base = Stmts.baseVar(st.array());
        Var param = mayBeParameter(base, referees, new HashSet<>());
        if (param != null) {
          String array = param.isReceiverField() ? "field " + param.name()
              : param.owner() == null ? "array parameter " + param.name()
              : "constant array " + param.owner().simpleNames() + "." + param.name();
          out.add(Problem.unsupported(st.source(), "a write into " + array
              + (param == base ? "" : " (which " + base.userName() + " may be here)")
              + " is not supported; copy it into a local array (new double[n] or new int[n])"
              + " and write there"));
        }
      }
    });
    return out;
  }

  /** The parameter or field {@code v} is or may refer to, if any. */
  public static Var mayBeParameter(Var v, Map<Var, Set<Var>> referees, Set<Var> seen) {
    if (v.isInput()) {
      return v;
    }
    if (seen.add(v)) {
      for (Var w : referees.getOrDefault(v, Set.of())) {
        Var param = mayBeParameter(w, referees, seen);
        if (param != null) {
          return param;
        }
      }
    }
    return null;
  }
}
