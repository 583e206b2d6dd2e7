package dev.adjoint.processor.emit;

import dev.adjoint.processor.analysis.LoopBounds;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many values each outermost loop of a forward sweep pushes, when its counted loops'
 * bounds ({@link LoopBounds}) give it before the loop runs: {@code stacks.reserve(doubles, ints,
 * references)} then grows the stacks once, to their final size, instead of doubling from 16
 * entries (each doubling a copy and garbage). An upper bound: a push in a branch counts as if
 * taken; an inner loop starting at an enclosing index ({@code j = i + 1}) counts from that
 * index's first value. Loops with a data-dependent trip count get no reservation.
 */
final class StackReservations {

  /** The three counts, {@code long} expressions; null where nothing is pushed. */
  record Counts(Expr doubles, Expr ints, Expr references) {}

  private final LoopBounds bounds;
  private final Map<Stmt.Loop, Counts> reserved = new IdentityHashMap<>();

  private StackReservations(LoopBounds bounds) {
    this.bounds = bounds;
  }

  static StackReservations of(List<Stmt> forward, List<Var> params) {
    StackReservations r = new StackReservations(
        LoopBounds.analyse(new Function("forward", params, forward, null)));
    for (Stmt s : forward) {
      if (s instanceof Stmt.Loop l) {
        List<Map<Expr, Long>> counts = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(),
            new LinkedHashMap<>());
        if (r.count(List.of(l), one(), List.of(), counts)
            && counts.stream().anyMatch(m -> !m.isEmpty())) {
          r.reserved.put(l, new Counts(sum(counts.get(0)), sum(counts.get(1)),
              sum(counts.get(2))));
        }
      }
    }
    return r;
  }

  /** The reservation before outermost loop {@code l}, or null. */
  Counts before(Stmt.Loop l) {
    return reserved.get(l);
  }

  /**
   * Adds to {@code counts} what {@code block} pushes when it runs {@code times} times inside
   * the counted loops {@code enclosing}; false if a loop's trip count is not known up front.
   */
  private boolean count(List<Stmt> block, Expr times, List<LoopBounds.Counted> enclosing,
      List<Map<Expr, Long>> counts) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Push p) {
        int kind = p.value().type() == Type.DOUBLE ? 0
            : p.value().type().isArray() || p.value().type() == Type.OBJECT ? 2
            : p.value().type() == Type.LONG ? -1 : 1;
        if (kind >= 0) {
          counts.get(kind).merge(times, 1L, Long::sum); // like terms collected
        }
      } else if (s instanceof Stmt.If i) {
        if (!count(i.then(), times, enclosing, counts)
            || !count(i.otherwise(), times, enclosing, counts)) {
          return false;
        }
      } else if (s instanceof Stmt.Loop l) {
        LoopBounds.Counted c = bounds.of(l);
        Expr trips = c == null ? null : trips(c, enclosing);
        if (trips == null) {
          if (pushes(l)) {
            return false;
          }
          continue;
        }
        List<LoopBounds.Counted> inner = new ArrayList<>(enclosing);
        inner.add(c);
        if (!count(l.body(), times(times, trips), inner, counts)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean pushes(Stmt.Loop l) {
    boolean[] found = {false};
    dev.adjoint.processor.ir.Stmts.walk(List.of(l), s -> found[0] |= s instanceof Stmt.Push);
    return found[0];
  }

  /**
   * At most how many times {@code c} runs, as a {@code long} known before the outermost loop:
   * {@code max(0, (b - a + s - 1) / s)}, an enclosing index in {@code a} or {@code b} taken at
   * the end of its range that makes the count largest.
   */
  private static Expr trips(LoopBounds.Counted c, List<LoopBounds.Counted> enclosing) {
    Expr low = c.ascending() ? c.start() : c.bound();
    Expr high = c.ascending() ? c.bound() : c.start();
    low = extreme(low, enclosing, false);
    high = extreme(high, enclosing, true);
    if (low == null || high == null) {
      return null;
    }
    boolean inclusive = c.op() == Op.LE || c.op() == Op.GE;
    int s = Math.abs(c.step());
    boolean fromZero = low instanceof Expr.Const k && k.value() == 0;
    if (fromZero && s == 1 && !inclusive && high instanceof Expr.Length) {
      return new Expr.Cast(Type.LONG, high); // a length is never negative
    }
    int extra = inclusive ? s : s - 1;
    if (low instanceof Expr.Const lo && high instanceof Expr.Const hi) {
      return longConst(Math.max(0, ((long) hi.value() - (long) lo.value() + extra) / s));
    }
    Expr span = fromZero ? high : new Expr.Binary(Op.SUB, high, low);
    if (extra != 0 && span instanceof Expr.Binary b && b.op() == Op.SUB
        && b.right() instanceof Expr.Const k && k.value() == extra) {
      span = b.left(); // n - 1 + 1 is n
    } else if (extra != 0) {
      span = new Expr.Binary(Op.ADD, span, Expr.Const.ofInt(extra));
    }
    if (s != 1) {
      span = new Expr.Binary(Op.DIV, span, Expr.Const.ofInt(s));
    }
    return new Expr.Call("Math", "max", List.of(new Expr.Const(Type.LONG, 0, "0L"), span),
        Type.LONG);
  }

  /**
   * {@code e} with each enclosing index replaced by its smallest ({@code !largest}) or largest
   * value; null unless {@code e} grows with those indices ({@code i}, {@code i ± c}, or none).
   */
  private static Expr extreme(Expr e, List<LoopBounds.Counted> enclosing, boolean largest) {
    for (int k = enclosing.size() - 1; k >= 0; k--) {
      LoopBounds.Counted c = enclosing.get(k);
      if (!Exprs.reads(e).contains(c.index())) {
        continue;
      }
      boolean plain = e instanceof Expr.Ref
          || e instanceof Expr.Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)
          && b.left() instanceof Expr.Ref && b.right() instanceof Expr.Const;
      if (!plain) {
        return null;
      }
      // Ascending, the index runs from its start up to its bound; descending, the other way.
      Expr value = largest == c.ascending() ? last(c) : c.start();
      e = folded(Exprs.substitute(e, Map.of(c.index(), value)));
    }
    return e;
  }

  /** The index's value nearest its bound: {@code b} for {@code <=}, else {@code b ∓ 1}. */
  private static Expr last(LoopBounds.Counted c) {
    return c.op() == Op.LE || c.op() == Op.GE ? c.bound()
        : new Expr.Binary(c.ascending() ? Op.SUB : Op.ADD, c.bound(), Expr.Const.ofInt(1));
  }

  private static Expr one() {
    return longConst(1);
  }

  /** {@code Σ coefficient · term}, constant terms folded; null for none. */
  private static Expr sum(Map<Expr, Long> terms) {
    if (terms.isEmpty()) {
      return null;
    }
    long constant = 0;
    Expr out = null;
    for (Map.Entry<Expr, Long> t : terms.entrySet()) {
      if (t.getKey() instanceof Expr.Const c) {
        constant += (long) c.value() * t.getValue();
        continue;
      }
      Expr term = t.getValue() == 1 ? t.getKey()
          : new Expr.Binary(Op.MUL, longConst(t.getValue()), t.getKey());
      out = out == null ? term : new Expr.Binary(Op.ADD, out, term);
    }
    if (constant != 0 || out == null) {
      Expr k = longConst(constant);
      out = out == null ? k : new Expr.Binary(Op.ADD, out, k);
    }
    return out;
  }

  /** {@code x ± c1 ± c2} as {@code x ± c}: {@code n - 1 + 1} is {@code n}. */
  private static Expr folded(Expr e) {
    if (e instanceof Expr.Binary b && offset(b) != null && b.left() instanceof Expr.Binary in
        && offset(in) != null) {
      long c = offset(b) + offset(in);
      return c == 0 ? in.left() : new Expr.Binary(c > 0 ? Op.ADD : Op.SUB, in.left(),
          Expr.Const.ofInt((int) Math.abs(c)));
    }
    return e;
  }

  /** {@code c} for {@code x + c}, {@code -c} for {@code x - c}; null otherwise. */
  private static Long offset(Expr.Binary b) {
    if ((b.op() == Op.ADD || b.op() == Op.SUB) && b.right() instanceof Expr.Const k
        && k.type() == Type.INT && k.symbol() == null) {
      return (long) (b.op() == Op.ADD ? k.value() : -k.value());
    }
    return null;
  }

  private static Expr longConst(long v) {
    return new Expr.Const(Type.LONG, v, v + "L");
  }

  private static Expr times(Expr a, Expr b) {
    if (a instanceof Expr.Const x && b instanceof Expr.Const y) {
      return longConst((long) x.value() * (long) y.value());
    }
    return a instanceof Expr.Const c && c.value() == 1 ? b : new Expr.Binary(Op.MUL, a, b);
  }
}
