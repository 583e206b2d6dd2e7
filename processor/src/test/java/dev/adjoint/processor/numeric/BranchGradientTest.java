package dev.adjoint.processor.numeric;

import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Control flow: if / else if / else, nested ifs that overwrite variables, ternaries, && || !,
 * all six comparisons, several returns. Every side of every branch is visited by some point, and
 * points stay well away from the boundaries so finite differences do not straddle them.
 */
class BranchGradientTest {

  static final CaseSuite BRANCHES =
      CaseSuite.of(
          "adjtest.br.Branches",
          GradientCase.of("elseIfChain", "double x, double y",
                  """
                  if (x > 1) {
                    return x * x * y;
                  } else if (x > -1) {
                    return -x * y;
                  } else {
                    return Math.sin(x) * y;
                  }""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                if (d.x("x") > 1) {
                  return x.square().multiply(y);
                } else if (d.x("x") > -1) {
                  return x.negate().multiply(y);
                }
                return x.sin().multiply(y);
              })
              .at(1.7, 0.5)
              .at(0.3, 0.5)
              .at(-0.4, -2.0)
              .at(-2.2, 1.5),
          GradientCase.of("elseIfWithoutBraces", "double x",
                  """
                  double r = 0;
                  if (x < -2) r = -x;
                  else if (x < 0) r = x * x;
                  else if (x < 2) r = Math.exp(x);
                  else r = 3 * x;
                  return r;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                double v = d.x("x");
                return v < -2 ? x.negate() : v < 0 ? x.square() : v < 2 ? x.exp() : x.multiply(3);
              })
              .at(-3.0)
              .at(-1.0)
              .at(1.0)
              .at(3.0),
          GradientCase.of("nestedOverwrite", "double x, double y",
                  """
                  double r = x * y;
                  if (x > 0) {
                    if (y > 0) {
                      r = r * x;
                    } else {
                      r = r + Math.exp(y);
                      r *= 2;
                    }
                  } else {
                    r = Math.sin(r);
                    if (x < -1) {
                      r = r * r;
                    }
                  }
                  return r + x;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                DerivativeStructure r = x.multiply(y);
                if (d.x("x") > 0) {
                  r = d.x("y") > 0 ? r.multiply(x) : r.add(y.exp()).multiply(2);
                } else {
                  r = r.sin();
                  if (d.x("x") < -1) {
                    r = r.square();
                  }
                }
                return r.add(x);
              })
              .at(1.5, 0.7)
              .at(1.5, -0.7)
              .at(-0.5, 0.3)
              .at(-1.5, 0.3)
              .at(-1.5, -2.5),
          GradientCase.of("overwriteDependsOnOld", "double x, double y",
                  """
                  double r = x * y;
                  double q = r * r;
                  if (q > 1) {
                    r = Math.log(q) * r;
                  } else {
                    r = r * 3 + q;
                  }
                  r = r * x;
                  return r + q;""")
              .oracle(d -> {
                DerivativeStructure r = d.v("x").multiply(d.v("y"));
                DerivativeStructure q = r.square();
                r = q.getValue() > 1 ? q.log().multiply(r) : r.multiply(3).add(q);
                return r.multiply(d.v("x")).add(q);
              })
              .at(2.0, 1.5)
              .at(0.5, 0.5)
              .at(-2.0, 1.5)
              .at(-0.5, 0.5),
          GradientCase.of("ternary", "double x, double y",
                  """
                  double r = x > y ? x * y : x - y;
                  return r * (y > 0 ? y : -2 * y);""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                DerivativeStructure r = d.x("x") > d.x("y") ? x.multiply(y) : x.subtract(y);
                return r.multiply(d.x("y") > 0 ? y : y.multiply(-2));
              })
              .at(2.0, 0.5)
              .at(2.0, -0.5)
              .at(0.5, 2.0)
              .at(-1.5, -0.5),
          GradientCase.of("nestedTernary", "double x, double y",
                  "return x > 0 ? (y > 0 ? x * y : x / (1 + y * y))"
                      + " : (y > 0 ? Math.sin(x) * y : x - y);")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                if (d.x("x") > 0) {
                  return d.x("y") > 0 ? x.multiply(y) : x.divide(y.square().add(1));
                }
                return d.x("y") > 0 ? x.sin().multiply(y) : x.subtract(y);
              })
              .at(1.5, 0.5)
              .at(1.5, -0.5)
              .at(-1.5, 0.5)
              .at(-1.5, -0.5),
          GradientCase.of("ternaryIntSign", "double x",
                  """
                  int k = x > 0 ? 1 : -1;
                  return k * x * x;""")
              .oracle(d -> d.v("x").square().multiply(d.x("x") > 0 ? 1 : -1))
              .at(1.5)
              .at(-1.5),
          GradientCase.of("andOrNot", "double x, double y",
                  """
                  if (x > 0 && y > 0) {
                    return x * y;
                  } else if (x < -1 || !(y < 1)) {
                    return x + y * y;
                  } else {
                    return Math.exp(x) * y;
                  }""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                double xv = d.x("x");
                double yv = d.x("y");
                if (xv > 0 && yv > 0) {
                  return x.multiply(y);
                } else if (xv < -1 || !(yv < 1)) {
                  return x.add(y.square());
                }
                return x.exp().multiply(y);
              })
              .at(1.0, 1.0) // &&: both true
              .at(1.0, -0.5) // && false on the right; || false, false
              .at(-2.0, -0.5) // || true on the left
              .at(-0.5, 2.0) // || true on the right (through !)
              .at(-0.5, 0.5), // everything false
          GradientCase.of("notAndOrMixed", "double x, double y",
                  """
                  double r = x;
                  if (!(x > y) && (y > 0 || x < -2)) {
                    r = r * y;
                  }
                  if (!(x < 0) || y < -1) {
                    r = r + y * x;
                  }
                  return r;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                DerivativeStructure r = x;
                double xv = d.x("x");
                double yv = d.x("y");
                if (!(xv > yv) && (yv > 0 || xv < -2)) {
                  r = r.multiply(y);
                }
                if (!(xv < 0) || yv < -1) {
                  r = r.add(y.multiply(x));
                }
                return r;
              })
              .at(0.5, 1.5)
              .at(-3.0, -2.5)
              .at(-3.0, -0.5)
              .at(1.5, 0.5)
              .at(-0.5, -1.5)
              .at(-0.5, -0.2),
          GradientCase.of("allComparisons", "double x, double y, int n",
                  """
                  double r = 0;
                  if (x < y) r += x;
                  if (x <= y) r += 2 * y;
                  if (x > y) r -= y * y;
                  if (x >= y) r += x * x * 3;
                  if (n == 2) r *= x;
                  if (n != 2) r += y * n;
                  return r;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                DerivativeStructure r = d.c(0);
                double xv = d.x("x");
                double yv = d.x("y");
                if (xv < yv) {
                  r = r.add(x).add(y.multiply(2));
                } else {
                  r = r.subtract(y.square()).add(x.square().multiply(3));
                }
                return d.i("n") == 2 ? r.multiply(x) : r.add(y.multiply(d.i("n")));
              })
              .at(0.5, 1.5, 2)
              .at(1.5, 0.5, 2)
              .at(0.5, 1.5, 3)
              .at(1.5, 0.5, -1),
          GradientCase.of("doubleEquality", "double x, double y",
                  """
                  if (x == y) {
                    return 0;
                  }
                  if (x != 0.5) {
                    return x * y;
                  }
                  return y;""")
              .oracle(d -> d.x("x") == d.x("y") ? d.c(0)
                  : d.x("x") != 0.5 ? d.v("x").multiply(d.v("y")) : d.v("y").add(d.v("x").multiply(0)))
              .at(1.5, 2.0)
              .pinned(GradientCase.args(1.5, 1.5), 0, 0)
              .pinned(GradientCase.args(0.5, 2.0), 0, 1),
          GradientCase.of("severalReturns", "double x, double y",
                  """
                  if (x > 2) {
                    return x * y;
                  }
                  double t = x * x;
                  if (t > 1) {
                    return t * y;
                  }
                  return y - t;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                if (d.x("x") > 2) {
                  return x.multiply(y);
                }
                DerivativeStructure t = x.square();
                return t.getValue() > 1 ? t.multiply(y) : y.subtract(t);
              })
              .at(3.0, 0.5)
              .at(-1.5, 0.5)
              .at(1.5, -0.5)
              .at(0.5, 0.5),
          GradientCase.of("earlyReturnConstant", "double x, double y",
                  """
                  if (x < 0) {
                    return 0;
                  }
                  return x * y;""")
              .oracle(d -> d.x("x") < 0 ? d.c(0).add(d.v("y").multiply(0))
                  : d.v("x").multiply(d.v("y")))
              .at(-1.0, 2.0)
              .at(1.0, 2.0),
          GradientCase.of("earlyReturnParameter", "double x, double y",
                  """
                  if (y > x) {
                    return y;
                  }
                  x = x * 2;
                  return x;""")
              .oracle(d -> d.x("y") > d.x("x") ? d.v("y").add(d.v("x").multiply(0))
                  : d.v("x").multiply(2).add(d.v("y").multiply(0)))
              .at(1.0, 2.0)
              .at(2.0, 1.0),
          GradientCase.of("ifWithoutElseOnParameter", "double x, double y",
                  """
                  if (x < 0) x = -x;
                  return x * y;""")
              .oracle(d -> (d.x("x") < 0 ? d.v("x").negate() : d.v("x")).multiply(d.v("y")))
              .at(-1.5, 0.5)
              .at(1.5, 0.5),
          GradientCase.of("swapInBranch", "double a, double b",
                  """
                  if (a > b) {
                    double t = a;
                    a = b;
                    b = t;
                  }
                  return a * 2 + b * b;""")
              .oracle(d -> {
                DerivativeStructure lo = Dual.min(d.v("a"), d.v("b"));
                DerivativeStructure hi = d.x("a") > d.x("b") ? d.v("a") : d.v("b");
                return lo.multiply(2).add(hi.square());
              })
              .at(1.0, 2.0)
              .at(2.0, 1.0),
          GradientCase.of("conditionOnComputedValue", "double x, double y",
                  """
                  double s = Math.sin(x);
                  if (s > 0.5) {
                    return s * y;
                  }
                  return s - y;""")
              .oracle(d -> d.v("x").sin().getValue() > 0.5 ? d.v("x").sin().multiply(d.v("y"))
                  : d.v("x").sin().subtract(d.v("y")))
              .at(1.5, 2.0)
              .at(0.2, 2.0)
              .at(-1.0, 2.0),
          GradientCase.of("branchOnIntAndLong", "double x, int n, long m",
                  """
                  double r = x;
                  if (n > 2 && m < 10L) {
                    r = r * r * n;
                  } else if (n < 0) {
                    r = r / n;
                  }
                  return r + m;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                if (d.i("n") > 2 && d.l("m") < 10) {
                  return x.square().multiply(d.i("n")).add(d.l("m"));
                } else if (d.i("n") < 0) {
                  return x.divide(d.i("n")).add(d.l("m"));
                }
                return x.add(d.l("m"));
              })
              .at(1.5, 3, 4L)
              .at(1.5, 3, 40L)
              .at(1.5, -2, 40L)
              .at(1.5, 1, 4L),
          GradientCase.of("loopFreeAccumulateInBranches", "double x, double y",
                  """
                  double acc = 0;
                  if (x > 0) {
                    acc += x;
                  } else {
                    acc -= x * 2;
                  }
                  if (y > 0) {
                    acc *= y;
                  } else {
                    acc /= y;
                  }
                  if (acc > 1) {
                    acc = Math.sqrt(acc);
                  }
                  return acc;""")
              .oracle(d -> {
                DerivativeStructure acc = d.x("x") > 0 ? d.v("x") : d.v("x").multiply(-2);
                acc = d.x("y") > 0 ? acc.multiply(d.v("y")) : acc.divide(d.v("y"));
                return acc.getValue() > 1 ? acc.sqrt() : acc;
              })
              .at(2.0, 1.5)
              .at(0.5, 0.5)
              .at(-2.0, -0.5)
              .at(-0.2, 1.5)
              .at(0.3, -0.5)
              .at(-1.0, 2.0));

  /**
   * Locals declared without an initializer and definitely assigned on every path (kept apart: if
   * the processor rejects them, only this group fails).
   */
  private static final CaseSuite DECLARED_LATER =
      CaseSuite.of(
          "adjtest.br.DeclaredLater",
          GradientCase.of("assignedInBothBranches", "double x, double y",
                  """
                  double a;
                  if (x > 0) {
                    a = x * y;
                  } else {
                    a = -x;
                  }
                  return a * y;""")
              .oracle(d -> (d.x("x") > 0 ? d.v("x").multiply(d.v("y")) : d.v("x").negate())
                  .multiply(d.v("y")))
              .at(1.5, 0.5)
              .at(-1.5, 0.5),
          GradientCase.of("elseIfChainUninitialized", "double x",
                  """
                  double r;
                  if (x < -2) r = -x;
                  else if (x < 0) r = x * x;
                  else r = Math.exp(x);
                  return r;""")
              .oracle(d -> d.x("x") < -2 ? d.v("x").negate()
                  : d.x("x") < 0 ? d.v("x").square() : d.v("x").exp())
              .at(-3.0)
              .at(-1.0)
              .at(1.0));

  /**
   * Operations that are only valid on the path that guards them: the generated code must not
   * evaluate them eagerly (an exception from int division) nor let an untaken branch's NaN or
   * infinity leak into the gradient (0 * NaN).
   */
  static final CaseSuite GUARDED =
      CaseSuite.of(
          "adjtest.br.Guarded",
          GradientCase.of("andGuardsIntDivision", "double x, int n",
                  """
                  if (n != 0 && 10 / n > 2) {
                    return x * x;
                  }
                  return x;""")
              .oracle(d -> d.i("n") != 0 && 10 / d.i("n") > 2 ? d.v("x").square() : d.v("x"))
              .at(1.5, 0)
              .at(1.5, 2)
              .at(1.5, 5),
          GradientCase.of("orGuardsIntDivision", "double x, int n",
                  """
                  if (n == 0 || 10 / n > 2) {
                    return x * x;
                  }
                  return x;""")
              .oracle(d -> d.i("n") == 0 || 10 / d.i("n") > 2 ? d.v("x").square() : d.v("x"))
              .at(1.5, 0)
              .at(1.5, 2)
              .at(1.5, 5),
          GradientCase.of("ternaryGuardsIntDivision", "double x, int n",
                  """
                  int q = n != 0 ? 10 / n : 0;
                  return q * x;""")
              .oracle(d -> d.v("x").multiply(d.i("n") != 0 ? 10 / d.i("n") : 0))
              .at(1.5, 0)
              .at(1.5, 3),
          GradientCase.of("ternarySqrtOfNegativeUntaken", "double x",
                  "return x > 0 ? Math.sqrt(x) : -x;")
              .oracle(d -> d.x("x") > 0 ? d.v("x").sqrt() : d.v("x").negate())
              .at(-1.0)
              .at(4.0),
          GradientCase.of("ternaryLogOfNegativeUntaken", "double x, double y",
                  """
                  double r = x > 0 ? Math.log(x) * y : x * y;
                  return r;""")
              .oracle(d -> d.x("x") > 0 ? d.v("x").log().multiply(d.v("y"))
                  : d.v("x").multiply(d.v("y")))
              .at(-2.0, 1.5)
              .at(2.0, 1.5),
          GradientCase.of("ternaryReciprocalOfZeroUntaken", "double x",
                  "return x > 1e-3 ? 1 / x : x;")
              .oracle(d -> d.x("x") > 1e-3 ? d.v("x").reciprocal() : d.v("x"))
              .at(0.0)
              .at(2.0),
          GradientCase.of("ifSqrtOfNegativeUntaken", "double x",
                  """
                  double s = 0;
                  if (x > 0) {
                    s = Math.sqrt(x);
                  }
                  return s + x;""")
              .oracle(d -> d.x("x") > 0 ? d.v("x").sqrt().add(d.v("x")) : d.v("x"))
              .at(-1.0)
              .at(4.0),
          GradientCase.of("andGuardsSqrtInCondition", "double x",
                  """
                  if (x > 0 && Math.sqrt(x) > 1) {
                    return x * 2;
                  }
                  return x * 3;""")
              .oracle(d -> d.x("x") > 0 && Math.sqrt(d.x("x")) > 1 ? d.v("x").multiply(2)
                  : d.v("x").multiply(3))
              .at(-1.0)
              .at(4.0)
              .at(0.25),
          GradientCase.of("acosGuarded", "double x",
                  "return x < 1 && x > -1 ? Math.acos(x) : x * x;")
              .oracle(d -> d.x("x") < 1 && d.x("x") > -1 ? d.v("x").acos() : d.v("x").square())
              .at(0.5)
              .at(3.0)
              .at(-3.0),
          GradientCase.of("conditionOnReassignedVariable", "double x, double y",
                  """
                  double r = x;
                  if (r > 0) {
                    r = r - 2;
                  }
                  if (r > 0) {
                    r = r * y;
                  } else {
                    r = r * r;
                  }
                  return r;""")
              .oracle(d -> {
                DerivativeStructure r = d.v("x");
                if (r.getValue() > 0) {
                  r = r.subtract(2);
                }
                return r.getValue() > 0 ? r.multiply(d.v("y")) : r.square();
              })
              .at(1.0, 3.0)
              .at(3.0, 3.0)
              .at(-1.0, 3.0),
          GradientCase.of("ternaryInCondition", "double x, double y",
                  """
                  if ((x > 0 ? y : -y) > 1) {
                    return x * y;
                  }
                  return x - y;""")
              .oracle(d -> (d.x("x") > 0 ? d.x("y") : -d.x("y")) > 1
                  ? d.v("x").multiply(d.v("y")) : d.v("x").subtract(d.v("y")))
              .at(1.0, 2.0)
              .at(-1.0, 2.0)
              .at(-1.0, -2.0)
              .at(1.0, 0.5),
          GradientCase.of("booleanLocalsAndEquality", "double x, double y, boolean f",
                  """
                  boolean big = x * y > 1;
                  if (big && f == true && !!f) {
                    return x * y;
                  }
                  return big ? y : x;""")
              .oracle(d -> {
                boolean big = d.x("x") * d.x("y") > 1;
                if (big && d.b("f")) {
                  return d.v("x").multiply(d.v("y"));
                }
                return big ? d.v("y").add(d.v("x").multiply(0)) : d.v("x").add(d.v("y").multiply(0));
              })
              .at(2.0, 1.0, true)
              .at(2.0, 1.0, false)
              .at(0.2, 1.0, true),
          GradientCase.of("nestedReturns", "double x, double y",
                  """
                  double r = x;
                  if (x > 0) {
                    if (y > 0) {
                      r = r * y;
                      if (r > 1) {
                        return r;
                      }
                    } else {
                      return -r;
                    }
                    r = r + 1;
                  } else if (y > 0) {
                    return y * y;
                  }
                  return r * x;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                DerivativeStructure r = x;
                if (d.x("x") > 0) {
                  if (d.x("y") > 0) {
                    r = r.multiply(y);
                    if (r.getValue() > 1) {
                      return r;
                    }
                  } else {
                    return r.negate();
                  }
                  r = r.add(1);
                } else if (d.x("y") > 0) {
                  return y.square();
                }
                return r.multiply(x);
              })
              .at(2.0, 1.5)
              .at(0.5, 0.5)
              .at(1.0, -1.0)
              .at(-1.0, 2.0)
              .at(-1.0, -2.0),
          GradientCase.of("constantCondition", "double x, double y",
                  """
                  if (true) {
                    return x * y;
                  }
                  return y;""")
              .oracle(d -> d.v("x").multiply(d.v("y")))
              .at(1.5, 2.0));

  @TestFactory
  Stream<DynamicNode> guardedOperations() {
    return GUARDED.tests();
  }

  @TestFactory
  Stream<DynamicNode> branches() {
    return BRANCHES.tests();
  }

  @TestFactory
  Stream<DynamicNode> localsDeclaredWithoutInitializer() {
    return DECLARED_LATER.tests();
  }
}
