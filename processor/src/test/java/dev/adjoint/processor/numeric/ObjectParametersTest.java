package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.util.List;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Enum and String parameters and locals passed through like ints: compared ({@code ==}, {@code
 * equals} either way round, {@code != null}), switched on (arrow and colon forms, statements and
 * expressions, several labels per case), reassigned in a loop (recorded when analyses are off),
 * passed to a {@code @Differentiable} method, a plain helper differentiated as if annotated and
 * an int helper, and asked their {@code length()}, {@code ordinal()}, {@code charAt}. Each
 * combination of values is checked against Hipparchus and central differences.
 */
class ObjectParametersTest {

  private static final JavaSource SOURCE = JavaSource.of("adjtest.objects.Losses",
      "package adjtest.objects;",
      "import dev.adjoint.Differentiable;",
      "public final class Losses {",
      "  public enum Mode { FAST, SLOW, EXACT }",
      "  @Differentiable",
      "  public static double loss(double x, double y, Mode mode, String norm) {",
      "    double r = x - y;",
      "    double base;",
      "    switch (norm) {",
      "      case \"l1\" -> base = Math.abs(r);",
      "      case \"l2\", \"sq\" -> base = r * r;",
      "      default -> base = Math.sqrt(r * r + 1);",
      "    }",
      "    double scale = switch (mode) {",
      "      case FAST -> 2.0;",
      "      case SLOW -> 0.5 * x;",
      "      default -> { yield y * y; }",
      "    };",
      "    if (mode == Mode.EXACT && !\"l1\".equals(norm)) {",
      "      scale += y;",
      "    }",
      "    Mode m = mode;",
      "    for (int i = 0; i < 3; i++) {",
      "      if (m != Mode.FAST) {",
      "        base = base * x;",
      "      }",
      "      if (i == 1) {",
      "        m = Mode.FAST;",
      "      }",
      "    }",
      "    return scale * base + power(x, m == mode ? 1 : 0, mode) + weight(mode) * y",
      "        + norm.length() + mode.ordinal() * x;",
      "  }",
      "  @Differentiable",
      "  public static double power(double x, int k, Mode mode) {",
      "    switch (mode) {",
      "      case SLOW:",
      "        return x * x + k;",
      "      case FAST:",
      "      case EXACT:",
      "        return 3 * x - k;",
      "    }",
      "    return 0;",
      "  }",
      "  static int weight(Mode mode) { return mode == Mode.FAST ? 1 : 2; }",
      "  static double shaped(double v, String kind) {",
      "    if (kind.equals(\"cube\")) { return v * v * v; }",
      "    return v * v;",
      "  }",
      "  @Differentiable",
      "  public static double caller(double x, String kind) {",
      "    String k = kind;",
      "    double s = 0;",
      "    switch (k) {",
      "      case \"cube\":",
      "        s = shaped(x, k);",
      "        break;",
      "      case \"none\":",
      "        return x;",
      "      default:",
      "        s = shaped(x, \"square\") + 1;",
      "    }",
      "    if (kind != null && kind.isEmpty()) { s = s * 2; }",
      "    if (kind.startsWith(\"c\") && kind.charAt(1) == 'u') { s += x; }",
      "    return s;",
      "  }",
      "}");

  private static final String[] NORMS = {"l1", "l2", "sq", "huber"};
  private static final String[] KINDS = {"cube", "none", "", "square", "cut"};
  private static final DSFactory TWO = new DSFactory(2, 1);
  private static final DSFactory ONE = new DSFactory(1, 1);

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void enumAndStringParameters(String analyses) throws Exception {
    Compiled compiled = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
    AdjointMethod loss = compiled.method("adjtest.objects.Losses", "loss");
    assertEquals(List.of("dX", "dY"), loss.componentNames());
    Object[] modes = compiled.loadClass("adjtest.objects.Losses$Mode").getEnumConstants();
    double[] at = {1.3, -0.4};
    for (Object mode : modes) {
      for (String norm : NORMS) {
        String what = mode + ", " + norm;
        ValueAndGradient g = loss.valueAndGradient(at[0], at[1], mode, norm);
        DerivativeStructure exact = loss(TWO.variable(0, at[0]), TWO.variable(1, at[1]),
            ((Enum<?>) mode).ordinal(), norm);
        assertEquals(exact.getValue(), g.value(), 1e-12, what);
        assertEquals(exact.getPartialDerivative(1, 0), g.gradient()[0], 1e-10, what);
        assertEquals(exact.getPartialDerivative(0, 1), g.gradient()[1], 1e-10, what);
        double[] fd = FiniteDifferences.gradient(v -> loss.call(v[0], v[1], mode, norm), at);
        assertEquals(fd[0], g.gradient()[0], 1e-6 * Math.max(1, Math.abs(fd[0])), what);
        assertEquals(fd[1], g.gradient()[1], 1e-6 * Math.max(1, Math.abs(fd[1])), what);
      }
    }
    AdjointMethod caller = compiled.method("adjtest.objects.Losses", "caller");
    for (String kind : KINDS) {
      ValueAndGradient g = caller.valueAndGradient(0.7, kind);
      DerivativeStructure exact = caller(ONE.variable(0, 0.7), kind);
      assertEquals(exact.getValue(), g.value(), 1e-12, kind);
      assertEquals(exact.getPartialDerivative(1), g.gradient()[0], 1e-12, kind);
      double[] fd = FiniteDifferences.gradient(v -> caller.call(v[0], kind), new double[] {0.7});
      assertEquals(fd[0], g.gradient()[0], 1e-6, kind);
    }
  }

  /** {@code Losses.loss} with Hipparchus; modes by ordinal: FAST 0, SLOW 1, EXACT 2. */
  private static DerivativeStructure loss(DerivativeStructure x, DerivativeStructure y,
      int mode, String norm) {
    DerivativeStructure r = x.subtract(y);
    DerivativeStructure base = norm.equals("l1") ? r.abs()
        : norm.equals("l2") || norm.equals("sq") ? r.multiply(r)
        : r.multiply(r).add(1).sqrt();
    DerivativeStructure scale = mode == 0 ? x.getField().getZero().add(2)
        : mode == 1 ? x.multiply(0.5) : y.multiply(y);
    if (mode == 2 && !norm.equals("l1")) {
      scale = scale.add(y);
    }
    int m = mode;
    for (int i = 0; i < 3; i++) {
      if (m != 0) {
        base = base.multiply(x);
      }
      if (i == 1) {
        m = 0;
      }
    }
    int k = m == mode ? 1 : 0;
    DerivativeStructure power = mode == 1 ? x.multiply(x).add(k) : x.multiply(3).subtract(k);
    return scale.multiply(base).add(power).add(y.multiply(mode == 0 ? 1 : 2))
        .add(norm.length()).add(x.multiply(mode));
  }

  private static DerivativeStructure caller(DerivativeStructure x, String kind) {
    DerivativeStructure s;
    if (kind.equals("cube")) {
      s = x.multiply(x).multiply(x);
    } else if (kind.equals("none")) {
      return x;
    } else {
      s = x.multiply(x).add(1);
    }
    if (kind.isEmpty()) {
      s = s.multiply(2);
    }
    if (kind.startsWith("c") && kind.charAt(1) == 'u') {
      s = s.add(x);
    }
    return s;
  }
}
