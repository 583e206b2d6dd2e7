package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record parameters: every component kind, nested records and aliases, component arrays written
 * in place, records mixed with scalars and arrays, {@code wrt} and {@code @NoDerivative} on a
 * record. Each gradient (as the generated storage lays it out flat, {@code writeTo}) is checked
 * against the exact Hipparchus reference and central finite differences, analyses on and off.
 */
class RecordParameterTest {
  private static final double EXACT = 1e-12;
  private static final double FD = 1e-6;

  private static Compiled compile(String analyses) {
    return InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(RecordSources.NETS);
  }

  private static Object call(Compiled c, String name, Object... args) {
    try {
      Class<?> nets = c.loadClass("adjtest.records.Nets");
      for (Method m : nets.getMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == args.length) {
          return m.invoke(null, args);
        }
      }
      throw new AssertionError("no " + name);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double[] fd(Compiled c, String value, double[] t) {
    return FiniteDifferences.gradient(x -> (double) call(c, value, (Object) x), t);
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

  private static double[] partials(DerivativeStructure f, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int[] orders = new int[n];
      orders[i] = 1;
      out[i] = f.getPartialDerivative(orders);
    }
    return out;
  }

  private static DerivativeStructure[] variables(double[] t) {
    DSFactory factory = new DSFactory(t.length, 1);
    DerivativeStructure[] v = new DerivativeStructure[t.length];
    for (int i = 0; i < t.length; i++) {
      v[i] = factory.variable(i, t[i]);
    }
    return v;
  }

  private static double[] exact(double[] t, Function<DerivativeStructure[], DerivativeStructure> f) {
    return partials(f.apply(variables(t)), t.length);
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void everyComponentKind(String analyses) {
    Compiled c = compile(analyses);
    double[] t = {0.4, 0.3, -0.8, 1.1, 0.5, -0.2, 0.9, 1.3, 0.6};
    double[] got = (double[]) call(c, "everyGradient", (Object) t);
    double[] reference = exact(t, v -> {
      // s = -(a x + v[2] m[0][0] + v[0] m[1][1]); sin(s) + 3 a² + s²
      DerivativeStructure s = v[0].multiply(v[8]).add(v[3].multiply(v[4]))
          .add(v[1].multiply(v[7])).negate();
      return s.sin().add(v[0].multiply(v[0]).multiply(3)).add(s.multiply(s));
    });
    // v[1] (t[2]) and m[0][1], m[1][0] are never read: exactly zero.
    assertClose(reference, Arrays.copyOf(got, 9), EXACT, "every vs Hipparchus");
    assertClose(fd(c, "everyValue", t), Arrays.copyOf(got, 9), FD, "every vs FD");
    assertEquals((double) call(c, "everyValue", (Object) t), got[9], 0);
    double[] pulled = (double[]) call(c, "everyPullback", t, 2.0);
    for (int i = 0; i < 9; i++) {
      assertEquals(1 + 2 * reference[i], pulled[i], EXACT * Math.max(1, Math.abs(reference[i])));
    }
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void nestedRecordsAndAliases(String analyses) {
    Compiled c = compile(analyses);
    double[] t = {0.3, -0.7, 1.2, 0.4, 0.1, -0.3, 0.8, -1.1, 0.25, 0.9, -0.6, 0.35};
    double[] got = (double[]) call(c, "mlpGradient", (Object) t);
    double[] reference = exact(t, v -> {
      DerivativeStructure out = v[8];
      for (int i = 0; i < 2; i++) {
        DerivativeStructure h = v[4 + i].add(v[2 * i].multiply(v[9]))
            .add(v[2 * i + 1].multiply(v[10]));
        out = out.add(v[6 + i].multiply(h.tanh()));
      }
      DerivativeStructure e = out.subtract(v[11]);
      return e.multiply(e);
    });
    assertClose(reference, got, EXACT, "mlp vs Hipparchus");
    assertClose(fd(c, "mlpValue", t), got, FD, "mlp vs FD");
    // Zeroed and reused storage holds one gradient, not two.
    assertClose(Arrays.copyOf(reference, 9), (double[]) call(c, "mlpTwice", (Object) t), EXACT,
        "reused storage");
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void componentArrayWrittenInPlace(String analyses) {
    Compiled c = compile(analyses);
    double[] t = {1.3, 0.6, -0.4};
    double[] got = (double[]) call(c, "writesGradient", (Object) t);
    double[] reference = exact(t, v -> {
      DerivativeStructure v0 = v[1].multiply(v[0]);
      return v0.multiply(v[2].add(v0));
    });
    assertClose(reference, Arrays.copyOf(got, 3), EXACT, "writes vs Hipparchus");
    assertClose(fd(c, "writesValue", t), Arrays.copyOf(got, 3), FD, "writes vs FD");
    // The caller's array holds what the method wrote, as after writes(p).
    assertArrayEquals(new double[] {t[0] * t[1], t[2] + t[0] * t[1]},
        Arrays.copyOfRange(got, 3, 5), 0);
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void mixedWithScalarsArraysWrtAndNoDerivative(String analyses) {
    Compiled c = compile(analyses);
    double[] t = {0.8, -0.5, 1.4, 0.3, 0.7, -1.2};
    Function<DerivativeStructure[], DerivativeStructure> f = v -> {
      DerivativeStructure s = v[0].multiply(v[1]).add(v[4].multiply(v[2]).multiply(1.5))
          .add(v[5].multiply(v[3]).multiply(-0.5));
      return s.multiply(s).add(0.7);
    };
    double[] all = exact(t, f);
    double[] numeric = fd(c, "mixedValue", t);
    double[] onlyP = (double[]) call(c, "mixedGradient", (Object) t);
    assertClose(Arrays.copyOfRange(all, 1, 4), onlyP, EXACT, "wrt p vs Hipparchus");
    assertClose(Arrays.copyOfRange(numeric, 1, 4), onlyP, FD, "wrt p vs FD");
    assertClose(all, (double[]) call(c, "mixedAllGradient", (Object) t), EXACT,
        "all vs Hipparchus");
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void storageHelpers(String analyses) {
    Compiled c = compile(analyses);
    double[] t = {0.3, -0.7, 1.2, 0.4, 0.1, -0.3, 0.8, -1.1, 0.25, 0.9, -0.6, 0.35};
    double[] g = (double[]) call(c, "mlpGradient", (Object) t);
    double[] got = (double[]) call(c, "storage", (Object) t);
    for (int i = 0; i < 9; i++) {
      assertEquals(t[i] - 0.5 * g[i], got[i], EXACT, "step [" + i + "]");
    }
    assertEquals(0, got[9], 0, "zeroed");
  }
}
