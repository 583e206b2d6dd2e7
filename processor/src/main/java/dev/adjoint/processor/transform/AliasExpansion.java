package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.JavaText;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Replaces array aliases ({@code double[] row = m[i]}, {@code for (double[] row : m)}) by what
 * they alias, so every element access names its array and index and the backward sweep can
 * address the matching adjoint element. Also the one check that no store reaches a parameter's
 * array, directly or through an alias: the primal must not change its caller's inputs.
 */
final class AliasExpansion {
  private AliasExpansion() {}

  static Function apply(Function fn) {
    List<Stmt> body = ArrayChoices.nameChoices(AliasCopies.separate(fn.body()));
    boolean expanded = true;
    while (expanded) {
      expanded = false;
      for (Stmt.Assign def : Stmts.assignments(body)) {
        boolean alias = def.value() instanceof Expr.Ref || def.value() instanceof Expr.Index
            || def.value() instanceof Expr.Cond;
        if (def.target().type().isArray() && def.target().role() != Var.Role.PARAM && alias) {
          // What an alias names is evaluated once, here: conditions and helper-computed
          // indices are recorded, so substituting it into every use repeats no evaluation.
          List<Stmt> recorded = new ArrayList<>();
          Set<Var> assigned = new HashSet<>();
          Stmts.assignments(body).forEach(a -> assigned.add(a.target()));
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
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Store st && Stmts.baseVar(st.array()).role() == Var.Role.PARAM) {
        throw new UnsupportedConstruct(st.source(), "a write into array parameter "
            + Stmts.baseVar(st.array()).name() + " is not supported; copy it into a local array"
            + " (new double[n]) and write there");
      }
    });
    return fn.withBody(body);
  }

  /** @param written what the user wrote the alias to name, for messages */
  private static List<Stmt> expand(List<Stmt> body, Stmt.Assign def, Expr written) {
    Var v = def.target();
    String why = written instanceof Expr.Cond c
        ? "array " + v.name() + " is " + ArrayChoices.describe(c)
        : "array " + v.name() + " aliases " + new JavaText(Var::name).print(written);
    for (Stmt.Assign a : Stmts.assignments(body)) {
      if (a.target() == v && a != def) {
        throw new UnsupportedConstruct(a.source(), "array variable " + v.name() + " is assigned"
            + " more than once; declare a separate variable for each array");
      }
    }
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
      if (!layout.dominates(def, use) || !sameIteration || !unchanged) {
        throw new UnsupportedConstruct(use.source(), why + (def.value() instanceof Expr.Cond
            ? ", and which one may change before this use; write the conditional at the use"
            : ", whose index changes before this use; index the matrix directly (m[i][j])"));
      }
    }
    return substitute(body, def, Map.of(v, def.value()));
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
