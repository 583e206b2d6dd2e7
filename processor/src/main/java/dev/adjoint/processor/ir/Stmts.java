package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Queries over statements. */
public final class Stmts {
  private Stmts() {}

  /** Visits {@code stmts} and every nested statement, in program order. */
  public static void walk(List<Stmt> stmts, Consumer<Stmt> visitor) {
    for (Stmt s : stmts) {
      visitor.accept(s);
      if (s instanceof Stmt.If i) {
        walk(i.then(), visitor);
        walk(i.otherwise(), visitor);
      }
    }
  }

  /** Variables read by {@code s} itself, including nested statements. */
  public static Set<Var> reads(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    walk(
        List.of(s),
        t -> {
          if (t instanceof Stmt.Assign a) {
            Exprs.collectReads(a.value(), out);
            if (a.accumulate()) {
              out.add(a.target());
            }
          } else if (t instanceof Stmt.If i) {
            Exprs.collectReads(i.condition(), out);
          } else if (t instanceof Stmt.Return r) {
            Exprs.collectReads(r.value(), out);
          }
        });
    return out;
  }

  /** Variables assigned by {@code s}, including nested statements. */
  public static Set<Var> writes(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    walk(
        List.of(s),
        t -> {
          if (t instanceof Stmt.Assign a) {
            out.add(a.target());
          }
        });
    return out;
  }

  /** Every assignment in {@code stmts}, nested ones included, in program order. */
  public static List<Stmt.Assign> assignments(List<Stmt> stmts) {
    List<Stmt.Assign> out = new ArrayList<>();
    walk(
        stmts,
        s -> {
          if (s instanceof Stmt.Assign a) {
            out.add(a);
          }
        });
    return out;
  }

  /** A deep copy with fresh statement objects (variables are shared). */
  public static List<Stmt> copy(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a) {
        out.add(new Stmt.Assign(a.target(), a.value(), a.accumulate(), a.source()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), copy(i.then()), copy(i.otherwise()), i.source()));
      } else if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Return(r.value(), r.source()));
      } else if (s instanceof Stmt.Section sec) {
        out.add(new Stmt.Section(sec.title(), sec.source()));
      }
    }
    return out;
  }
}
