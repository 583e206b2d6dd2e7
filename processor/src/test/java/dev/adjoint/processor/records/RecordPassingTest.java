package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records passed whole to other methods: a {@code @Differentiable} callee of the same class, a
 * plain helper of another class taking a nested component, a local alias, calls in a loop, the
 * same record twice in one call, two levels of calls, callees adding into scratch storage where
 * the caller does not differentiate the record, and a callee not differentiating it. Gradients
 * against central finite differences, and the exact Hipparchus reference where written out;
 * analyses on and off.
 */
class RecordPassingTest {
  private static final double EXACT = 1e-12;
  private static final double FD = 1e-6;
  private static final double[] THETA = {0.3, -0.7, 1.2, 0.4, 0.1, -0.3, 0.8, -1.1, 0.25, 0.9,
      -0.6, -0.4, 0.5, 0.2, -0.9, 0.6, 0.35, 1.1, -0.2, 0.7};

  private static Compiled compile(String analyses) {
    return InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(RecordPassingSources.NETS, RecordPassingSources.LAYERS);
  }

  private static Object call(Compiled c, String name, Object... args) {
    try {
      Class<?> nets = c.loadClass("adjtest.passing.Nets");
      for (var m : nets.getMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == args.length) {
          return m.invoke(null, args);
        }
      }
      throw new AssertionError("no " + name);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] gradient(Compiled c, String f) {
    return (double[]) call(c, "gradient", f, THETA);
  }

  private static double[] fd(Compiled c, String f, int n) {
    return Arrays.copyOf(FiniteDifferences.gradient(
        t -> (double) call(c, "value", f, t), THETA), n);
  }

  private static void assertClose(double[] expected, double[] actual, double tolerance,
      String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1, Math.abs(expected[i]));
      assertEquals(expected[i], actual[i], tolerance * scale,
          what + " [" + i + "]: " + Arrays.toString(actual) + " vs " + Arrays.toString(expected));
    }
  }

  private static double[] exact(int n, Function<DerivativeStructure[], DerivativeStructure> f) {
    DSFactory factory = new DSFactory(n, 1);
    DerivativeStructure[] v = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      v[i] = factory.variable(i, THETA[i]);
    }
    DerivativeStructure r = f.apply(v);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int[] orders = new int[n];
      orders[i] = 1;
      out[i] = r.getPartialDerivative(orders);
    }
    return out;
  }

  /** Layers.forward over theta's layer (v[0..5]) and the inputs given. */
  private static DerivativeStructure forward(DerivativeStructure[] v, DerivativeStructure x0,
      DerivativeStructure x1) {
    DerivativeStructure s = v[0].getField().getZero();
    for (int i = 0; i < 2; i++) {
      s = s.add(v[4 + i].add(v[2 * i].multiply(x0)).add(v[2 * i + 1].multiply(x1)).tanh());
    }
    return s;
  }

  private static DerivativeStructure head(DerivativeStructure[] v, DerivativeStructure x) {
    return v[8].multiply(x).add(v[6].multiply(v[7].multiply(x).sin()));
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void inALoopToSameAndOtherClassNestedAndAliased(String analyses) {
    Compiled c = compile(analyses);
    double[] got = gradient(c, "inLoop");
    double[] reference = exact(11, v -> {
      DerivativeStructure f = forward(v, v[9], v[10]);
      DerivativeStructure s = head(v, v[9]).add(head(v, v[10])).add(head(v, v[9])).multiply(f);
      return s.add(f);
    });
    assertClose(reference, got, EXACT, "inLoop vs Hipparchus");
    assertClose(fd(c, "inLoop", 11), got, FD, "inLoop vs FD");
    double[] pulled = (double[]) call(c, "inLoopPulled", (Object) THETA);
    for (int i = 0; i < 9; i++) {
      assertEquals(1 + 2 * reference[i], pulled[i], EXACT * Math.max(1, Math.abs(reference[i])),
          "accumulated [" + i + "]");
    }
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void sameRecordTwiceInOneCall(String analyses) {
    Compiled c = compile(analyses);
    double[] got = gradient(c, "twice");
    double[] reference = exact(10, v -> {
      // both(p, p, c) = b2² c + w2[0] w2[1] forward(l1, w2)
      DerivativeStructure rest = v[6].multiply(v[7]).multiply(forward(v, v[6], v[7]));
      DerivativeStructure b2b2 = v[8].multiply(v[8]);
      return b2b2.multiply(v[9]).add(rest).add(b2b2.multiply(v[9].multiply(2))).add(rest);
    });
    assertClose(reference, got, EXACT, "twice vs Hipparchus");
    assertClose(fd(c, "twice", 10), got, FD, "twice vs FD");
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void passedOnTwoLevels(String analyses) {
    Compiled c = compile(analyses);
    double[] got = gradient(c, "twoLevels");
    double[] reference = exact(11, v -> head(v, v[10]).add(forward(v, v[9], v[10]))
        .multiply(v[8]));
    assertClose(reference, got, EXACT, "twoLevels vs Hipparchus");
    assertClose(fd(c, "twoLevels", 11), got, FD, "twoLevels vs FD");
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void notDifferentiatedHereCalleesUseScratchStorage(String analyses) {
    Compiled c = compile(analyses);
    double[] got = gradient(c, "onlyX");
    double[] numeric = fd(c, "onlyX", 11);
    assertClose(Arrays.copyOfRange(numeric, 9, 11), Arrays.copyOfRange(got, 9, 11), FD,
        "onlyX vs FD");
    double[] frozen = gradient(c, "frozen");
    assertClose(fd(c, "frozen", 11), frozen, FD, "frozen vs FD");
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void calleeNotDifferentiatingTheRecord(String analyses) {
    Compiled c = compile(analyses);
    double[] got = gradient(c, "passedThrough");
    assertClose(Arrays.copyOfRange(fd(c, "passedThrough", 11), 9, 11),
        Arrays.copyOfRange(got, 9, 11), FD, "passedThrough vs FD");
    // d/dx0 of (b2 x0 x1 + 3) x0 = 2 b2 x0 x1 + 3, exactly
    assertEquals(2 * THETA[8] * THETA[9] * THETA[10] + 3, got[9], EXACT);
  }
}
