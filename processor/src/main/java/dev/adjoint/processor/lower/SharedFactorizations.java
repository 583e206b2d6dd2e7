package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Factors a symmetric positive-definite matrix once when a method takes both {@code
 * logDetSpd(S)} and {@code solveSpd(S, b)} (or several solves) of it, as a Gaussian
 * log-likelihood does: {@code double[][] SChol = cholesky(S)} is computed before the first use
 * and the calls become {@code choleskyLogDet(SChol)} and {@code choleskySolve(SChol, b)}, so the
 * forward sweep factors once and the backward sweep goes through one Cholesky pullback.
 *
 * <p>Only where it cannot change what runs: every use is in a statement of the method's top
 * level (not under an {@code if} or a loop, where the hoisted factorization could run when the
 * user's would not), and the matrix is not written from the first use on (it may be built
 * element by element before).
 */
final class SharedFactorizations {
  private static final String LINEAR_ALGEBRA = "dev.adjoint.runtime.LinearAlgebra";
  private static final Map<String, String> ON_FACTOR =
      Map.of("logDetSpd", "choleskyLogDet", "solveSpd", "choleskySolve");

  private SharedFactorizations() {}

  static Function apply(Function fn) {
    List<Stmt> top = fn.body();
    Map<Var, Integer> topLevelUses = new LinkedHashMap<>();
    Map<Var, Integer> firstUse = new HashMap<>();
    Set<Var> excluded = new HashSet<>();
    for (int k = 0; k < top.size(); k++) {
      Stmt s = top.get(k);
      boolean compound = s instanceof Stmt.If || s instanceof Stmt.Loop;
      int index = k;
      Stmts.walk(List.of(s), t -> {
        for (Expr e : ownExprs(t)) {
          Exprs.rewrite(e, x -> {
            Var m = factorable(x);
            if (m != null) {
              if (compound) {
                excluded.add(m);
              } else {
                topLevelUses.merge(m, 1, Integer::sum);
                firstUse.putIfAbsent(m, index);
              }
            }
            return x;
          });
        }
      });
    }
    Set<Var> shared = new HashSet<>();
    topLevelUses.forEach((m, n) -> {
      if (n >= 2 && !excluded.contains(m) && !writtenFrom(top, firstUse.get(m), m)) {
        shared.add(m);
      }
    });
    if (shared.isEmpty()) {
      return fn;
    }
    Map<Var, Var> factors = new HashMap<>();
    List<Stmt> body = new ArrayList<>();
    for (Stmt s : fn.body()) {
      Map<Var, Var> introduced = new LinkedHashMap<>();
      Stmt rewritten = rewrite(s, x -> {
        Var m = factorable(x);
        if (m == null || !shared.contains(m)) {
          return x;
        }
        Var factor = factors.computeIfAbsent(m, k -> {
          Var f = new Var(k.name() + "Chol", Type.DOUBLE_MATRIX, Var.Role.LOCAL);
          introduced.put(k, f);
          return f;
        });
        Expr.Invoke call = (Expr.Invoke) x;
        List<Expr> args = new ArrayList<>(call.args());
        args.set(0, Exprs.ref(factor));
        return new Expr.Invoke(call.kind(), call.owner(), ON_FACTOR.get(call.name()), args,
            call.independents(), call.type());
      });
      introduced.forEach((m, f) -> body.add(Stmt.Assign.set(f, new Expr.Invoke(
          Expr.Invoke.Kind.KERNEL, new ClassRef("dev.adjoint.runtime", "LinearAlgebra"),
          "cholesky", List.of(Exprs.ref(m)), List.of(0), Type.DOUBLE_MATRIX), s.source())));
      body.add(rewritten);
    }
    return fn.withBody(body);
  }

  /** The matrix variable of a {@code logDetSpd(S)} / {@code solveSpd(S, b)} call, else null. */
  private static Var factorable(Expr e) {
    if (e instanceof Expr.Invoke call && call.kind() == Expr.Invoke.Kind.KERNEL
        && call.owner().canonical().equals(LINEAR_ALGEBRA) && ON_FACTOR.containsKey(call.name())
        && call.args().get(0) instanceof Expr.Ref r && r.var().type() == Type.DOUBLE_MATRIX) {
      return r.var();
    }
    return null;
  }

  /** Whether a statement from {@code top[from]} on binds {@code m} or stores into it. */
  private static boolean writtenFrom(List<Stmt> top, int from, Var m) {
    boolean[] written = {false};
    Stmts.walk(top.subList(from, top.size()), t -> {
      if (t instanceof Stmt.Store st && Stmts.bases(st.array()).contains(m)
          || t instanceof Stmt.Assign a && a.target() == m) {
        written[0] = true;
      }
    });
    return written[0];
  }

  /** The expressions a statement holds itself, not those of statements nested in it. */
  private static List<Expr> ownExprs(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return List.of(a.value());
    } else if (s instanceof Stmt.Store st) {
      return List.of(st.array(), st.index(), st.value());
    } else if (s instanceof Stmt.If i) {
      return List.of(i.condition());
    } else if (s instanceof Stmt.Loop l) {
      return List.of(l.condition());
    } else if (s instanceof Stmt.Evaluate ev) {
      return List.of(ev.call());
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      return List.of(r.value());
    } else if (s instanceof Stmt.Push p) {
      return List.of(p.value());
    }
    return List.of();
  }

  /** A top-level simple statement with {@code f} applied to its expressions. */
  private static Stmt rewrite(Stmt s, UnaryOperator<Expr> f) {
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.target(), Exprs.rewrite(a.value(), f), a.accumulate(), a.source());
    } else if (s instanceof Stmt.Store st) {
      return new Stmt.Store(Exprs.rewrite(st.array(), f), Exprs.rewrite(st.index(), f),
          Exprs.rewrite(st.value(), f), st.accumulate(), st.source());
    } else if (s instanceof Stmt.Evaluate ev) {
      return new Stmt.Evaluate((Expr.Invoke) Exprs.rewrite(ev.call(), f), ev.source());
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      return new Stmt.Return(Exprs.rewrite(r.value(), f), r.source());
    }
    return s;
  }
}
