package dev.adjoint.processor.optimize;

import static dev.adjoint.processor.optimize.Ir.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's work on a long straight-line method grows linearly with its length, counted
 * (never timed): the number of rounds of its passes does not grow with the method, and each
 * expression is simplified a bounded number of times.
 */
class OptimizerCostTest {
  private final Var x = param("x");
  private final Var value = new Var("value", Type.DOUBLE, Var.Role.RESULT);
  private final Var xBar = adjoint("xBar");

  @Test
  void roundsDoNotGrowWithTheMethod() {
    int small = optimize(20).rounds;
    int large = optimize(2000).rounds;
    assertEquals(small, large);
    assertTrue(large <= 6, "rounds: " + large);
  }

  @Test
  void eachExpressionIsSimplifiedABoundedNumberOfTimes() {
    int n = 1000;
    Run run = optimize(n);
    assertTrue(run.context.simplifications <= 12 * n, "simplifications: "
        + run.context.simplifications);
  }

  @Test
  void theChainFoldsIntoTheSumsAndOneAdjoint() {
    int n = 300;
    Run run = optimize(n);
    // Forward: the user's partial sums and the result; backward: x̄ as one expression.
    assertEquals(n + 1, run.out.forward().size());
    assertEquals(1, run.out.backward().size());
    Stmt.Assign last = (Stmt.Assign) run.out.backward().get(0);
    assertEquals(xBar, last.target());
  }

  private record Run(Sweeps out, Context context, int rounds) {}

  /** On a large stack, as the processor runs: x̄'s sum is thousands of terms deep. */
  private Run optimize(int n) {
    Run[] out = new Run[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        Optimizer optimizer = Optimizer.standard();
        Context context = new Context(Set.of(value, xBar));
        Sweeps result = optimizer.run(chain(n), context);
        out[0] = new Run(result, context, optimizer.rounds);
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "optimizer", 1L << 28);
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

  /**
   * {@code s_k = s_{k-1} + x * c_k} as lowering and reverse mode write it: a product temporary
   * per term, a named partial sum, and a backward sweep of adjoint copies adding into x̄.
   */
  private Sweeps chain(int n) {
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> backward = new ArrayList<>();
    Var previous = x;
    for (int k = 1; k <= n; k++) {
      Var p = temp("p" + k);
      forward.add(set(p, mul(ref(x), c(k))));
      Var s = local("s" + k);
      forward.add(set(s, add(ref(previous), ref(p))));
      previous = s;
    }
    forward.add(set(value, ref(previous)));
    backward.add(set(xBar, c(0)));
    List<Var> sumBars = new ArrayList<>();
    List<Var> productBars = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      Var sBar = adjoint("s" + k + "Bar");
      Var pBar = adjoint("p" + k + "Bar");
      sumBars.add(sBar);
      productBars.add(pBar);
      backward.add(set(sBar, c(0)));
      backward.add(set(pBar, c(0)));
    }
    backward.add(set(sumBars.get(n - 1), c(1)));
    for (int k = n; k >= 1; k--) {
      Var sBar = sumBars.get(k - 1);
      Var pBar = productBars.get(k - 1);
      // s_k = s_{k-1} + p_k
      backward.add(inc(pBar, ref(sBar)));
      if (k > 1) {
        backward.add(inc(sumBars.get(k - 2), ref(sBar)));
      } else {
        backward.add(inc(xBar, ref(sBar)));
      }
      // p_k = x * c_k
      backward.add(inc(xBar, mul(ref(pBar), c(k))));
    }
    return sweeps(forward, backward);
  }
}
