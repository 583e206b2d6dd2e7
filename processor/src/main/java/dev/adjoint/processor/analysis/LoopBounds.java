package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loop-bounds analysis: the loops whose trip count the backward sweep can derive instead of
 * recording it. A loop {@code j = a; while (j < b) { body; j = j + s; }} (also {@code <=},
 * {@code >}, {@code >=} with {@code j = j - s}) is counted when {@code s} is a positive
 * constant, the body writes {@code j} only in that last statement (no break: a break's flag
 * would be in the condition), {@code j} is read and written nowhere but in the init and the
 * loop (a {@code for} loop's own index), and every operand of {@code a} and {@code b} has the
 * same value when the backward sweep reaches the loop as when the forward sweep ran it: a
 * parameter or local assigned at most once outside loops (or once anywhere, from such values
 * only: an inlined helper's {@code int d = x.length} inside a loop), the {@code .length} of such an array
 * (of a matrix's row when no row of it is reassigned), or the index of an enclosing counted
 * loop, which the backward sweep drives itself. Its index then needs neither a trip count nor
 * its old value recorded.
 */
public final class LoopBounds {

  /**
   * A counted loop: {@code index = start} ({@code init}), then while {@code index op bound}
   * the body runs and {@code index} moves by {@code step} (negative for {@code >}, {@code >=}).
   */
  public record Counted(Var index, Stmt.Assign init, Expr start, Op op, Expr bound, int step) {
    public boolean ascending() {
      return step > 0;
    }
  }

  private final Map<Stmt.Loop, Counted> counted = new IdentityHashMap<>();
  private final Set<Stmt.Assign> inits = java.util.Collections.newSetFromMap(
      new IdentityHashMap<>());
  private final Set<Var> stable = new HashSet<>();
  private final Set<Var> rowsReassigned = new HashSet<>();
  private final Map<Var, Integer> uses = new HashMap<>();
  private final Deque<Var> enclosing = new ArrayDeque<>();

  private LoopBounds() {}

  public static LoopBounds analyse(Function fn) {
    LoopBounds b = new LoopBounds();
    b.prepare(fn);
    b.walk(fn.body());
    return b;
  }

  /** The loop's bounds, or null when its backward sweep must count its iterations. */
  public Counted of(Stmt.Loop loop) {
    return counted.get(loop);
  }

  /** Whether {@code a} sets a counted loop's index: its old value is never read again. */
  public boolean initOfCounted(Stmt.Assign a) {
    return inits.contains(a);
  }

  private void prepare(Function fn) {
    Map<Var, Integer> assigned = new HashMap<>();
    Map<Var, Stmt.Assign> first = new java.util.LinkedHashMap<>(); // in program order
    Set<Var> inLoops = new HashSet<>();
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Assign a) {
        assigned.merge(a.target(), 1, Integer::sum);
        first.putIfAbsent(a.target(), a);
      } else if (s instanceof Stmt.Loop l) {
        // Assigned, not stored into: a store leaves an array's length alone.
        Stmts.assignments(l.body()).forEach(a -> inLoops.add(a.target()));
      } else if (s instanceof Stmt.Store st && st.array() instanceof Expr.Ref r) {
        rowsReassigned.add(r.var()); // into a matrix itself: a row rebound
      }
      if (s instanceof Stmt.Assign a) {
        passedToCalls(a.value());
      } else if (s instanceof Stmt.Evaluate ev) {
        passedToCalls(ev.call());
      }
      for (Var v : touched(s)) {
        uses.merge(v, 1, Integer::sum);
      }
    });
    for (Var p : fn.params()) {
      if (!assigned.containsKey(p)) {
        stable.add(p);
      }
    }
    assigned.forEach((v, times) -> {
      if (times == 1 && !inLoops.contains(v) && !fn.params().contains(v)) {
        stable.add(v);
      }
    });
    // Assigned once inside a loop, but always to the same value (an inlined helper's {@code int d
    // = x.length}): what the backward sweep reads there is what every iteration assigned.
    first.forEach((v, a) -> {
      if (assigned.get(v) == 1 && inLoops.contains(v) && !fn.params().contains(v)
          && !a.accumulate() && invariant(a.value(), v)) {
        stable.add(v);
      }
    });
  }

  /** A matrix passed to a call may have its rows rebound there. */
  private void passedToCalls(Expr e) {
    if (e instanceof Expr.Invoke call) {
      for (Expr arg : call.args()) {
        rowsReassigned.addAll(Stmts.bases(arg));
      }
    }
    for (Expr child : Exprs.children(e)) {
      passedToCalls(child);
    }
  }

  private void walk(List<Stmt> block) {
    for (int k = 0; k < block.size(); k++) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.If i) {
        walk(i.then());
        walk(i.otherwise());
      } else if (s instanceof Stmt.Loop l) {
        Counted c = k > 0 && block.get(k - 1) instanceof Stmt.Assign init ? match(init, l) : null;
        if (c != null) {
          counted.put(l, c);
          inits.add(c.init());
          enclosing.push(c.index());
        }
        walk(l.body());
        if (c != null) {
          enclosing.pop();
        }
      }
    }
  }

  private Counted match(Stmt.Assign init, Stmt.Loop l) {
    Var j = init.target();
    if (j.type() != Type.INT || init.accumulate() || !l.update().isEmpty() || l.body().isEmpty()
        || !(l.condition() instanceof Expr.Binary test)) {
      return null;
    }
    Op op = test.op();
    Expr bound;
    if (test.left() instanceof Expr.Ref r && r.var() == j) {
      bound = test.right();
    } else if (test.right() instanceof Expr.Ref r && r.var() == j) {
      bound = test.left();
      op = flipped(op);
    } else {
      return null;
    }
    if (op == null) {
      return null;
    }
    int step = step(l.body().get(l.body().size() - 1), j);
    boolean up = op == Op.LT || op == Op.LE;
    if (step == 0 || up != step > 0) {
      return null;
    }
    Stmt.Loop rest = new Stmt.Loop(l.condition(), l.body().subList(0, l.body().size() - 1),
        List.of(), l.source());
    if (Stmts.writes(rest).contains(j) || !invariant(init.value(), j)
        || !invariant(bound, j) || !localTo(j, init, l)) {
      return null;
    }
    return new Counted(j, init, init.value(), op, bound, step);
  }

  private static Op flipped(Op op) {
    return switch (op) {
      case LT -> Op.GT;
      case LE -> Op.GE;
      case GT -> Op.LT;
      case GE -> Op.LE;
      default -> null;
    };
  }

  /** {@code s} for {@code j = j + s}, {@code -s} for {@code j = j - s}; 0 for anything else. */
  private static int step(Stmt last, Var j) {
    if (last instanceof Stmt.Assign a && a.target() == j && !a.accumulate()
        && a.value() instanceof Expr.Binary b && b.left() instanceof Expr.Ref r && r.var() == j
        && b.right() instanceof Expr.Const c && c.type() == Type.INT && c.value() > 0
        && c.value() <= 1 << 20) {
      int s = (int) c.value();
      return b.op() == Op.ADD ? s : b.op() == Op.SUB ? -s : 0;
    }
    return 0;
  }

  /** Whether {@code e} is int arithmetic over values the backward sweep still has. */
  private boolean invariant(Expr e, Var index) {
    if (e.type() != Type.INT) {
      return false;
    }
    if (e instanceof Expr.Const) {
      return true;
    } else if (e instanceof Expr.Ref r) {
      return r.var() != index && (stable.contains(r.var()) || enclosing.contains(r.var()));
    } else if (e instanceof Expr.Length len) {
      return stableArray(len.array(), index);
    } else if (e instanceof Expr.Binary b) {
      return invariant(b.left(), index) && invariant(b.right(), index);
    } else if (e instanceof Expr.Unary u) {
      return u.op() == Op.NEG && invariant(u.operand(), index);
    }
    return false;
  }

  private boolean stableArray(Expr array, Var index) {
    if (array instanceof Expr.Ref r) {
      return stable.contains(r.var());
    }
    return array instanceof Expr.Index row && row.array() instanceof Expr.Ref m
        && stable.contains(m.var()) && !rowsReassigned.contains(m.var())
        && invariant(row.index(), index);
  }

  /** Whether every statement that reads or writes {@code j} is {@code init} or in {@code l}. */
  private boolean localTo(Var j, Stmt.Assign init, Stmt.Loop l) {
    int[] inside = {1};
    Stmts.walk(List.of(l), s -> {
      if (touched(s).contains(j)) {
        inside[0]++;
      }
    });
    if (Stmts.ownReads(init).contains(j)) {
      return false;
    }
    return inside[0] == uses.getOrDefault(j, 0);
  }

  /** The variables {@code s} itself reads or assigns. */
  private static Set<Var> touched(Stmt s) {
    Set<Var> out = Stmts.ownReads(s);
    if (s instanceof Stmt.Assign a) {
      out.add(a.target());
    }
    return out;
  }
}
