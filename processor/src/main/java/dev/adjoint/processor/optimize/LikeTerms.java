package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The factor multisets of sums {@link #collect} found no like terms in, by identity, while one
   * {@link Algebra#simplify} runs: it collects at every node of a long sum bottom-up, and with
   * these a node only looks at the terms its right operand adds, so a sum of n terms costs n
   * rather than n² multiset operations. Each entry is consumed by the node's parent.
   */
  private static final ThreadLocal<Map<Expr, Set<Map<Expr, Integer>>>> DISTINCT =
      new ThreadLocal<>();

  /** Runs {@code body} with its own {@link #DISTINCT} (a rewrite may nest another). */
  static <T> T withCache(java.util.function.Supplier<T> body) {
    Map<Expr, Set<Map<Expr, Integer>>> outer = DISTINCT.get();
    DISTINCT.set(new IdentityHashMap<>());
    try {
      return body.get();
    } finally {
      DISTINCT.set(outer);
    }
  }

  /** The sum with like terms collected, or null if no two terms are alike. */
  static Expr collect(Expr.Binary sum) {
    Map<Expr, Set<Map<Expr, Integer>>> distinct = DISTINCT.get();
    Set<Map<Expr, Integer>> known = distinct == null ? null : distinct.remove(sum.left());
    if (known != null) {
      // The left operand's terms are alike to none of each other: only the right's can be.
      List<Term> added = new ArrayList<>();
      flattenSum(sum.right(), 1, added);
      boolean alike = false;
      List<Map<Expr, Integer>> keys = new ArrayList<>();
      for (Term t : added) {
        if (!t.factors.isEmpty()) {
          Map<Expr, Integer> key = multiset(t.factors);
          alike |= !known.add(key);
          keys.add(key);
        }
      }
      if (!alike) {
        distinct.put(sum, known);
        return null;
      }
      // Some are alike: collect the whole sum (the set is spoilt, and no longer needed).
    }
    List<Term> terms = new ArrayList<>();
    flattenSum(sum, 1, terms);
    // Grouped by the multiset of their factors, in first-occurrence order. A hash lookup rather
    // than a scan over the groups: Algebra collects at every node of a long sum, so a scan
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
    if (!merged && distinct != null) {
      distinct.put(sum, new HashSet<>(groups.keySet()));
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
