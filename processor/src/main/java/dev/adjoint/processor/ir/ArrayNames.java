package dev.adjoint.processor.ir;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assignments that give an existing array another name, and what such names may refer to. */
public final class ArrayNames {
  private ArrayNames() {}

  /** {@code a = b} or {@code a = m[i]} of arrays: another name for an existing array. */
  public static boolean isReference(Stmt.Assign a) {
    return a.target().type().isArray()
        && (a.value() instanceof Expr.Ref || a.value() instanceof Expr.Index);
  }

  /** A reference, or an array chosen by a conditional ({@code a = c ? b : m[i]}). */
  public static boolean namesArray(Stmt.Assign a) {
    return isReference(a) || a.target().type().isArray() && a.value() instanceof Expr.Cond;
  }

  /**
   * For each variable that names an existing array (a join left after alias expansion), the
   * arrays it may refer to (every array a choice {@code c ? a : b} it was given may name).
   */
  public static Map<Var, Set<Var>> referees(List<Stmt> body) {
    Map<Var, Set<Var>> out = new HashMap<>();
    for (Stmt.Assign a : Stmts.assignments(body)) {
      if (namesArray(a)) {
        out.computeIfAbsent(a.target(), k -> new LinkedHashSet<>())
            .addAll(Stmts.bases(a.value()));
      }
    }
    return out;
  }

  /** {@code one of a, b} for a conditional over arrays, in the user's names. */
  public static String describeChoice(Expr.Cond c) {
    List<String> names = Stmts.bases(c).stream().map(Var::name).distinct().toList();
    return "one of " + String.join(", ", names);
  }
}
