package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control-flow normalizer copies the code after an early exit into every branch that falls
 * through, so an alias declared there ({@code double[] row = m[0]}, {@code double[] r = c ? a :
 * b}) is defined once per copy, all copies sharing one variable. Each copy is made a variable of
 * its own, so {@link AliasExpansion} sees aliases defined once. Only when that is what the code
 * means: no copy's region (the rest of its block) defines the variable again, and every read of
 * it lies in one of the regions.
 */
final class AliasCopies {
  private AliasCopies() {}

  /** @param result the function's result, read after the body: never separated */
  static List<Stmt> separate(List<Stmt> body, Var result) {
    Map<Var, List<Stmt.Assign>> defs = definitions(body);
    for (Var v : List.copyOf(defs.keySet())) {
      List<Stmt.Assign> copies = defs.getOrDefault(v, List.of());
      boolean aliases = copies.stream().allMatch(d -> d.value() instanceof Expr.Ref
          || d.value() instanceof Expr.Index || d.value() instanceof Expr.Cond);
      if (copies.size() < 2 || !v.type().isArray() || v.role() == Var.Role.PARAM || !aliases
          || v == result) {
        continue;
      }
      Layout layout = new Layout(body);
      int readsInRegions = 0;
      boolean redefined = false;
      for (Stmt.Assign d : copies) {
        List<Stmt> region = region(layout, d);
        readsInRegions += readers(region, v);
        redefined |= Stmts.assignments(region).stream().anyMatch(a -> a.target() == v);
      }
      if (redefined || readsInRegions != readers(body, v)) {
        continue; // a real reassignment: AliasExpansion reports it
      }
      Map<Stmt, Var> fresh = new IdentityHashMap<>();
      for (Stmt.Assign d : copies.subList(1, copies.size())) {
        fresh.put(d, v.like(v.name(), v.role()));
      }
      body = rename(body, v, fresh);
      // Renaming rebuilt the statements around the copies, so later variables' definitions
      // are looked up in the new body (one walk per renamed variable, of which there are few).
      defs = definitions(body);
    }
    return body;
  }

  private static Map<Var, List<Stmt.Assign>> definitions(List<Stmt> body) {
    Map<Var, List<Stmt.Assign>> defs = new LinkedHashMap<>();
    for (Stmt.Assign a : Stmts.assignments(body)) {
      defs.computeIfAbsent(a.target(), v -> new ArrayList<>()).add(a);
    }
    return defs;
  }

  /** The statements after {@code def} in its block, where its value is in scope. */
  private static List<Stmt> region(Layout layout, Stmt def) {
    List<Stmt> block = layout.innermost(def);
    for (int i = 0; i < block.size(); i++) {
      if (block.get(i) == def) {
        return block.subList(i + 1, block.size());
      }
    }
    throw new IllegalStateException("definition not in its block");
  }

  private static int readers(List<Stmt> stmts, Var v) {
    int[] n = {0};
    Stmts.walk(stmts, s -> n[0] += Stmts.ownReads(s).contains(v) ? 1 : 0);
    return n[0];
  }

  /** {@code block} with each copy in {@code fresh} and the rest of its block using its variable. */
  private static List<Stmt> rename(List<Stmt> block, Var v, Map<Stmt, Var> fresh) {
    List<Stmt> out = new ArrayList<>();
    Map<Var, Expr> sub = null;
    for (Stmt s : block) {
      Var copy = fresh.get(s);
      if (copy != null) {
        Stmt.Assign d = (Stmt.Assign) s;
        out.add(new Stmt.Assign(copy, d.value(), d.accumulate(), d.source()));
        sub = Map.of(v, Exprs.ref(copy));
      } else if (sub != null) {
        out.add(substituteAll(s, sub));
      } else {
        out.add(Substitution.apply(s, Map.of(), b -> rename(b, v, fresh)));
      }
    }
    return out;
  }

  private static Stmt substituteAll(Stmt s, Map<Var, Expr> sub) {
    return Substitution.apply(s, sub, b -> {
      List<Stmt> out = new ArrayList<>();
      b.forEach(t -> out.add(substituteAll(t, sub)));
      return out;
    });
  }
}
