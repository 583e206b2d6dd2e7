package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.RecordComponents;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Differentiable} instance methods: fields of {@code this} (final or not, qualified or
 * not, scalars and arrays) read as data, calls of other instance methods of {@code this}, and
 * the generated API taking the receiver first ({@code RegressionAdjoint.loss(regression, w)}).
 * Gradients against the closed form and finite differences of the original, on an instance,
 * with analyses on and off.
 */
class InstanceMethodTest {

  private static final JavaSource REGRESSION = JavaSource.of("adjtest.instance.Regression",
      "package adjtest.instance;",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.runtime.LinearAlgebra;",
      "public final class Regression {",
      "  final double[][] data;",
      "  final double[] targets;",
      "  double lambda;",
      "  final int power;",
      "  static final double HALF = 0.5;",
      "  public Regression(double[][] data, double[] targets, double lambda, int power) {",
      "    this.data = data;",
      "    this.targets = targets;",
      "    this.lambda = lambda;",
      "    this.power = power;",
      "  }",
      "  @Differentiable",
      "  double residual(double[] w, int i) {",
      "    return LinearAlgebra.dot(data[i], w) - this.targets[i];",
      "  }",
      "  @Differentiable",
      "  public double loss(double[] w) {",
      "    double s = 0;",
      "    for (int i = 0; i < data.length; i++) {",
      "      double r = this.residual(w, i);",
      "      s += HALF * r * residual(w, i);",
      "    }",
      "    return s + lambda * LinearAlgebra.squaredNorm(w);",
      "  }",
      "  @Differentiable",
      "  public double scalar(double x, double y) {",
      "    double p = 1;",
      "    for (int k = 0; k < power; k++) {",
      "      p *= x + this.data[0][k % data[0].length];",
      "    }",
      "    double[] w = new double[2];",
      "    w[0] = x;",
      "    w[1] = y * x;",
      "    return p * Math.sin(y * lambda) + loss(w);",
      "  }",
      "}");

  /**
   * A parameter named like the receiver ({@code clash}) keeps its name, the receiver steps
   * around it; a final method of a non-final class is callable on this.
   */
  private static final JavaSource CLASH = JavaSource.of("adjtest.instance.Clash",
      "package adjtest.instance;",
      "import dev.adjoint.Differentiable;",
      "public class Clash {",
      "  double scale = 1.5;",
      "  @Differentiable",
      "  final double square(double v) {",
      "    return scale * v * v;",
      "  }",
      "  @Differentiable",
      "  public double f(double clash, double x) {",
      "    double instance = this.square(clash) * x;",
      "    return instance + Math.sin(scale * x);",
      "  }",
      "}");

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void receiverStepsAroundAParameterOfItsName(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(CLASH);
    Class<?> owner = c.loadClass("adjtest.instance.Clash");
    Object clash = owner.getConstructor().newInstance();
    Class<?> adjoint = c.loadClass("adjtest.instance.ClashAdjoint");
    String source = c.generatedSource("adjtest.instance.ClashAdjoint");
    assertTrue(source.contains("f(Clash clash2, double clash, double x)"), source);
    Method gradient = method(adjoint, "f", owner, double.class, double.class);
    double a = 0.7;
    double x = -1.3;
    Object record = gradient.invoke(null, clash, a, x);
    // 1.5 a² x + sin(1.5 x)
    assertEquals(1.5 * a * a * x + Math.sin(1.5 * x), component(record, "value"), 1e-15);
    assertEquals(3 * a * x, component(record, "dClash"), 1e-15);
    assertEquals(1.5 * a * a + 1.5 * Math.cos(1.5 * x), component(record, "dX"), 1e-15);
  }

  /** A record's instance methods read its components through their implicit accessors. */
  private static final JavaSource LINE = JavaSource.of("adjtest.instance.Line",
      "package adjtest.instance;",
      "import dev.adjoint.Differentiable;",
      "public record Line(double slope, double[] offsets, int k) {",
      "  @Differentiable",
      "  double at(double x) {",
      "    return slope * x * x + offsets[k] * x + this.slope + square(x);",
      "  }",
      "  @Differentiable",
      "  double square(double v) {",
      "    return this.offsets.length * v * v;",
      "  }",
      "}");

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void recordComponentsOfThisAreRead(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(LINE);
    Class<?> owner = c.loadClass("adjtest.instance.Line");
    Object line = owner.getConstructor(double.class, double[].class, int.class)
        .newInstance(-0.5, new double[] {2.0, 3.0}, 1);
    Class<?> adjoint = c.loadClass("adjtest.instance.LineAdjoint");
    String source = c.generatedSource("adjtest.instance.LineAdjoint");
    assertTrue(source.contains("line.slope()") && source.contains("line.offsets()[line.k()]"),
        source);
    Object record = method(adjoint, "at", owner, double.class).invoke(null, line, 1.5);
    // -0.5 x² + 3 x - 0.5 + 2 x²
    assertEquals(1.5 * 2.25 + 4.5 - 0.5, component(record, "value"), 1e-14);
    assertEquals(3 * 1.5 + 3, component(record, "dX"), 1e-14);
  }

