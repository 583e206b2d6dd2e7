package dev.adjoint.processor.optimize;

import static dev.adjoint.processor.optimize.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One pass at a time on hand-built IR: what each rewrites, and where it must not. */
class PassesTest {
  private final Var x = param("x");
  private final Var y = param("y");
  private final Var value = new Var("value", Type.DOUBLE, Var.Role.RESULT);
  private final Var xBar = adjoint("xBar");
  private final Var vBar = adjoint("vBar");
  private final Var t = temp("t");

  @Test
  void foldRewritesTheBackwardSweepOnly() {
    Sweeps out = run(new Fold(), sweeps(
        List.of(set(value, mul(ref(x), c(1)))),
        List.of(set(xBar, mul(ref(y), c(1))))), value, xBar);
    assertEquals(List.of(set(value, mul(ref(x), c(1)))), out.forward());
    assertEquals(List.of(set(xBar, ref(y))), out.backward());
  }

  @Test
  void deadCodeDropsWhatNothingReads() {
    Sweeps out = run(new DeadCode(), sweeps(
        List.of(set(t, sin(ref(x))), set(value, ref(x))),
        List.of(set(vBar, ref(y)), set(xBar, ref(x)))), value, xBar);
    assertEquals(sweeps(List.of(set(value, ref(x))), List.of(set(xBar, ref(x)))), out);
  }

  @Test
  void deadCodeKeepsEffectsAndMemory() {
    Var arr = array("arr", Var.Role.PARAM);
    Var i = index("i");
    Sweeps in = sweeps(
        List.of(new Stmt.Push(ref(x), SRC), set(t, pop()), store(arr, i, ref(y), true)),
        List.of(new Stmt.Evaluate(pullback(ref(x)), SRC)));
    assertSame(in, run(new DeadCode(), in));
  }

  @Test
  void deadCodeDropsABranchLeftEmpty() {
    Sweeps out = run(new DeadCode(), sweeps(List.of(
        iff(less(ref(x), c(0)), List.of(set(t, ref(y))), List.of()),
        set(value, ref(x))), List.of()), value);
    assertEquals(List.of(set(value, ref(x))), out.forward());
  }

  @Test
  void dropCopyBackRemovesACopyOfAnUnchangedCopy() {
    Var w = adjoint("w");
    Var v = adjoint("v");
    Sweeps out = run(new DropCopyBack(), sweeps(List.of(), List.of(
        set(w, ref(x)), set(v, ref(w)), set(xBar, ref(v)), set(w, ref(v)))), w, xBar);
    assertEquals(List.of(set(w, ref(x)), set(v, ref(w)), set(xBar, ref(v))), out.backward());
  }

  @Test
  void dropCopyBackKeepsTheCopyAfterAWrite() {
    Var w = adjoint("w");
    Var v = adjoint("v");
    Sweeps in = sweeps(List.of(), List.of(
        set(w, ref(x)), set(v, ref(w)), set(w, ref(y)), set(w, ref(v))));
    assertSame(in, run(new DropCopyBack(), in, w));
  }

  @Test
  void mergeAccumulationsFoldsARunIntoOneSum() {
    Sweeps out = run(new MergeAccumulations(), sweeps(List.of(), List.of(
        set(vBar, c(0)), inc(vBar, ref(x)), inc(vBar, ref(y)), inc(vBar, sin(ref(x))))), vBar);
    assertEquals(List.of(set(vBar, add(add(add(c(0), ref(x)), ref(y)), sin(ref(x))))),
        out.backward());
  }

  @Test
  void mergeAccumulationsAddsARunOfAdditionsOnce() {
    // vBar already holds other terms (a loop's): the run becomes one addition into it.
    Sweeps out = run(new MergeAccumulations(), sweeps(List.of(), List.of(
        inc(vBar, ref(x)), set(xBar, ref(y)), inc(vBar, ref(y)))), vBar, xBar);
    assertEquals(List.of(set(xBar, ref(y)), inc(vBar, add(ref(x), ref(y)))), out.backward());
  }

  @Test
  void mergeAccumulationsKeepsAnAdditionBeforeAWriteOfWhatItReads() {
    Var a = adjoint("aBar");
    Sweeps in = sweeps(List.of(), List.of(
        inc(vBar, ref(a)), set(a, ref(y)), inc(vBar, ref(x))));
    assertSame(in, run(new MergeAccumulations(), in, vBar, a));
  }

