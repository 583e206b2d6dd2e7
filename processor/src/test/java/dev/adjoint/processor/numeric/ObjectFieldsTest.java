package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.RecordComponents;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fields holding an enum or a {@code String}, read as data like other fields: {@code static
 * final} ones (unqualified and qualified, compared and asked {@code equals}/{@code length}),
 * and fields of the receiver of an instance method, switched on. Closed forms and central
 * differences, every receiver state, analyses on and off.
 */
class ObjectFieldsTest {

  private static final JavaSource SOURCE = JavaSource.of("adjtest.objfields.Settings",
      "package adjtest.objfields;",
      "import dev.adjoint.Differentiable;",
      "public final class Settings {",
      "  public enum Mode { FAST, SLOW }",
      "  static final Mode DEFAULT = Mode.SLOW;",
      "  static final String NORM = \"l2\";",
      "  final Mode mode;",
      "  final String norm;",
      "  public Settings(Mode mode, String norm) { this.mode = mode; this.norm = norm; }",
      "  @Differentiable",
      "  public static double byConstants(double x) {",
      "    double z = DEFAULT == Mode.SLOW ? x * x : 3 * x;",
      "    return NORM.equals(\"l2\") ? z * z + Settings.NORM.length() * x : z;",
      "  }",
      "  @Differentiable",
      "  public final double byFields(double x) {",
      "    double z = switch (mode) { case FAST -> 3 * x; case SLOW -> x * x; };",
      "    return this.norm.equals(\"l2\") ? z * z : z + norm.length() * x;",
      "  }",
      "}");

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void staticFinalEnumAndStringFields(String analyses) {
    Compiled c = compile(analyses);
    AdjointMethod f = c.method("adjtest.objfields.Settings", "byConstants");
    double x = 1.3;
    ValueAndGradient g = f.valueAndGradient(x);
    // (x²)² + 2x
    assertEquals(Math.pow(x, 4) + 2 * x, g.value(), 1e-12);
    assertEquals(4 * x * x * x + 2, g.gradient()[0], 1e-12);
    double[] fd = FiniteDifferences.gradient(v -> f.call(v[0]), new double[] {x});
    assertEquals(fd[0], g.gradient()[0], 1e-6);
    assertTrue(c.generatedSource("adjtest.objfields.SettingsAdjoint")
        .contains("Settings.NORM.equals(\"l2\")"));
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void fieldsOfTheReceiver(String analyses) throws Exception {
    Compiled c = compile(analyses);
    Class<?> owner = c.loadClass("adjtest.objfields.Settings");
    Class<?> mode = c.loadClass("adjtest.objfields.Settings$Mode");
    Class<?> adjoint = c.loadClass("adjtest.objfields.SettingsAdjoint");
    Method call = adjoint.getDeclaredMethod("byFields", owner, double.class);
    Method primal = owner.getDeclaredMethod("byFields", double.class);
    double x = 0.7;
    for (Object m : mode.getEnumConstants()) {
      for (String norm : new String[] {"l2", "l1"}) {
        Object settings = owner.getConstructor(mode, String.class).newInstance(m, norm);
        Object record = call.invoke(null, settings, x);
        boolean fast = m.toString().equals("FAST");
        double z = fast ? 3 * x : x * x;
        double dz = fast ? 3 : 2 * x;
        double expected = norm.equals("l2") ? 2 * z * dz : dz + 2;
        String what = m + ", " + norm;
        assertEquals((double) primal.invoke(settings, x), component(record, "value"), 1e-14,
            what);
        assertEquals(expected, component(record, "dX"), 1e-12, what);
        double[] fd = FiniteDifferences.gradient(v -> {
          try {
            return (double) primal.invoke(settings, v[0]);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }, new double[] {x});
        assertEquals(fd[0], component(record, "dX"), 1e-6, what);
      }
    }
  }

  private static Compiled compile(String analyses) {
    return InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
  }

  private static double component(Object record, String name) throws Exception {
    return RecordComponents.doubleComponent(record, name);
  }
}
