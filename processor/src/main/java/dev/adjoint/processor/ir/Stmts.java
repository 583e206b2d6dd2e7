package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
      } else if (s instanceof Stmt.Loop l) {
        walk(l.body(), visitor);
        walk(l.update(), visitor);
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
          } else if (t instanceof Stmt.Loop l) {
            Exprs.collectReads(l.condition(), out);
          } else if (t instanceof Stmt.Return r) {
            Exprs.collectReads(r.value(), out);
          } else if (t instanceof Stmt.Store st) {
            Exprs.collectReads(st.array(), out);
            Exprs.collectReads(st.index(), out);
            Exprs.collectReads(st.value(), out);
          } else if (t instanceof Stmt.Push p) {
            Exprs.collectReads(p.value(), out);
          } else if (t instanceof Stmt.Evaluate ev) {
            Exprs.collectReads(ev.call(), out);
          }
        });
    return out;
  }

  /** Variables read by the expressions of {@code s} itself, not by statements nested in it. */
  public static Set<Var> ownReads(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    if (s instanceof Stmt.Assign a) {
      Exprs.collectReads(a.value(), out);
      if (a.accumulate()) {
        out.add(a.target());
      }
    } else if (s instanceof Stmt.If i) {
      Exprs.collectReads(i.condition(), out);
    } else if (s instanceof Stmt.Loop l) {
      Exprs.collectReads(l.condition(), out);
    } else if (s instanceof Stmt.Store st) {
      Exprs.collectReads(st.array(), out);
      Exprs.collectReads(st.index(), out);
      Exprs.collectReads(st.value(), out);
    } else if (s instanceof Stmt.Push p) {
      Exprs.collectReads(p.value(), out);
    } else if (s instanceof Stmt.Evaluate ev) {
      Exprs.collectReads(ev.call(), out);
    } else if (s instanceof Stmt.Return r) {
      Exprs.collectReads(r.value(), out);
    }
    return out;
  }

  /** Whether {@code s} or a statement nested in it stores into an array. */
  public static boolean storesMemory(Stmt s) {
    boolean[] found = {false};
    walk(List.of(s), t -> found[0] |= t instanceof Stmt.Store || t instanceof Stmt.Evaluate);
    return found[0];
  }

  /** Whether {@code s} or a statement nested in it pushes or pops (stack order matters). */
  public static boolean hasEffect(Stmt s) {
    boolean[] found = {false};
    walk(List.of(s), t -> found[0] |= t instanceof Stmt.Push || t instanceof Stmt.Evaluate
        || (t instanceof Stmt.Assign a && Exprs.hasEffect(a.value())));
    return found[0];
  }

  /** Variables assigned by {@code s}, including nested statements. */
  public static Set<Var> writes(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    walk(
        List.of(s),
        t -> {
          if (t instanceof Stmt.Assign a) {
            out.add(a.target());
          } else if (t instanceof Stmt.Store st) {
            out.add(baseVar(st.array()));
          }
        });
    return out;
  }

  /** The variable an array expression ({@code a} or {@code m[i]}) starts from. */
  public static Var baseVar(Expr array) {
    Expr e = array;
    while (e instanceof Expr.Index i) {
      e = i.array();
    }
    return ((Expr.Ref) e).var();
  }

  /**
   * The variables an array expression may start from: one for {@code a} or {@code m[i]}, each
   * side's for an array chosen by a conditional ({@code (c ? a : m[i])[j]}).
   */
  public static Set<Var> bases(Expr array) {
    Set<Var> out = new LinkedHashSet<>();
    if (array instanceof Expr.Cond c) {
      out.addAll(bases(c.then()));
      out.addAll(bases(c.otherwise()));
    } else if (array instanceof Expr.Index i) {
      out.addAll(bases(i.array()));
    } else if (array instanceof Expr.Ref r) {
      out.add(r.var());
    }
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
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), copy(l.body()), copy(l.update()), l.source()));
      } else if (s instanceof Stmt.Store st) {
        out.add(new Stmt.Store(st.array(), st.index(), st.value(), st.accumulate(),
            st.source()));
      } else if (s instanceof Stmt.Push p) {
        out.add(new Stmt.Push(p.value(), p.source()));
      } else if (s instanceof Stmt.Evaluate ev) {
        out.add(new Stmt.Evaluate(ev.call(), ev.source()));
      } else if (s instanceof Stmt.Break b) {
        out.add(new Stmt.Break(b.source()));
      } else if (s instanceof Stmt.Continue c) {
        out.add(new Stmt.Continue(c.source()));
      } else if (s instanceof Stmt.Return r) {
        out.add(new Stmt.Return(r.value(), r.source()));
      }
    }
    return out;
  }

  /**
   * For each statement of {@code block}, the array variables read after it ({@code liveOut}
   * after the block). Only arrays: a long method's doubles would make each statement's set as
   * long as the method.
   */
  public static List<Set<Var>> arraysLiveAfter(List<Stmt> block, Set<Var> liveOut) {
    List<Set<Var>> liveAfter = new ArrayList<>();
    Set<Var> live = new HashSet<>(liveOut);
    for (int k = block.size() - 1; k >= 0; k--) {
      liveAfter.add(new HashSet<>(live));
      for (Var r : reads(block.get(k))) {
        if (r.type().isArray()) {
          live.add(r);
        }
      }
    }
    Collections.reverse(liveAfter);
    return liveAfter;
  }
}