  @Test
  void mergeAccumulationsStopsAtAWriteOfWhatTheSumReads() {
    Var a = adjoint("aBar");
    Sweeps in = sweeps(List.of(), List.of(
        set(vBar, ref(a)), set(a, ref(y)), inc(vBar, ref(x))));
    assertSame(in, run(new MergeAccumulations(), in, vBar, a));
  }

  @Test
  void mergeAccumulationsKeepsAPullbacksPlace() {
    // A pullback call's effect merges only with the very next statement.
    Sweeps in = sweeps(List.of(), List.of(
        set(vBar, pullback(ref(x))), set(xBar, ref(y)), inc(vBar, ref(x))));
    assertSame(in, run(new MergeAccumulations(), in, vBar, xBar));
  }

  @Test
  void mergeElementUpdatesAddsIntoAnElementOnce() {
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Sweeps out = run(new MergeElementUpdates(), sweeps(List.of(), List.of(
        store(arrBar, i, ref(x), true), set(xBar, ref(y)), store(arrBar, i, ref(y), true))));
    assertEquals(List.of(set(xBar, ref(y)), store(arrBar, i, add(ref(x), ref(y)), true)),
        out.backward());
  }

  @Test
  void mergeElementUpdatesFoldsAResetIntoTheFirstAddition() {
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Sweeps out = run(new MergeElementUpdates(), sweeps(List.of(), List.of(
        store(arrBar, i, c(0), false), set(xBar, ref(y)), store(arrBar, i, ref(y), true))));
    assertEquals(List.of(set(xBar, ref(y)), store(arrBar, i, add(c(0), ref(y)), false)),
        out.backward());
  }

  @Test
  void mergeElementUpdatesKeepsAResetBeforeAnotherIndexOrAReadOfTheArray() {
    // j may be i: the addition into arrBar[j] must land after the reset.
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Var j = index("j");
    Sweeps otherIndex = sweeps(List.of(), List.of(store(arrBar, i, c(0), false),
        store(arrBar, j, ref(x), true), store(arrBar, i, ref(y), true)));
    assertSame(otherIndex, run(new MergeElementUpdates(), otherIndex));
    Sweeps readsElement = sweeps(List.of(), List.of(store(arrBar, i, c(0), false),
        store(arrBar, i, at(arrBar, i), true)));
    assertSame(readsElement, run(new MergeElementUpdates(), readsElement));
  }

  @Test
  void mergeElementUpdatesNotAcrossAPop() {
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Sweeps in = sweeps(List.of(), List.of(
        store(arrBar, i, ref(x), true), set(t, pop()), store(arrBar, i, ref(y), true)));
    assertSame(in, run(new MergeElementUpdates(), in));
  }

  @Test
  void dropSelfStoresDropsAnElementWrittenBackUnchanged() {
    // double sumBar = KBar[i]; xBar += sumBar; KBar[i] = sumBar;
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Sweeps out = run(new DropSelfStores(), sweeps(List.of(), List.of(
        set(vBar, at(arrBar, i)), inc(xBar, ref(vBar)), store(arrBar, i, ref(vBar), false))));
    assertEquals(List.of(set(vBar, at(arrBar, i)), inc(xBar, ref(vBar))), out.backward());
  }

  @Test
  void dropSelfStoresFollowsACopyOfTheLoadedValue() {
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Sweeps out = run(new DropSelfStores(), sweeps(List.of(), List.of(
        set(vBar, at(arrBar, i)), set(xBar, ref(vBar)), store(arrBar, i, ref(xBar), false))));
    assertEquals(List.of(set(vBar, at(arrBar, i)), set(xBar, ref(vBar))), out.backward());
  }

  @Test
  void dropSelfStoresKeepsAStoreAfterAnythingThatMayChangeTheElement() {
    Var arrBar = array("arrBar", Var.Role.ADJOINT);
    Var i = index("i");
    Var j = index("j");
    // another store (j may be i), the index reassigned, the loaded value reassigned, an
    // accumulating store
    for (Stmt between : List.of(store(arrBar, j, ref(x), true), set(i, ref(j)),
        inc(vBar, ref(y)))) {
      Sweeps in = sweeps(List.of(), List.of(
          set(vBar, at(arrBar, i)), between, store(arrBar, i, ref(vBar), false)));
      assertSame(in, run(new DropSelfStores(), in), between.toString());
    }
    Sweeps accumulating = sweeps(List.of(), List.of(
        set(vBar, at(arrBar, i)), store(arrBar, i, ref(vBar), true)));
    assertSame(accumulating, run(new DropSelfStores(), accumulating));
  }

