package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects like terms of a sum: the chain rule's {@code r̄·0.5·w + r̄·w·0.5} becomes {@code
 * r̄·w}, and {@code p̄·x + p̄·x} becomes {@code 2.0·p̄·x}. A term is a product of factors with a
 * constant coefficient; two terms are alike when their other factors are the same multiset.
 */
final class LikeTerms {
  private LikeTerms() {}

  private static final class Term {
    double coefficient;
    final List<Expr> factors;

    Term(double coefficient, List<Expr> factors) {
      this.coefficient = coefficient;
      this.factors = factors;
    }
  }

  /** The sum with like terms collected, or null if no two terms are alike. */
  static Expr collect(Expr.Binary sum) {
    List<Term> terms = new ArrayList<>();
    flattenSum(sum, 1, terms);
    List<Term> grouped = new ArrayList<>();
    boolean merged = false;
    for (Term t : terms) {
      Term same = null;
      for (Term g : grouped) {
        if (!t.factors.isEmpty() && sameMultiset(g.factors, t.factors)) {
          same = g;
          break;
        }
      }
      if (same == null) {
        grouped.add(new Term(t.coefficient, t.factors));
      } else {
        same.coefficient += t.coefficient;
        merged = true;
      }
    }
    return merged ? rebuild(grouped) : null;
  }

  private static void flattenSum(Expr e, double sign, List<Term> out) {
    if (e instanceof Expr.Binary b && b.type() == Type.DOUBLE
        && (b.op() == Op.ADD || b.op() == Op.SUB)) {
      flattenSum(b.left(), sign, out);
      flattenSum(b.right(), b.op() == Op.ADD ? sign : -sign, out);
    } else {
      Term t = new Term(sign, new ArrayList<>());
      flattenProduct(e, t);
      out.add(t);
    }
  }

  private static void flattenProduct(Expr e, Term t) {
    if (e instanceof Expr.Binary b && b.op() == Op.MUL && b.type() == Type.DOUBLE
        && realOrLiteral(b.left()) && realOrLiteral(b.right())) {
      flattenProduct(b.left(), t);
      flattenProduct(b.right(), t);
    } else if (e instanceof Expr.Unary u && u.op() == Op.NEG && u.type() == Type.DOUBLE) {
      t.coefficient = -t.coefficient;
      flattenProduct(u.operand(), t);
    } else if (e instanceof Expr.Const c && c.symbol() == null && c.type() != Type.BOOLEAN) {
      t.coefficient *= c.value();
    } else {
      t.factors.add(e);
    }
  }

  /** Integer operands stay inside their factor, so no int product is formed on rebuild. */
  private static boolean realOrLiteral(Expr e) {
    return e.type() == Type.DOUBLE || e instanceof Expr.Const;
  }

  private static boolean sameMultiset(List<Expr> a, List<Expr> b) {
    if (a.size() != b.size()) {
      return false;
    }
    List<Expr> rest = new ArrayList<>(b);
    for (Expr x : a) {
      if (!rest.remove(x)) {
        return false;
      }
    }
    return true;
  }

  private static Expr rebuild(List<Term> terms) {
    Expr sum = null;
    for (Term t : terms) {
      double magnitude = Math.abs(t.coefficient);
      Expr product = magnitude == 1 && !t.factors.isEmpty() ? null : Expr.Const.ofDouble(magnitude);
      for (Expr f : t.factors) {
        product = product == null ? f : new Expr.Binary(Op.MUL, product, f);
      }
      boolean negative = t.coefficient < 0;
      if (sum == null) {
        sum = negative ? new Expr.Unary(Op.NEG, product) : product;
      } else {
        sum = new Expr.Binary(negative ? Op.SUB : Op.ADD, sum, product);
      }
    }
    return sum;
  }
}
