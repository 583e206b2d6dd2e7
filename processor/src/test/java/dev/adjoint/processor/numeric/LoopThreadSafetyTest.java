package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.numeric.ArrayCase.Values;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.runtime.Stacks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Generated methods with loops keep their stacks per call: the same methods called from 8
 * threads at once give exactly (bit for bit) what they give when called one after the other.
 * Shared state (a static stack, a cached buffer) would interleave the threads' pushes and pops
 * and break this.
 */
class LoopThreadSafetyTest {

  private static final int THREADS = 8;
  private static final int ROUNDS = 150;

  /** One call of a generated method at one point, from fresh argument copies; its results. */
  private record Call(String label, Function<Stacks, Object[]> run) {}

  private static List<Call> calls(boolean withOwnStacks) {
    List<Call> calls = new ArrayList<>();
    for (String name : List.of("rnn", "rnnOverwrite", "leastSquares", "doWhileBreakOnSum",
        "gather", "scatterAdd", "returnFirstAbove")) {
      ArrayCase c = ArrayGradientTest.SUITE.find(name);
      AdjointMethod m = ArrayGradientTest.SUITE.method(name);
      Class<?>[] trailing = ArraySuite.trailingTypes(c, m);
      Method withStacks = withOwnStacks ? stacksOverload(m, trailing) : null;
      for (Object[] p : c.points()) {
        calls.add(new Call(name + " record @ " + c.label(p),
            s -> m.recordComponentValues(Values.deepCopyAll(p))));
        calls.add(new Call(name + " pullback @ " + c.label(p), s -> {
          Object[] buffers = zeroBuffers(c, p, trailing);
          Object[] args = Values.deepCopyAll(p);
          double value = withStacks == null
              ? m.pullbackWith(args, CaseSuite.SEED, trailing, buffers)
              : invokeWithStacks(withStacks, args, buffers, s);
          Object[] out = Arrays.copyOf(buffers, buffers.length + 1);
          out[buffers.length] = value;
          return out;
        }));
      }
    }
    for (String name : List.of("nestedBranchesInLoop", "loopInBranchInLoop", "returnFromWhile")) {
      AdjointMethod m = LoopGradientTest.SUITE.method(name);
      GradientCase c = null;
      for (GradientCase g : LoopGradientTest.CASES) {
        c = g.name().equals(name) ? g : c;
      }
      Method withStacks =
          withOwnStacks ? stacksOverload(m, new Class<?>[] {double[].class}) : null;
      int n = c.differentiated().size();
      for (GradientCase.Point p : c.points()) {
        calls.add(new Call(name + " record @ " + c.label(p.args()),
            s -> new Object[] {m.valueAndGradient(p.args()).components()}));
        calls.add(new Call(name + " pullback @ " + c.label(p.args()), s -> {
          double[] grad = new double[n];
          double value = withStacks == null ? m.pullback(CaseSuite.SEED, grad, p.args())
              : invokeWithStacks(withStacks, p.args(), new Object[] {grad}, s);
          return new Object[] {grad, value};
        }));
      }
    }
    return calls;
  }

  @Test
  void concurrentCallsGiveTheSequentialResults() throws Exception {
    runConcurrently(calls(false));
  }

  /**
   * The pullback overload that takes the caller's {@code Stacks}: one Stacks per thread, reused
   * for every call, gives the results of fresh stacks (the pullback clears what it is given).
   */
  @Test
  void reusedStacksGiveTheSequentialResults() throws Exception {
    AdjointMethod rnn = ArrayGradientTest.SUITE.method("rnn");
    Assumptions.assumeTrue(
        stacksOverload(rnn, ArraySuite.trailingTypes(ArrayGradientTest.SUITE.find("rnn"), rnn))
            != null,
        "no pullback overload taking Stacks");
    List<Call> plain = calls(false);
    List<Call> reusing = calls(true);
    // the same stacks, left dirty by a failed or longer call, must not leak into the next call
    Stacks dirty = new Stacks();
    for (int i = 0; i < 37; i++) {
      dirty.pushDouble(i);
      dirty.pushInt(i);
    }
    for (int i = 0; i < plain.size(); i++) {
      Object[] expected = plain.get(i).run().apply(null);
      Object[] got = reusing.get(i).run().apply(dirty);
      assertTrue(Arrays.deepEquals(expected, got), () -> "with reused stacks, "
          + "different results\n  expected " + Arrays.deepToString(expected) + "\n  got      "
          + Arrays.deepToString(got));
    }
    runConcurrently(reusing);
  }

