package dev.adjoint.processor.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.LinearAlgebra;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link dev.adjoint.processor.verify.CallArguments#RESULT_BLIND} lets a program write into the result of these kernels
 * after the call, which is right only if their pullbacks never read the result's elements: each
 * pullback, given a result of the right shape filled with NaN, must add exactly what it adds
 * given the true result.
 */
class ResultBlindPullbacksTest {

  private static final int N = 3;

  @Test
  void ownerIsTheRuntimeClass() {
    assertEquals(LinearAlgebra.class.getName(), dev.adjoint.processor.verify.CallArguments.LINEAR_ALGEBRA);
  }

  @TestFactory
  Stream<DynamicTest> pullbackIgnoresTheResultsElements() {
    return dev.adjoint.processor.verify.CallArguments.RESULT_BLIND.stream().sorted()
        .map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
  }

  /** As above for {@code ARGUMENT_BLIND}: NaN-filled arguments of the right shape change nothing. */
  @TestFactory
  Stream<DynamicTest> pullbackIgnoresTheArgumentsElements() {
    return dev.adjoint.processor.verify.CallArguments.ARGUMENT_BLIND.stream().sorted()
        .map(name -> DynamicTest.dynamicTest(name, () -> checkArguments(name)));
  }

  private static void checkArguments(String name) throws Exception {
    Method primal = method(name);
    Class<?>[] types = primal.getParameterTypes();
    Random random = new Random(name.hashCode());
    Object[] args = new Object[types.length];
    Object[] garbage = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = sample(types[i], random);
      garbage[i] = types[i] == double.class ? args[i] : nanLike(args[i]);
    }
    Object result = primal.invoke(null, args);
    Object resultBar = sample(primal.getReturnType(), random);
    Object[] withArgs = pullback(name, args, result, resultBar);
    Object[] withGarbage = pullback(name, garbage, result, resultBar);
    for (int k = 0; k < withArgs.length; k++) {
      assertEquals(Arrays.deepToString(new Object[] {withArgs[k]}),
          Arrays.deepToString(new Object[] {withGarbage[k]}), name + "Pullback, output " + k);
    }
  }

  private static void check(String name) throws Exception {
    Method primal = method(name);
    Class<?>[] types = primal.getParameterTypes();
    Random random = new Random(name.hashCode());
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = sample(types[i], random);
    }
    Object result = primal.invoke(null, args);
    Object resultBar = sample(primal.getReturnType(), random);
    Object garbage = nanLike(result);
    Object[] withResult = pullback(name, args, result, resultBar);
    Object[] withGarbage = pullback(name, args, garbage, resultBar);
    assertTrue(withResult.length > 1, "the pullback has adjoint arguments");
    for (int k = 0; k < withResult.length; k++) {
      assertEquals(Arrays.deepToString(new Object[] {withResult[k]}),
          Arrays.deepToString(new Object[] {withGarbage[k]}), name + "Pullback, output " + k);
    }
  }

  /** Runs {@code namePullback}; returns its value (if any) and the adjoint arrays it filled. */
  private static Object[] pullback(String name, Object[] args, Object result, Object resultBar)
      throws Exception {
    Method pullback = method(name + "Pullback");
    List<Object> call = new ArrayList<>(Arrays.asList(args));
    call.add(result);
    call.add(resultBar);
    List<Object> bars = new ArrayList<>();
    for (Object a : args) {
      if (a instanceof double[] || a instanceof double[][]) {
        Object bar = zerosLike(a);
        bars.add(bar);
        call.add(bar);
      }
    }
    assertEquals(pullback.getParameterCount(), call.size(), name + "Pullback's parameters");
    Object value = pullback.invoke(null, call.toArray());
    List<Object> out = new ArrayList<>();
    out.add(value);
    out.addAll(bars);
    return out.toArray();
  }

  private static Method method(String name) {
    for (Method m : LinearAlgebra.class.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("LinearAlgebra has no " + name);
  }

  private static Object sample(Class<?> type, Random r) {
    if (type == double.class) {
      return 0.5 + r.nextDouble();
    } else if (type == double[].class) {
      double[] v = new double[N];
      for (int i = 0; i < N; i++) {
        v[i] = 0.5 + r.nextDouble(); // positive, for log
      }
      return v;
    } else if (type == double[][].class) {
      double[][] m = new double[N][];
      for (int i = 0; i < N; i++) {
        m[i] = (double[]) sample(double[].class, r);
      }
      return m;
    }
    throw new AssertionError("unexpected parameter type " + type);
  }

  private static Object nanLike(Object a) {
    if (a instanceof double[] v) {
      double[] out = new double[v.length];
      Arrays.fill(out, Double.NaN);
      return out;
    }
    double[][] m = (double[][]) a;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = (double[]) nanLike(m[i]);
    }
    return out;
  }

  private static Object zerosLike(Object a) {
    if (a instanceof double[] v) {
      return new double[v.length];
    }
    double[][] m = (double[][]) a;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
    }
    return out;
  }
}
