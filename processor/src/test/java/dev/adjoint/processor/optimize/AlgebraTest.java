package dev.adjoint.processor.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.JavaText;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import org.junit.jupiter.api.Test;

/** The simplifier's local rewrites, printed as the emitter prints them. */
class AlgebraTest {
  private final Var a = new Var("a", Type.DOUBLE, Var.Role.LOCAL);
  private final Var w = new Var("w", Type.DOUBLE, Var.Role.LOCAL);
  private final Var n = new Var("n", Type.INT, Var.Role.PARAM);
  private final JavaText text = new JavaText(Var::name);

  @Test
  void foldsTheChainRulesTrivialFactors() {
    assertEquals("a", print(mul(ref(a), dbl(1))));
    assertEquals("-a", print(mul(ref(a), dbl(-1))));
    assertEquals("a / w", print(mul(ref(a), div(dbl(1), ref(w)))));
    assertEquals("a", print(neg(neg(ref(a)))));
    assertEquals("a - w", print(new Expr.Binary(Op.ADD, ref(a), neg(ref(w)))));
  }

  @Test
  void collectsLikeTerms() {
    // a * 0.5 * w + a * w * 0.5 = a * w
    Expr left = mul(mul(ref(a), dbl(0.5)), ref(w));
    Expr right = mul(mul(ref(a), ref(w)), dbl(0.5));
    assertEquals("a * w", print(new Expr.Binary(Op.ADD, left, right)));
    assertEquals("2.0 * a * w", print(new Expr.Binary(Op.ADD, mul(ref(a), ref(w)),
        mul(ref(w), ref(a)))));
    assertEquals("a - 3.0 * w", print(new Expr.Binary(Op.SUB, new Expr.Binary(Op.SUB, ref(a),
        ref(w)), mul(dbl(2), ref(w)))));
  }

  @Test
  void neverTurnsRealDivisionIntoIntegerDivision() {
    // a * (1.0 / n) must stay a real division by n.
    assertEquals("a / n", print(mul(ref(a), div(dbl(1), ref(n)))));
    // 1 / 10 with int literals is Java's integer division and is left alone.
    Expr intDivision = new Expr.Binary(Op.DIV, Expr.Const.ofInt(1), Expr.Const.ofInt(10));
    assertEquals("1 / 10", print(intDivision));
  }

  @Test
  void decidesAConditionalOnTwoLiterals() {
    // pow's rule with a literal exponent: 2.0 == 0 ? 0 : 2.0 * a
    Expr powRule = new Expr.Cond(new Expr.Binary(Op.EQ, dbl(2), dbl(0)), dbl(0),
        mul(dbl(2), ref(a)));
    assertEquals("2.0 * a", print(powRule));
    Expr zero = new Expr.Cond(new Expr.Binary(Op.EQ, dbl(0), dbl(0)), dbl(0),
        mul(dbl(0), ref(a)));
    assertEquals("0.0", print(zero));
    // a condition on a variable stays, and so does a branch of another type than the whole
    Expr open = new Expr.Cond(new Expr.Binary(Op.EQ, ref(w), dbl(0)), dbl(0), ref(a));
    assertEquals("w == 0.0 ? 0.0 : a", print(open));
    Expr promoted = new Expr.Cond(new Expr.Binary(Op.LT, dbl(1), dbl(2)), Expr.Const.ofInt(1),
        ref(a));
    assertEquals("1.0 < 2.0 ? 1 : a", print(promoted));
  }

  private String print(Expr e) {
    return text.print(Algebra.simplify(e));
  }

  private static Expr ref(Var v) {
    return Exprs.ref(v);
  }

  private static Expr dbl(double v) {
    return Expr.Const.ofDouble(v);
  }

  private static Expr neg(Expr e) {
    return new Expr.Unary(Op.NEG, e);
  }

  private static Expr mul(Expr l, Expr r) {
    return new Expr.Binary(Op.MUL, l, r);
  }

  private static Expr div(Expr l, Expr r) {
    return new Expr.Binary(Op.DIV, l, r);
  }
}