  private static final double[][] DATA = {{1.0, -0.5}, {0.25, 2.0}, {-1.5, 0.75}};
  private static final double[] TARGETS = {0.5, -1.0, 2.0};
  private static final double LAMBDA = 0.3;

  private static Object instance(Compiled c) throws Exception {
    return c.loadClass("adjtest.instance.Regression")
        .getConstructor(double[][].class, double[].class, double.class, int.class)
        .newInstance(DATA, TARGETS, LAMBDA, 3);
  }

  private static Compiled compile(String analyses) {
    return InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(REGRESSION);
  }

  private static Method method(Class<?> c, String name, Class<?>... params) throws Exception {
    Method m = c.getDeclaredMethod(name, params);
    m.setAccessible(true);
    return m;
  }

  private static double component(Object record, String name) throws Exception {
    return RecordComponents.doubleComponent(record, name);
  }

  /** ∇ of ½ Σ (d_i·w − t_i)² + λ|w|²: Σ r_i d_i + 2λw. */
  private static double[] exactGradient(double[] w) {
    double[] g = new double[w.length];
    for (int i = 0; i < DATA.length; i++) {
      double r = DATA[i][0] * w[0] + DATA[i][1] * w[1] - TARGETS[i];
      for (int j = 0; j < w.length; j++) {
        g[j] += r * DATA[i][j];
      }
    }
    for (int j = 0; j < w.length; j++) {
      g[j] += 2 * LAMBDA * w[j];
    }
    return g;
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void arrayParameterAgainstClosedForm(String analyses) throws Exception {
    Compiled c = compile(analyses);
    Object model = instance(c);
    Class<?> owner = model.getClass();
    Class<?> adjoint = c.loadClass("adjtest.instance.RegressionAdjoint");
    Method original = method(owner, "loss", double[].class);
    Method gradient = method(adjoint, "loss", owner, double[].class);
    Method pullback = method(adjoint, "lossPullback", owner, double[].class, double.class,
        double[].class);
    Random r = new Random(7);
    for (int point = 0; point < 4; point++) {
      double[] w = {r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2};
      Object record = gradient.invoke(null, model, w.clone());
      double value = (double) original.invoke(model, w.clone());
      assertEquals(value, component(record, "value"), Tolerances.VALUE * Math.abs(value));
      double[] dW = (double[]) record.getClass().getRecordComponents()[1].getAccessor()
          .invoke(record);
      double[] exact = exactGradient(w);
      for (int j = 0; j < w.length; j++) {
        assertEquals(exact[j], dW[j], 1e-12 * (1 + Math.abs(exact[j])), "dW[" + j + "]");
      }
      double[] bar = {1.0, -2.0};
      double got = (double) pullback.invoke(null, model, w.clone(), 2.5, bar);
      assertEquals(value, got, Tolerances.VALUE * Math.abs(value));
      for (int j = 0; j < w.length; j++) {
        double expected = (j == 0 ? 1.0 : -2.0) + 2.5 * exact[j];
        assertEquals(expected, bar[j], 1e-12 * (1 + Math.abs(expected)), "accumulated wBar");
      }
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void scalarParametersAgainstFiniteDifferences(String analyses) throws Exception {
    Compiled c = compile(analyses);
    Object model = instance(c);
    Class<?> owner = model.getClass();
    Class<?> adjoint = c.loadClass("adjtest.instance.RegressionAdjoint");
    Method original = method(owner, "scalar", double.class, double.class);
    Method gradient = method(adjoint, "scalar", owner, double.class, double.class);
    Method pullback = method(adjoint, "scalarPullback", owner, double.class, double.class,
        double.class, double[].class);
    Random r = new Random(11);
    for (int point = 0; point < 4; point++) {
      double[] xy = {r.nextDouble() * 2 - 1, r.nextDouble() * 2 - 1};
      double[] fd = FiniteDifferences.gradient(v -> {
        try {
          return (double) original.invoke(model, v[0], v[1]);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }, xy);
      Object record = gradient.invoke(null, model, xy[0], xy[1]);
      double value = (double) original.invoke(model, xy[0], xy[1]);
      assertEquals(value, component(record, "value"), Tolerances.VALUE * (1 + Math.abs(value)));
      double[] got = {component(record, "dX"), component(record, "dY")};
      for (int j = 0; j < 2; j++) {
        assertTrue(FiniteDifferences.relativeError(fd[j], got[j])
            <= Tolerances.FINITE_DIFFERENCES, () -> Arrays.toString(got) + " vs finite"
            + " differences " + Arrays.toString(fd) + "\n" + c.describeGenerated());
      }
      double[] grad = {0.5, 0.5};
      pullback.invoke(null, model, xy[0], xy[1], 2.0, grad);
      assertArrayEquals(new double[] {0.5 + 2 * got[0], 0.5 + 2 * got[1]}, grad,
          1e-12 * (1 + Math.abs(got[0]) + Math.abs(got[1])));
    }
  }
}
