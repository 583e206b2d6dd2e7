package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which inputs' arrays a store may reach, directly or through a join that may be one. A
 * parameter's may be written: the primal writes the caller's array, and reverse mode gives such
 * a parameter special care ({@link #written}). A field's may not: the primal must not change
 * the tables it reads ({@link #check}). Runs on IR after alias expansion, where every store names
 * the array it writes (or a join); a parameter rebound to a new array ({@code a = scale(2, a)})
 * is then the method's own.
 */
public final class ParameterWrites {
  private ParameterWrites() {}

  /** One problem per store that may reach a field's array. */
  public static List<Problem> check(Function fn) {
    Map<Var, Set<Var>> referees = ArrayNames.referees(fn.body());
    List<Problem> out = new ArrayList<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Store st) {
        Var base = Stmts.baseVar(st.array());
        Set<Var> inputs = new LinkedHashSet<>();
        inputs(base, referees, new HashSet<>(), inputs);
        if (st.value().type().isArray() && !inputs.isEmpty()) {
          Var input = inputs.iterator().next();
          out.add(Problem.unsupported(st.source(), "assigning a row of " + inputName(input)
              + (input == base ? "" : " (which " + base.userName() + " may be here)")
              + " is not supported: the caller's matrix would change under the backward"
              + " sweep; build a matrix of your own (new double[n][]) and assign its rows"));
          return;
        }
        for (Var field : inputs) {
          if (field.role() == Var.Role.FIELD) {
            String array = inputName(field);
            out.add(Problem.unsupported(st.source(), "a write into " + array
                + (field == base ? "" : " (which " + base.userName() + " may be here)")
                + " is not supported; copy it into a local array (new double[n] or new int[n])"
                + " and write there"));
            break;
          }
        }
      }
    });
    return out;
  }

  private static String inputName(Var input) {
    if (input.role() != Var.Role.FIELD) {
      return "parameter " + input.userName();
    }
    return input.isReceiverField() ? "field " + input.name()
        : "constant array " + input.owner().simpleNames() + "." + input.name();
  }

  /** The array parameters a store may reach, directly or through a join that may be one. */
  public static Set<Var> written(Function fn) {
    Map<Var, Set<Var>> referees = ArrayNames.referees(fn.body());
    Set<Var> out = new HashSet<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Store st) {
        Set<Var> inputs = new LinkedHashSet<>();
        inputs(Stmts.baseVar(st.array()), referees, new HashSet<>(), inputs);
        inputs.stream().filter(v -> v.role() == Var.Role.PARAM).forEach(out::add);
      }
    });
    return out;
  }

  /** Adds to {@code out} every parameter or field {@code v} is or may refer to. */
  private static void inputs(Var v, Map<Var, Set<Var>> referees, Set<Var> seen, Set<Var> out) {
    if (v.isInput()) {
      out.add(v);
    } else if (seen.add(v)) {
      for (Var w : referees.getOrDefault(v, Set.of())) {
        inputs(w, referees, seen, out);
      }
    }
  }
}
