package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the backward sweep can repeat instead of recording. A temporary {@code t = a[i]} read
 * from an array nothing writes, used only later in the same iteration while {@code i} keeps its
 * value, can be read again as {@code a[i]} wherever a chain-rule partial needs {@code t}: the
 * backward sweep restores {@code i} anyway, and then {@code t} itself is never saved. Inside
 * loops this replaces a push and a pop per element by an array read.
 */
public final class Rematerialization {
  private final Map<Var, Expr> loads;

  private Rematerialization(Map<Var, Expr> loads) {
    this.loads = loads;
  }

  public static Rematerialization none() {
    return new Rematerialization(Map.of());
  }

  public static Rematerialization analyse(Function fn) {
    Set<Var> stored = new HashSet<>();
    Map<Var, Integer> writes = new LinkedHashMap<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Store st) {
        stored.add(Stmts.baseVar(st.array()));
      } else if (s instanceof Stmt.Assign a) {
        writes.merge(a.target(), 1, Integer::sum);
      }
    });
    Layout layout = new Layout(fn.body());
    Map<Var, Expr> loads = new LinkedHashMap<>();
    for (Stmt.Assign def : Stmts.assignments(fn.body())) {
      Var t = def.target();
      if (t.role() != Var.Role.TEMP || t.type() != Type.DOUBLE || writes.get(t) != 1
          || !(def.value() instanceof Expr.Index load)
          || stored.contains(Stmts.baseVar(load.array()))) {
        continue;
      }
      Set<Var> inputs = Exprs.reads(load);
      boolean ok = true;
      for (Stmt use : layout.statements()) {
        if (use == def || !Stmts.ownReads(use).contains(t)) {
          continue;
        }
        List<Stmt> between = layout.between(layout.indexOf(def), layout.indexOf(use));
        ok &= layout.dominates(def, use)
            && layout.loopsAround(def).equals(layout.loopsAround(use))
            && between.stream().noneMatch(s -> Stmts.writes(s).stream().anyMatch(inputs::contains));
      }
      if (ok) {
        loads.put(t, load);
      }
    }
    return new Rematerialization(loads);
  }

  /** {@code partial} with every rematerializable temporary replaced by its load. */
  public Expr apply(Expr partial) {
    return loads.isEmpty() ? partial : Exprs.substitute(partial, loads);
  }
}
