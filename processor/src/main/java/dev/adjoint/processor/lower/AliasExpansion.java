package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.JavaText;
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
 * if} ({@link ArrayRebinding}'s joins) is left as a reference. That no store reaches a
 * parameter's array is checked on its output ({@code verify.ParameterWrites}).
 */
final class AliasExpansion {
  private AliasExpansion() {}

  static Function apply(Function fn) {
    List<Stmt> body = ArrayChoices.nameChoices(AliasCopies.separate(fn.body(), fn.result()));
    boolean expanded = true;
    while (expanded) {
      expanded = false;
      Map<Var, Integer> bindings = new HashMap<>();
      for (Stmt.Assign a : Stmts.assignments(body)) {
        bindings.merge(a.target(), 1, Integer::sum);
      }
      for (Stmt.Assign def : Stmts.assignments(body)) {
        boolean alias = ArrayNames.namesArray(def);
        // A variable bound in both branches of an if (an ArrayRebinding join) stays a
        // reference: what it aliases depends on the path.
        // An array result stays the reference it is: the caller gets that array.
        if (alias && def.target().role() != Var.Role.PARAM && def.target() != fn.result()
            && bindings.get(def.target()) == 1) {
          // What an alias names is evaluated once, here: conditions and helper-computed
          // indices are recorded, so substituting it into every use repeats no evaluation.
          List<Stmt> recorded = new ArrayList<>();
          Set<Var> assigned = new HashSet<>(bindings.keySet());
          Stmt.Assign once = Stmt.Assign.set(def.target(), ArrayChoices.record(
              def.target().name(), def.value(), assigned, recorded, def.source()), def.source());
          recorded.add(once);
          if (def.value() instanceof Expr.Cond) {
            ArrayChoices.rejectWritesThrough(body, def.target());
          }
          body = expand(replace(body, def, recorded), once, def.value());
          expanded = true;
          break;
        }
      }
    }
    return fn.withBody(body);
  }

  /** @param written what the user wrote the alias to name, for messages */
  private static List<Stmt> expand(List<Stmt> body, Stmt.Assign def, Expr written) {
    Var v = def.target();
    String why = written instanceof Expr.Cond c
        ? "array " + v.userName() + " is " + ArrayChoices.describe(c)
        : "array " + v.userName() + " aliases " + new JavaText(Var::userName).print(written);
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
      // (Element stores do not: a store changes an element, never which array a name means.)
      for (Stmt.Loop inner : useLoops.subList(Math.min(defLoops.size(), useLoops.size()),
          useLoops.size())) {
        unchanged &= Stmts.assignments(List.of(inner)).stream()
            .noneMatch(a -> inputs.contains(a.target()));
      }
      // Nor may a row of the matrix it aliases be assigned: Java's alias keeps the old row.
      boolean sameRows = layout.between(layout.indexOf(def), layout.indexOf(use)).stream()
          .noneMatch(s -> assignsRowOf(s, def.value()));
      for (Stmt.Loop inner : useLoops.subList(Math.min(defLoops.size(), useLoops.size()),
          useLoops.size())) {
        boolean[] assigned = {false};
        Stmts.walk(List.of(inner), s -> assigned[0] |= assignsRowOf(s, def.value()));
        sameRows &= !assigned[0];
      }
      if (!sameRows && layout.dominates(def, use) && sameIteration) {
        throw new UnsupportedConstruct(use.source(), why + ", and a row of that matrix is"
            + " assigned before this use, which Java's alias would not see; use the alias"
            + " before assigning the row, or keep a copy (.clone())");
      }
      if (!layout.dominates(def, use) || !sameIteration || !unchanged) {
        throw new UnsupportedConstruct(use.source(), why + (def.value() instanceof Expr.Cond
            ? ", and which one may change before this use; write the conditional at the use"
            : ", whose index changes before this use; index the matrix directly (m[i][j])"));
      }
    }
    return substitute(body, def, Map.of(v, def.value()));
  }

  /** Whether {@code s} assigns a whole row of a matrix {@code aliased} may be a row of. */
  private static boolean assignsRowOf(Stmt s, Expr aliased) {
    return aliased.type() == dev.adjoint.processor.ir.Type.DOUBLE_ARRAY
        && s instanceof Stmt.Store st && st.value().type().isArray()
        && Stmts.bases(aliased).contains(Stmts.baseVar(st.array()));
  }

  /** {@code block} with {@code def} replaced by {@code with}, wherever it sits. */
  private static List<Stmt> replace(List<Stmt> block, Stmt def, List<Stmt> with) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s == def) {
        out.addAll(with);
      } else {
        out.add(Substitution.apply(s, Map.of(), b -> replace(b, def, with)));
      }
    }
    return out;
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
