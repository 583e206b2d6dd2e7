package dev.adjoint.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simplifier's work on a long straight-line method grows linearly with its length: counted
 * in passes over the body and in expression simplifications, never timed. And batching the
 * inlinings changes nothing: the result is the one-inlining-per-pass fixpoint's.
 */
class SimplifierCostTest {
  private static final SourceRef SRC = SourceRef.NONE;

  private final Var x = new Var("x", Type.DOUBLE, Var.Role.PARAM);
  private final Var value = new Var("value", Type.DOUBLE, Var.Role.RESULT);
  private final Var xBar = new Var("xBar", Type.DOUBLE, Var.Role.ADJOINT);

  @Test
  void aLongForwardChainIsInlinedInAFewPasses() {
    int n = 900;
    Simplifier s = run(sum(n, false), Set.of(value), true);
    // A product x*x*c used twice (every 21st) is neither cheap nor used once: it stays.
    int kept = n / 21;
    assertEquals(n - kept, s.inlinings);
    assertEquals(n - kept, s.rounds);
    assertTrue(s.passes <= 4, "passes over the body: " + s.passes);
    // The sums and the result are the user's; the other products went into their sums.
    assertEquals(n + 2 + kept, s.result.body().size());
  }

  @Test
  void aBatchStopsWhereTheFixpointsBoundOnRoundsDid() {
    Simplifier s = run(sum(2000, false), Set.of(value), true);
    assertEquals(1000, s.inlinings);
    assertEquals(1000, s.rounds);
    assertTrue(s.passes <= 4, "passes over the body: " + s.passes);
  }

  @Test
  void unchangedStatementsAreNotSimplifiedAgain() {
    int n = 300;
    Simplifier s = run(sum(n, true), Set.of(value, xBar), true);
    // Hundreds of passes over a backward sweep of about 3n statements; each statement is
    // simplified a bounded number of times, not once per pass.
    assertTrue(s.passes > 100, "passes: " + s.passes);
    assertTrue(s.simplifications <= 10 * n, "simplifications: " + s.simplifications);
  }

  @Test
  void batchingGivesTheOneAtATimeResult() {
    for (int n : new int[] {1, 2, 3, 10, 60, 150}) {
      for (boolean backward : new boolean[] {false, true}) {
        Function fn = sum(n, backward);
        Set<Var> roots = backward ? Set.of(value, xBar) : Set.of(value);
        Simplifier batched = run(fn, roots, true);
        Simplifier single = run(fn, roots, false);
        assertEquals(single.result, batched.result, "n = " + n + ", backward = " + backward);
        assertEquals(single.rounds, batched.rounds);
      }
    }
  }

  /**
   * {@code value = x + x*c1 + x*x*c2 + ...} as lowering and the reverse mode write it: a
   * product temporary per term (some used twice), a named partial sum, and, if {@code
   * backward}, a backward sweep of adjoint copies adding into {@code x̄}.
   */
  private Function sum(int n, boolean backward) {
    List<Stmt> body = new ArrayList<>();
    Var previous = x;
    List<Var> products = new ArrayList<>();
    List<Var> sums = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      Var p = new Var("p" + k, Type.DOUBLE, Var.Role.TEMP);
      Expr term = k % 3 == 0 ? mul(mul(ref(x), ref(x)), c(k)) : mul(ref(x), c(k));
      body.add(Stmt.Assign.set(p, term, SRC));
      Var s = new Var("s" + k, Type.DOUBLE, Var.Role.LOCAL);
      Expr added = k % 7 == 0 ? new Expr.Binary(Op.SUB, add(ref(previous), ref(p)), ref(p))
          : add(ref(previous), ref(p));
      body.add(Stmt.Assign.set(s, added, SRC));
      products.add(p);
      sums.add(s);
      previous = s;
    }
    body.add(Stmt.Assign.set(value, ref(previous), SRC));
    body.add(new Stmt.Section("backward sweep", SRC));
    if (backward) {
      body.add(Stmt.Assign.set(xBar, c(0), SRC));
      Var sBar = new Var("valueBar", Type.DOUBLE, Var.Role.ADJOINT);
      body.add(Stmt.Assign.set(sBar, c(1), SRC));
      for (int k = n; k >= 1; k--) {
        Var pBar = new Var("pBar" + k, Type.DOUBLE, Var.Role.ADJOINT);
        body.add(Stmt.Assign.set(pBar, ref(sBar), SRC));
        Var before = new Var("sBar" + (k - 1), Type.DOUBLE, Var.Role.ADJOINT);
        body.add(Stmt.Assign.set(before, ref(sBar), SRC));
        Expr partial = k % 3 == 0 ? mul(mul(ref(pBar), c(k)), mul(c(2), ref(x)))
            : mul(ref(pBar), c(k));
        body.add(Stmt.Assign.add(xBar, partial, SRC));
        sBar = before;
      }
      body.add(Stmt.Assign.add(xBar, ref(sBar), SRC));
    }
    return new Function("f", List.of(x), body, value);
  }

  /** On a large stack, as the processor runs: x̄'s sum is thousands of terms deep. */
  private static Simplifier run(Function fn, Set<Var> roots, boolean batching) {
    Simplifier[] out = new Simplifier[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        out[0] = Simplifier.run(fn, roots, batching);
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "simplifier", 1L << 28);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
    return out[0];
  }

  private static Expr ref(Var v) {
    return Exprs.ref(v);
  }

  private static Expr c(double v) {
    return Expr.Const.ofDouble(v);
  }

  private static Expr mul(Expr a, Expr b) {
    return new Expr.Binary(Op.MUL, a, b);
  }

  private static Expr add(Expr a, Expr b) {
    return new Expr.Binary(Op.ADD, a, b);
  }
}