  private static void runConcurrently(List<Call> calls) throws Exception {
    List<Object[]> expected = new ArrayList<>();
    for (Call c : calls) {
      expected.add(c.run().apply(new Stacks()));
    }
    Queue<String> mismatches = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * 7;
        done.add(pool.submit(() -> {
          Stacks own = new Stacks(); // one per thread, reused by the Stacks overload
          start.await();
          int checked = 0;
          for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < calls.size(); k++) {
              int i = (k + offset + round) % calls.size();
              Object[] got;
              try {
                got = calls.get(i).run().apply(own);
              } catch (RuntimeException | AssertionError e) {
                mismatches.add(calls.get(i).label() + " threw " + e);
                continue;
              }
              if (!Arrays.deepEquals(expected.get(i), got) && mismatches.size() < 20) {
                mismatches.add(calls.get(i).label() + ": expected "
                    + Arrays.deepToString(expected.get(i)) + " got " + Arrays.deepToString(got));
              }
              checked++;
            }
          }
          return checked;
        }));
      }
      int total = 0;
      for (Future<Integer> f : done) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertTrue(mismatches.isEmpty(),
          () -> mismatches.size() + " concurrent results differ from sequential ones:\n  "
              + String.join("\n  ", mismatches));
      assertEquals(THREADS * ROUNDS * calls.size(), total);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Zeroed grad (if any scalar is differentiated) and zeroed adjoint arrays. */
  private static Object[] zeroBuffers(ArrayCase c, Object[] p, Class<?>[] trailing) {
    Object[] out = new Object[trailing.length];
    int at = 0;
    int[] idx = c.differentiatedIndices();
    int scalars = 0;
    for (int i : idx) {
      scalars += p[i] instanceof Double ? 1 : 0;
    }
    if (scalars > 0) {
      out[at++] = new double[scalars];
    }
    for (int i : idx) {
      if (!(p[i] instanceof Double)) {
        Object bar = Values.deepCopy(p[i]);
        double[] zeros = new double[Values.size(bar)];
        out[at++] = Values.unflatten(bar, zeros, 0);
      }
    }
    return out;
  }

  /** {@code fPullback(params..., seed, trailing..., Stacks)}, or null if there is none. */
  private static Method stacksOverload(AdjointMethod m, Class<?>[] trailing) {
    Class<?>[] params = Arrays.copyOf(m.parameterTypes(),
        m.parameterTypes().length + 2 + trailing.length);
    params[m.parameterTypes().length] = double.class;
    System.arraycopy(trailing, 0, params, m.parameterTypes().length + 1, trailing.length);
    params[params.length - 1] = Stacks.class;
    try {
      Method found = m.adjointClass().getDeclaredMethod(m.name() + "Pullback", params);
      found.setAccessible(true);
      return found;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static double invokeWithStacks(Method pullback, Object[] args, Object[] buffers,
      Stacks stacks) {
    Object[] all = new Object[args.length + 2 + buffers.length];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = CaseSuite.SEED;
    System.arraycopy(buffers, 0, all, args.length + 1, buffers.length);
    all[all.length - 1] = stacks;
    try {
      return (double) pullback.invoke(null, all);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      throw new AssertionError(pullback.getName() + " threw " + e.getCause(), e.getCause());
    }
  }
}
