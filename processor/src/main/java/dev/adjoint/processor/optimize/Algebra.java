package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;

/**
 * Local algebraic clean-ups of the chain-rule products ({@code ȳ * 1}, {@code ȳ * (1 / x)},
 * {@code -(-e)}, constant folding). Each rewrite keeps the expression's type and its value up to
 * rounding; none removes a term that could carry a NaN or an infinity from the primal.
 */
public final class Algebra {
  private Algebra() {}

  /** The negation of a condition, flipping a comparison rather than wrapping it. */
  public static Expr not(Expr condition) {
    if (condition instanceof Expr.Unary u && u.op() == Op.NOT) {
      return u.operand();
    }
    if (condition instanceof Expr.Binary b && b.op().isComparison()
        && b.left().type() != Type.DOUBLE && b.right().type() != Type.DOUBLE) {
      // Flipping is exact for integers; for doubles NaN makes !(a < b) differ from a >= b.
      Op flipped = switch (b.op()) {
        case LT -> Op.GE;
        case LE -> Op.GT;
        case GT -> Op.LE;
        case GE -> Op.LT;
        case EQ -> Op.NE;
        default -> Op.EQ;
      };
      return new Expr.Binary(flipped, b.left(), b.right());
    }
    return new Expr.Unary(Op.NOT, condition);
  }

  static Expr simplify(Expr e) {
    return LikeTerms.withCache(() -> Exprs.rewrite(e, Algebra::step));
  }

  private static Expr step(Expr e) {
    if (e instanceof Expr.Unary u && u.op() == Op.NEG) {
      if (u.operand() instanceof Expr.Unary inner && inner.op() == Op.NEG) {
        return inner.operand();
      }
      if (u.operand() instanceof Expr.Const c && c.symbol() == null) {
        // In int arithmetic -(-2147483648) is -2147483648, not a literal too big for an int.
        return c.type() == Type.INT ? Expr.Const.ofInt(-(int) c.value())
            : new Expr.Const(c.type(), -c.value(), null);
      }
      return e;
    }
    if (e instanceof Expr.Cond c) {
      return decided(c);
    }
    if (!(e instanceof Expr.Binary b) || b.op().isComparison() || b.op().isLogical()) {
      return e;
    }
    Expr l = b.left();
    Expr r = b.right();
    Type type = b.type();
    if (l instanceof Expr.Const lc && r instanceof Expr.Const rc
        && lc.symbol() == null && rc.symbol() == null) {
      Expr folded = fold(b.op(), lc, rc, type);
      if (folded != null) {
        return folded;
      }
    }
    switch (b.op()) {
      case MUL:
        if (isConst(l, 1) && r.type() == type) {
          return r;
        } else if (isConst(r, 1) && l.type() == type) {
          return l;
        } else if (isConst(r, -1) && l.type() == type) {
          return neg(l);
        } else if (isConst(l, -1) && r.type() == type) {
          return neg(r);
        } else if (isNeg(r)) {
          return neg(mul(l, operand(r)));
        } else if (isNeg(l)) {
          return neg(mul(operand(l), r));
        } else if (type == Type.DOUBLE && r instanceof Expr.Binary rb && rb.op() == Op.DIV
            && rb.type() == Type.DOUBLE) {
          return isConst(rb.left(), 1) ? div(l, rb.right()) : div(mul(l, rb.left()), rb.right());
        } else if (type == Type.DOUBLE && r instanceof Expr.Binary rb && rb.op() == Op.MUL
            && rb.type() == Type.DOUBLE) {
          return mul(mul(l, rb.left()), rb.right());
        }
        return e;
      case DIV:
        if (isConst(r, 1) && l.type() == type) {
          return l;
        } else if (isNeg(l) && type == Type.DOUBLE) {
          return neg(div(operand(l), r));
        }
        return e;
      case ADD:
        if (type == Type.DOUBLE) {
          Expr collected = LikeTerms.collect(b);
          if (collected != null) {
            return collected;
          }
        }
        if (isConst(l, 0) && r.type() == type) {
          return r;
        } else if (isConst(r, 0) && l.type() == type) {
          return l;
        } else if (isNeg(r)) {
          return new Expr.Binary(Op.SUB, l, operand(r));
        }
        return e;
      case SUB:
        if (type == Type.DOUBLE) {
          Expr collected = LikeTerms.collect(b);
          if (collected != null) {
            return collected;
          }
        }
        if (isConst(r, 0) && l.type() == type) {
          return l;
        } else if (isConst(l, 0) && r.type() == type) {
          return neg(r);
        } else if (isNeg(r)) {
          return new Expr.Binary(Op.ADD, l, operand(r));
        }
        return e;
      default:
        return e;
    }
  }

  /** {@code e} with every conditional on two literals decided ({@link #decided}). */
  public static Expr decideLiteralConditions(Expr e) {
    return Exprs.rewrite(e, x -> x instanceof Expr.Cond c ? decided(c) : x);
  }

  /**
   * A conditional whose condition compares two literals, as a rule's template instantiated with
   * a constant gives ({@code 2.0 == 0 ? 0 : 2.0 * Math.pow(x, 1.0)} for {@code pow(x, 2)}): the
   * branch Java would take, when it has the conditional's type; else the conditional.
   */
  private static Expr decided(Expr.Cond c) {
    if (!(c.condition() instanceof Expr.Binary b) || !b.op().isComparison()
        || !(b.left() instanceof Expr.Const l) || !(b.right() instanceof Expr.Const r)
        || l.symbol() != null || r.symbol() != null
        || !l.type().isNumeric() || !r.type().isNumeric()) {
      return c;
    }
    double x = l.value();
    double y = r.value();
    boolean holds = switch (b.op()) {
      case EQ -> x == y;
      case NE -> x != y;
      case LT -> x < y;
      case LE -> x <= y;
      case GT -> x > y;
      default -> x >= y;
    };
    Expr taken = holds ? c.then() : c.otherwise();
    return taken.type() == c.type() ? taken : c;
  }

  /** Java's own arithmetic on two literals, or null where folding could change behaviour. */
  private static Expr fold(Op op, Expr.Const a, Expr.Const b, Type type) {
    double x = a.value();
    double y = b.value();
    if (type == Type.DOUBLE) {
      switch (op) {
        case ADD:
          return Expr.Const.ofDouble(x + y);
        case SUB:
          return Expr.Const.ofDouble(x - y);
        case MUL:
          return Expr.Const.ofDouble(x * y);
        case DIV:
          return Expr.Const.ofDouble(x / y);
        default:
          return null;
      }
    }
    if (type == Type.INT && op != Op.DIV && op != Op.REM) {
      int i = (int) x;
      int j = (int) y;
      int v = op == Op.ADD ? i + j : op == Op.SUB ? i - j : op == Op.MUL ? i * j : 0;
      return op == Op.ADD || op == Op.SUB || op == Op.MUL ? Expr.Const.ofInt(v) : null;
    }
    return null;
  }

  private static boolean isConst(Expr e, double v) {
    return e instanceof Expr.Const c && c.symbol() == null && c.is(v);
  }

  private static boolean isNeg(Expr e) {
    return e instanceof Expr.Unary u && u.op() == Op.NEG;
  }

  private static Expr operand(Expr neg) {
    return ((Expr.Unary) neg).operand();
  }

  private static Expr neg(Expr e) {
    return step(new Expr.Unary(Op.NEG, e));
  }

  private static Expr mul(Expr a, Expr b) {
    return step(new Expr.Binary(Op.MUL, a, b));
  }

  private static Expr div(Expr a, Expr b) {
    return step(new Expr.Binary(Op.DIV, a, b));
  }
}
