package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.WriteIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values the backward sweep can recompute instead of recording. A variable assigned once, by a
 * load from an array nothing writes or by one arithmetic operator ({@code t = a[i]}, {@code
 * b = x - y * y}), used only later in the same iteration while its inputs keep their values, is
 * recomputed wherever a chain-rule partial needs it: the backward sweep restores those inputs
 * anyway, and the variable itself is never saved. Inside loops this replaces a push and a pop
 * per value by a little arithmetic, as a hand-written adjoint does.
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
    Map<Var, Integer> writes = new LinkedHashMap<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Assign a) {
        writes.merge(a.target(), 1, Integer::sum);
      }
    });
    Layout layout = new Layout(fn.body());
    WriteIndex written = new WriteIndex(layout);
    LaterWrites later = new LaterWrites(layout);
    // The statements reading each variable themselves (nested statements apart).
    Map<Var, List<Stmt>> uses = new HashMap<>();
    for (Stmt use : layout.statements()) {
      for (Var r : Stmts.ownReads(use)) {
        uses.computeIfAbsent(r, k -> new ArrayList<>()).add(use);
      }
    }
    Map<Var, Expr> loads = new LinkedHashMap<>();
    Map<Stmt.Assign, Var> same = SameLoads.find(fn.body(), writes);
    Map<Var, Expr> stored = StoredValues.find(fn, layout, later, writes);
    for (Stmt.Assign def : Stmts.assignments(fn.body())) {
      Var t = def.target();
      Var first = same.get(def);
      if (first != null && !layout.loopsAround(def).isEmpty()
          && usedInItsIteration(def, uses.getOrDefault(t, List.of()), layout)) {
        loads.put(t, loads.getOrDefault(first, Exprs.ref(first)));
        continue;
      }
      Expr element = stored.get(t);
      if (element != null && (t.role() == Var.Role.TEMP || t.role() == Var.Role.LOCAL)
          && writes.get(t) == 1 && !layout.loopsAround(def).isEmpty()
          && usedInItsIteration(def, uses.getOrDefault(t, List.of()), layout)) {
        loads.put(t, element); // read back from where it was stored
        continue;
      }
      // Outside loops a value is saved in a local for free: keep the user's names there.
      boolean candidate = (t.role() == Var.Role.TEMP || t.role() == Var.Role.LOCAL)
          && t.type() == Type.DOUBLE && writes.get(t) == 1 && cheap(def, later)
          && !layout.loopsAround(def).isEmpty();
      if (!candidate) {
        continue;
      }
      Set<Var> inputs = Exprs.reads(def.value());
      boolean ok = true;
      for (Stmt use : uses.getOrDefault(t, List.of())) {
        if (use == def) {
          continue;
        }
        // The use's partials are evaluated before it is undone, so it must not change the
        // inputs either (s = sin(s + x) reads the new s there).
        boolean useWrites = use instanceof Stmt.Assign u && inputs.contains(u.target());
        ok &= layout.dominates(def, use) && !useWrites
            && layout.loopsAround(def).equals(layout.loopsAround(use))
            && !written.writesBetween(inputs, layout.indexOf(def), layout.indexOf(use));
      }
      // Recomputing must not make the backward sweep need a double it would otherwise not
      // record, such as an accumulator: only parameters, other recomputed values, integers
      // (indices, restored anyway) and arrays may be read.
      for (Var u : inputs) {
        ok &= u.type() != Type.DOUBLE || loads.containsKey(u)
            || u.isInput() && writes.getOrDefault(u, 0) == 0;
      }
      if (ok) {
        // Earlier choices substitute into later ones: a = 1 - x[i] where element = x[i].
        loads.put(t, Exprs.substitute(def.value(), loads));
      }
    }
    loads.values().removeIf(e -> size(e) > MAX_SIZE);
    return new Rematerialization(loads);
  }

  /** Whether every use of {@code def}'s variable follows it in the same iteration. */
  private static boolean usedInItsIteration(Stmt.Assign def, List<Stmt> uses, Layout layout) {
    for (Stmt use : uses) {
      if (use != def && !(layout.dominates(def, use)
          && layout.loopsAround(def).equals(layout.loopsAround(use)))) {
        return false;
      }
    }
    return true;
  }

  /** Recomputing more than this costs more than a push and a pop. */
  private static final int MAX_SIZE = 15;

  /**
   * A load from an array nothing writes after it (so the backward sweep reads the same element),
   * or one arithmetic operator over atoms.
   */
  private static boolean cheap(Stmt.Assign def, LaterWrites later) {
    Expr e = def.value();
    if (e instanceof Expr.Index load) {
      return load.type() == Type.DOUBLE
          && (later.neverStored(load.array()) || later.unwrittenAfter(load.array(), def));
    }
    if (!(e instanceof Expr.Unary || e instanceof Expr.Binary) || e.type() != Type.DOUBLE) {
      return false;
    }
    return Exprs.children(e).stream().allMatch(Expr::isAtom);
  }

  private static int size(Expr e) {
    int n = 1;
    for (Expr child : Exprs.children(e)) {
      n += size(child);
    }
    return n;
  }

  /** {@code partial} with every rematerializable temporary replaced by its load. */
  public Expr apply(Expr partial) {
    return loads.isEmpty() ? partial : Exprs.substitute(partial, loads);
  }
}
