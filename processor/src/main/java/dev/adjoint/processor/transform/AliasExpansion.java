package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces array aliases ({@code double[] row = m[i]}, {@code for (double[] row : m)}) by what
 * they alias, so every element access names its array and index and the backward sweep can
 * address the matching adjoint element. An array variable bound in both branches of an {@code
 * if} ({@link ArrayRebinding}'s joins) is left as a reference. Also the one check that no store
 * reaches a parameter's array, directly or through an alias or a join: the primal must not
 * change its caller's inputs.
 */
final class AliasExpansion {
  private AliasExpansion() {}

  static Function apply(Function fn) {
    List<Stmt> body = fn.body();
    boolean expanded = true;
    while (expanded) {
      expanded = false;
      Map<Var, Integer> bindings = new HashMap<>();
      for (Stmt.Assign a : Stmts.assignments(body)) {
        bindings.merge(a.target(), 1, Integer::sum);
      }
      for (Stmt.Assign def : Stmts.assignments(body)) {
        // A variable bound in both branches of an if (an ArrayRebinding join) stays a
        // reference: what it aliases depends on the path.
        if (isReference(def) && def.target().role() != Var.Role.PARAM
            && bindings.get(def.target()) == 1) {
          body = expand(body, def);
          expanded = true;
          break;
        }
      }
    }
    Map<Var, Set<Var>> referees = referees(body);
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Store st) {
        Var base = Stmts.baseVar(st.array());
        Var param = mayBeParameter(base, referees, new HashSet<>());
        if (param != null) {
          throw new UnsupportedConstruct(st.source(), "a write into array parameter "
              + param.name() + (param == base ? "" : " (which " + base.userName() + " may be here)")
              + " is not supported; copy it into a local array (new double[n] or new int[n])"
              + " and write there");
        }
      }
    });
    return fn.withBody(body);
  }

  /** {@code a = b} or {@code a = m[i]} of arrays: another name for an existing array. */
  static boolean isReference(Stmt.Assign a) {
    return a.target().type().isArray()
        && (a.value() instanceof Expr.Ref || a.value() instanceof Expr.Index);
  }

  /** For each join variable left after expansion, the arrays it may refer to. */
  static Map<Var, Set<Var>> referees(List<Stmt> body) {
    Map<Var, Set<Var>> out = new HashMap<>();
    for (Stmt.Assign a : Stmts.assignments(body)) {
      if (isReference(a)) {
        out.computeIfAbsent(a.target(), k -> new LinkedHashSet<>())
            .add(Stmts.baseVar(a.value()));
      }
    }
    return out;
  }

  private static Var mayBeParameter(Var v, Map<Var, Set<Var>> referees, Set<Var> seen) {
    if (v.role() == Var.Role.PARAM) {
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

  private static List<Stmt> expand(List<Stmt> body, Stmt.Assign def) {
    Var v = def.target();
    String why = "array " + v.userName() + " aliases " + def.value().toString()
        .replaceAll("Ref\\[var=|\\]", "");
    Layout layout = new Layout(body);
    List<Var> inputs = new ArrayList<>(Exprs.reads(def.value()));
    for (Stmt use : layout.statements()) {
      if (use == def || !Stmts.ownReads(use).contains(v)) {
        continue;
      }
      List<Stmt.Loop> defLoops = layout.loopsAround(def);
      List<Stmt.Loop> useLoops = layout.loopsAround(use);
      boolean sameIteration = useLoops.size() >= defLoops.size()
          && useLoops.subList(0, defLoops.size()).equals(defLoops);
      boolean unchanged = layout.between(layout.indexOf(def), layout.indexOf(use)).stream()
          .noneMatch(s -> s instanceof Stmt.Assign a && inputs.contains(a.target()));
      // Loops between the alias and its use must not change what it aliases in any iteration.
      for (Stmt.Loop inner : useLoops.subList(Math.min(defLoops.size(), useLoops.size()),
          useLoops.size())) {
        unchanged &= Stmts.writes(inner).stream().noneMatch(inputs::contains);
      }
      if (!layout.dominates(def, use) || !sameIteration || !unchanged) {
        throw new UnsupportedConstruct(use.source(), why + ", whose index changes before this"
            + " use; index the matrix directly (m[i][j])");
      }
    }
    return substitute(body, def, Map.of(v, def.value()));
  }

  private static List<Stmt> substitute(List<Stmt> block, Stmt def, Map<Var, Expr> sub) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s == def) {
        continue;
      }
      out.add(Substitution.apply(s, sub, b -> substitute(b, def, sub)));
    }
    return out;
  }
}
