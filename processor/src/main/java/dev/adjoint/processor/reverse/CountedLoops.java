package dev.adjoint.processor.reverse;

import dev.adjoint.processor.analysis.LoopBounds;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import java.util.List;

/**
 * The backward sweep of a counted loop ({@link LoopBounds}): the same indices in reverse order,
 * as a person writes it, {@code for (j = b - 1; j >= a; j--)}, instead of a recorded trip count.
 * The first index is the forward sweep's last, derived from the bounds; a range the forward
 * sweep never entered gives a first index outside it, so the loop does not run either.
 */
final class CountedLoops {
  private CountedLoops() {}

  /** {@code j = last; while (j >= a) { body } (update j -= s)}: the emitter writes a for. */
  static List<Stmt> backward(LoopBounds.Counted c, List<Stmt> body, SourceRef src) {
    Expr a = c.start();
    Expr j = Exprs.ref(c.index());
    int s = Math.abs(c.step());
    Expr condition = new Expr.Binary(c.ascending() ? Op.GE : Op.LE, j, a);
    Stmt update = Stmt.Assign.set(c.index(), new Expr.Binary(c.ascending() ? Op.SUB : Op.ADD,
        j, Expr.Const.ofInt(s)), src);
    return List.of(Stmt.Assign.set(c.index(), last(c, s), src),
        new Stmt.Loop(condition, body, List.of(update), src));
  }

  /**
   * The last index the forward sweep ran with: {@code b - 1} for {@code j < b} by ones; for a
   * step {@code s}, {@code a + (trips - 1) * s} with {@code trips = (b - a + s - 1) / s}, which
   * is at most 0 for an empty range and then puts the index before {@code a}.
   */
  private static Expr last(LoopBounds.Counted c, int s) {
    Expr a = c.start();
    Expr b = c.bound();
    boolean inclusive = c.op() == Op.LE || c.op() == Op.GE;
    if (c.ascending()) {
      if (s == 1) {
        return inclusive ? b : plus(b, -1);
      }
      Expr trips = new Expr.Binary(Op.DIV, plus(minus(b, a), inclusive ? s : s - 1),
          Expr.Const.ofInt(s));
      return plusExpr(a, times(plus(trips, -1), s));
    }
    if (s == 1) {
      return inclusive ? b : plus(b, 1);
    }
    Expr trips = new Expr.Binary(Op.DIV, plus(minus(a, b), inclusive ? s : s - 1),
        Expr.Const.ofInt(s));
    return minus(a, times(plus(trips, -1), s));
  }

  private static Expr plus(Expr e, int k) {
    if (k == 0) {
      return e;
    }
    if (e instanceof Expr.Const c && c.symbol() == null) {
      return Expr.Const.ofInt((int) c.value() + k);
    }
    if (e instanceof Expr.Binary b && (b.op() == Op.ADD || b.op() == Op.SUB)
        && b.right() instanceof Expr.Const c && c.symbol() == null) {
      // n + 1 - 1 is n
      int folded = (b.op() == Op.ADD ? 1 : -1) * (int) c.value() + k;
      return folded == 0 ? b.left() : plus(b.left(), folded);
    }
    return new Expr.Binary(k > 0 ? Op.ADD : Op.SUB, e, Expr.Const.ofInt(Math.abs(k)));
  }

  private static Expr plusExpr(Expr x, Expr y) {
    return isZero(x) ? y : new Expr.Binary(Op.ADD, x, y);
  }

  private static Expr minus(Expr x, Expr y) {
    return isZero(y) ? x : new Expr.Binary(Op.SUB, x, y);
  }

  private static Expr times(Expr e, int s) {
    return new Expr.Binary(Op.MUL, e, Expr.Const.ofInt(s));
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Const c && c.symbol() == null && c.value() == 0;
  }
}
