package dev.adjoint.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recursion under split reversal: each level's forward sweep runs once ({@code fRecord}), so the
 * gradient runs the body as often as the primal (linear in depth: counted with a helper that
 * counts its calls, not timed), and it nests as many frames as the primal, so depth 4,000 fits
 * in a stack a small multiple of the primal's. Before, each level's pullback ran the primal of
 * the levels below again: n(n+1)/2 calls of the body.
 */
class DeepRecursionTest {

  private static final String CLASS = "adjtest.split.deep.Deep";

  private static final String SOURCE = String.join("\n",
      "package adjtest.split.deep;",
      "import dev.adjoint.Differentiable;",
      "public final class Deep {",
      "  static int calls;",
      "  static int tick(int n) { calls++; return n; }",
      "  @Differentiable",
      "  public static double pow(double x, int n) {",
      "    if (tick(n) == 0) { return 1.0; }",
      "    return x * pow(x, n - 1);",
      "  }",
      "  @Differentiable",
      "  public static double fib(double x, int n) {",
      "    if (tick(n) <= 1) { return x; }",
      "    return Math.sin(fib(x, n - 1)) + fib(x * 0.5, n - 2);",
      "  }",
      "}");

  private static Compiled compile(String analyses) {
    return InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(new JavaSource(CLASS, SOURCE));
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void gradientRunsEachLevelOnce(String analyses) throws Exception {
    Compiled compiled = compile(analyses);
    Field calls = compiled.loadClass(CLASS).getDeclaredField("calls");
    calls.setAccessible(true);
    AdjointMethod pow = compiled.method(CLASS, "pow");
    AdjointMethod fib = compiled.method(CLASS, "fib");
    for (int n : new int[] {0, 1, 10, 100}) {
      calls.setInt(null, 0);
      double value = pow.call(1.001, n);
      int primal = calls.getInt(null);
      calls.setInt(null, 0);
      Object[] record = pow.recordComponentValues(1.001, n);
      assertEquals(primal, calls.getInt(null), "pow at depth " + n);
      assertEquals(value, (double) record[0], 1e-12);
      assertEquals(n * Math.pow(1.001, n - 1), (double) record[1], 1e-9 * Math.max(1, n));
    }
    for (int n : new int[] {2, 12}) {
      calls.setInt(null, 0);
      double value = fib.call(0.7, n);
      int primal = calls.getInt(null);
      calls.setInt(null, 0);
      Object[] record = fib.recordComponentValues(0.7, n);
      assertEquals(primal, calls.getInt(null), "fib at depth " + n);
      assertEquals(value, (double) record[0], 1e-12);
      double h = 1e-6;
      double fd = (fib.call(0.7 + h, n) - fib.call(0.7 - h, n)) / (2 * h);
      assertEquals(fd, (double) record[1], 1e-6 * Math.max(1, Math.abs(fd)));
    }
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void depth4000FitsWhereThePrimalFits(String analyses) throws Exception {
    AdjointMethod pow = compile(analyses).method(CLASS, "pow");
    int depth = 4_000;
    double x = 1.0001;
    // The smallest stack of a ladder on which the primal runs at this depth. The gradient
    // nests as many frames as the primal, each larger (an interpreted fReverse frame holds the
    // seed, the adjoints and the stacks: about twice the primal's), so it gets four times that.
    long primal = 64 * 1024;
    while (!fits(primal, () -> pow.call(x, depth))) {
      primal *= 2;
    }
    Object[] record = onStack(4 * primal, () -> pow.recordComponentValues(x, depth));
    assertEquals(Math.pow(x, depth), (double) record[0], 1e-9 * Math.pow(x, depth));
    assertEquals(depth * Math.pow(x, depth - 1), (double) record[1],
        1e-9 * depth * Math.pow(x, depth - 1));
  }

  private static boolean fits(long bytes, java.util.concurrent.Callable<?> work) {
    try {
      onStack(bytes, work);
      return true;
    } catch (AssertionError e) {
      if (e.getCause() instanceof StackOverflowError) {
        return false;
      }
      throw e;
    }
  }

  private static <T> T onStack(long bytes, java.util.concurrent.Callable<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        result.set(work.call());
      } catch (java.lang.reflect.InvocationTargetException e) {
        failure.set(e.getCause());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack", bytes);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    if (failure.get() != null) {
      throw new AssertionError("failed on a " + bytes + "-byte stack", failure.get());
    }
    return result.get();
  }
}