  @Test
  void sinkInitsMovesAnInitialisationIntoTheBranchThatUsesIt() {
    Context context = new Context(java.util.Set.of(xBar));
    Stmt branch = iff(less(ref(x), c(0)),
        List.of(inc(vBar, ref(y)), inc(xBar, ref(vBar))), List.of());
    Sweeps in = sweeps(List.of(), List.of(set(xBar, c(0)), set(vBar, c(0)), branch));
    Sweeps live = new DeadCode().apply(in, context);
    Sweeps out = new SinkInits().apply(live, context);
    assertEquals(List.of(set(xBar, c(0)), iff(less(ref(x), c(0)),
        List.of(set(vBar, c(0)), inc(vBar, ref(y)), inc(xBar, ref(vBar))), List.of())),
        out.backward());
  }

  @Test
  void sinkInitsKeepsAnInitialisationReadAfterTheBranch() {
    Context context = new Context(java.util.Set.of(vBar));
    Stmt branch = iff(less(ref(x), c(0)), List.of(inc(vBar, ref(y))), List.of());
    Sweeps in = new DeadCode().apply(
        sweeps(List.of(), List.of(set(vBar, c(0)), branch)), context);
    assertSame(in, new SinkInits().apply(in, context));
  }

  @Test
  void sinkInitsMovesAnInitialisationIntoALoopWhoseBranchesReset() {
    // The adjoint of a temporary defined under an if in a loop: reset where it was defined.
    Context context = new Context(java.util.Set.of(xBar));
    Stmt body = iff(less(ref(x), c(0)),
        List.of(inc(vBar, ref(y)), inc(xBar, ref(vBar)), set(vBar, c(0))), List.of());
    Sweeps in = new DeadCode().apply(sweeps(List.of(), List.of(set(xBar, c(0)),
        set(vBar, c(0)), loop(less(ref(x), ref(y)), List.of(body)))), context);
    Sweeps out = new SinkInits().apply(in, context);
    assertEquals(List.of(set(xBar, c(0)),
        loop(less(ref(x), ref(y)), List.of(set(vBar, c(0)), body))), out.backward());
  }

  @Test
  void sinkInitsKeepsAnInitialisationALoopCarriesThroughABranch() {
    // vBar += y before the if, which resets it on one branch only: the sum crosses iterations.
    Context context = new Context(java.util.Set.of(xBar));
    Stmt branch = iff(less(ref(x), c(0)), List.of(inc(xBar, ref(vBar)), set(vBar, c(0))),
        List.of());
    Sweeps in = new DeadCode().apply(sweeps(List.of(), List.of(set(xBar, c(0)),
        set(vBar, c(0)), loop(less(ref(x), ref(y)), List.of(inc(vBar, ref(y)), branch)))),
        context);
    assertSame(in, new SinkInits().apply(in, context));
  }

  @Test
  void sinkInitsKeepsAnInitialisationWhenALoopThatMayNotRunResetsIt() {
    // vBar += y, then a branch whose inner loop resets vBar: zero trips leave y in vBar.
    Context context = new Context(java.util.Set.of(xBar));
    Stmt inner = loop(less(ref(x), ref(y)), List.of(inc(xBar, ref(vBar)), set(vBar, c(0))));
    Stmt branch = iff(less(ref(x), c(0)), List.of(inner), List.of(set(vBar, c(0))));
    Sweeps in = new DeadCode().apply(sweeps(List.of(), List.of(set(xBar, c(0)),
        set(vBar, c(0)), loop(less(ref(x), ref(y)), List.of(inc(vBar, ref(y)), branch)))),
        context);
    assertSame(in, new SinkInits().apply(in, context));
  }

  @Test
  void optimizerMergesAndInlinesTheChainRulesTerms() {
    // value = w * v * v as reverse mode writes it: the adjoints fold into one line for w̄.
    Var w = param("w");
    Var v = local("v");
    Var wBar = adjoint("wBar");
    Var product = temp("product");
    Var productBar = adjoint("productBar");
    Var sBar = adjoint("sBar");
    Sweeps in = sweeps(List.of(set(product, mul(ref(w), ref(v))),
        set(value, mul(ref(product), ref(v)))), List.of(
        set(wBar, c(0)), set(productBar, c(0)), set(sBar, c(1)),
        inc(productBar, mul(ref(sBar), ref(v))),
        inc(wBar, mul(ref(productBar), ref(v)))));
    Sweeps out = Optimizer.standard().run(in, new Context(java.util.Set.of(value, wBar)));
    assertEquals(List.of(set(wBar, mul(ref(v), ref(v)))), out.backward());
  }
}
