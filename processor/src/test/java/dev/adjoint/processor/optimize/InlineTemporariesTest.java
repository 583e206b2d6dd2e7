package dev.adjoint.processor.optimize;

import static dev.adjoint.processor.optimize.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineTemporariesTest {
  private final Var x = param("x");
  private final Var y = param("y");
  private final Var value = new Var("value", dev.adjoint.processor.ir.Type.DOUBLE,
      Var.Role.RESULT);
  private final Var t1 = temp("t1");
  private final Var t2 = temp("t2");

  @Test
  void aChainOfTemporariesFoldsIntoItsUseInOnePass() {
    InlineTemporaries pass = new InlineTemporaries();
    Sweeps out = run(pass, sweeps(List.of(
        set(t1, mul(ref(x), ref(y))),
        set(t2, add(ref(t1), ref(x))),
        set(value, sin(ref(t2)))), List.of()), value);
    assertEquals(List.of(set(value, sin(add(mul(ref(x), ref(y)), ref(x))))), out.forward());
    assertEquals(2, pass.inlined);
  }

  @Test
  void aForwardTemporaryMovesIntoTheBackwardSweep() {
    Var xBar = adjoint("xBar");
    Sweeps out = run(new InlineTemporaries(), sweeps(
        List.of(set(t1, mul(ref(x), ref(y))), set(value, ref(t1))),
        List.of(set(xBar, mul(c(2), ref(t1))))), value, xBar);
    assertEquals(List.of(set(value, mul(ref(x), ref(y)))), out.forward());
    assertEquals(List.of(set(xBar, mul(c(2), mul(ref(x), ref(y))))), out.backward());
  }

  @Test
  void aPopStaysWhereItIs() {
    Sweeps in = sweeps(List.of(), List.of(set(t1, pop()), set(value, mul(ref(t1), c(2)))));
    assertSame(in, run(new InlineTemporaries(), in, value));
  }

  @Test
  void aPullbackCallStaysWhereItIs() {
    Sweeps in = sweeps(List.of(), List.of(
        set(t1, pullback(ref(x))), set(value, mul(ref(t1), c(2)))));
    assertSame(in, run(new InlineTemporaries(), in, value));
  }

  @Test
  void notPastAWriteOfWhatTheValueReads() {
    Var a = local("a");
    Sweeps in = sweeps(List.of(
        set(a, ref(x)),
        set(t1, mul(ref(a), ref(y))),
        set(a, c(3)),
        set(value, add(ref(t1), ref(a)))), List.of());
    assertSame(in, run(new InlineTemporaries(), in, value));
  }

  @Test
  void aLoadNotPastAStoreIntoItsArray() {
    Var arr = array("arr", Var.Role.PARAM);
    Var i = index("i");
    Sweeps in = sweeps(List.of(
        set(t1, at(arr, i)),
        store(arr, i, c(0), false),
        set(value, mul(ref(t1), ref(t1)))), List.of());
    Sweeps out = run(new InlineTemporaries(), in, value);
    assertEquals(in, out);
  }

  @Test
  void neverIntoALoop() {
    Var i = index("i");
    Var s = local("s");
    Sweeps in = sweeps(List.of(
        set(t1, sin(ref(x))),
        loop(less(ref(i), ref(i)), List.of(set(s, add(ref(s), ref(t1)))))), List.of());
    assertEquals(in, run(new InlineTemporaries(), in, s));
  }

  @Test
  void anAdjointReadTwiceKeepsItsNameUnlessItIsOneProduct() {
    Var aBar = adjoint("aBar");
    Var xBar = adjoint("xBar");
    Var yBar = adjoint("yBar");
    Sweeps sum = sweeps(List.of(), List.of(
        set(aBar, add(ref(x), ref(y))),
        set(xBar, mul(ref(aBar), ref(y))),
        set(yBar, mul(ref(aBar), ref(x)))));
    assertEquals(sum, run(new InlineTemporaries(), sum, xBar, yBar));
    Sweeps product = sweeps(List.of(), List.of(
        set(aBar, mul(ref(x), ref(y))),
        set(xBar, mul(ref(aBar), ref(y))),
        set(yBar, mul(ref(aBar), ref(x)))));
    assertEquals(List.of(set(xBar, mul(mul(ref(x), ref(y)), ref(y))),
        set(yBar, mul(mul(ref(x), ref(y)), ref(x)))),
        run(new InlineTemporaries(), product, xBar, yBar).backward());
  }

  @Test
  void anAdjointReadThreeTimesKeepsItsName() {
    Var aBar = adjoint("aBar");
    Var xBar = adjoint("xBar");
    Var yBar = adjoint("yBar");
    Sweeps in = sweeps(List.of(), List.of(
        set(aBar, mul(ref(x), ref(y))),
        set(xBar, mul(ref(aBar), ref(y))),
        set(yBar, mul(ref(aBar), ref(aBar)))));
    assertEquals(in, run(new InlineTemporaries(), in, xBar, yBar));
  }

  @Test
  void aLongValueMovesIntoItsNegation() {
    // negatedBar = -(long); zBar = -negatedBar: a negation's adjoint folds into zBar = long.
    Var negatedBar = adjoint("negatedBar");
    Var zBar = adjoint("zBar");
    Expr value = neg(longSum());
    Sweeps out = run(new InlineTemporaries(), sweeps(List.of(), List.of(
        set(negatedBar, value), set(zBar, neg(ref(negatedBar))))), zBar);
    assertEquals(List.of(set(zBar, neg(value))), out.backward());
  }

  @Test
  void aLongValueKeepsItsNameWhereItIsOperatedOn() {
    Var negatedBar = adjoint("negatedBar");
    Var zBar = adjoint("zBar");
    Sweeps in = sweeps(List.of(), List.of(
        set(negatedBar, neg(longSum())), set(zBar, mul(ref(negatedBar), ref(x)))));
    assertEquals(in, run(new InlineTemporaries(), in, zBar));
  }

  /** x * y + x * y + ...: more nodes than {@link InlineTemporaries#MAX_INLINED_SIZE}. */
  private Expr longSum() {
    Expr sum = mul(ref(x), ref(y));
    while (size(sum) <= InlineTemporaries.MAX_INLINED_SIZE) {
      sum = add(sum, mul(ref(x), ref(y)));
    }
    return sum;
  }

  private static int size(Expr e) {
    int n = 1;
    for (Expr child : dev.adjoint.processor.ir.Exprs.children(e)) {
      n += size(child);
    }
    return n;
  }

  private static Expr neg(Expr e) {
    return new Expr.Unary(dev.adjoint.processor.ir.Op.NEG, e);
  }

  @Test
  void aUserLocalKeepsItsName() {
    Var a = local("a");
    Sweeps in = sweeps(List.of(set(a, mul(ref(x), ref(y))), set(value, ref(a))), List.of());
    Sweeps out = run(new InlineTemporaries(), in, value);
    assertEquals(in, out);
  }

  @Test
  void notOutOfABranchItDoesNotDominate() {
    Stmt branch = iff(less(ref(x), c(0)), List.of(set(t1, sin(ref(x)))), List.of());
    Sweeps in = sweeps(List.of(set(t1, c(0)), branch, set(value, ref(t1))), List.of());
    assertEquals(in, run(new InlineTemporaries(), in, value));
  }
}
