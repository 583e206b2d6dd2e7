package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    // Grouped by the multiset of their factors, in first-occurrence order. A hash lookup rather
    // than a scan over the groups: the simplifier collects at every node of a long sum, so a scan
    // made a sum of n terms cost n³ comparisons.
    Map<Map<Expr, Integer>, Term> groups = new HashMap<>();
    List<Term> grouped = new ArrayList<>();
    boolean merged = false;
    for (Term t : terms) {
      Map<Expr, Integer> key = t.factors.isEmpty() ? null : multiset(t.factors);
      Term same = key == null ? null : groups.get(key);
      if (same == null) {
        Term g = new Term(t.coefficient, t.factors);
        grouped.add(g);
        if (key != null) {
          groups.put(key, g);
        }
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

  /** The factors with their multiplicities: equal exactly when the factors are the same multiset. */
  private static Map<Expr, Integer> multiset(List<Expr> factors) {
    Map<Expr, Integer> counts = new HashMap<>();
    for (Expr f : factors) {
      counts.merge(f, 1, Integer::sum);
    }
    return counts;
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
