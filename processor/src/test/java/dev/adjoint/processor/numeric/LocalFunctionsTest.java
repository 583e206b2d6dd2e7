package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local {@code DoubleUnaryOperator}s and {@code DoubleBinaryOperator}s: lambdas with expression
 * and block bodies (capturing locals, calling another local function, called in a loop on a
 * value the loop changes) are inlined; method references to a {@code @Differentiable} method, a
 * plain helper and {@code Math::exp} become calls. Checked against Hipparchus and central
 * differences, with analyses on and off.
 */
class LocalFunctionsTest {

  private static final JavaSource SOURCE = JavaSource.of("adjtest.functions.Fns",
      "package adjtest.functions;",
      "import dev.adjoint.Differentiable;",
      "import java.util.function.DoubleBinaryOperator;",
      "import java.util.function.DoubleUnaryOperator;",
      "public final class Fns {",
      "  @Differentiable",
      "  public static double g(double v) { return v * Math.sin(v); }",
      "  static double plain(double a, double b) { return a * b + b; }",
      "  @Differentiable",
      "  public static double f(double x, double y, int n) {",
      "    double k = 2 * y;",
      "    DoubleUnaryOperator sq = v -> v * v;",
      "    DoubleUnaryOperator scaled = v -> {",
      "      double t = k * v;",
      "      if (t > 1) { t = Math.log(t); }",
      "      return t + Math.exp(-v);",
      "    };",
      "    DoubleUnaryOperator byRef = Fns::g;",
      "    DoubleUnaryOperator alias = byRef;",
      "    DoubleUnaryOperator exp = Math::exp;",
      "    DoubleBinaryOperator mix = (a, b) -> a * b - sq.applyAsDouble(a);",
      "    DoubleBinaryOperator pl = Fns::plain;",
      "    double s = 0.25;",
      "    for (int i = 0; i < n; i++) {",
      "      s += sq.applyAsDouble(x + i) * 0.1 + scaled.applyAsDouble(s);",
      "    }",
      "    return s + alias.applyAsDouble(x) + exp.applyAsDouble(y) + mix.applyAsDouble(x, y)",
      "        + pl.applyAsDouble(x, n);",
      "  }",
      "}");

  private static final DSFactory TWO = new DSFactory(2, 1);

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void lambdasAndMethodReferences(String analyses) {
    Compiled compiled = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
    AdjointMethod f = compiled.method("adjtest.functions.Fns", "f");
    double[][] points = {{0.7, 0.4}, {-0.3, 1.1}, {1.2, -0.2}};
    for (int n = 0; n <= 3; n++) {
      for (double[] at : points) {
        final int count = n;
        String what = "n=" + n + " at " + at[0] + ", " + at[1];
        ValueAndGradient g = f.valueAndGradient(at[0], at[1], n);
        DerivativeStructure exact = f(TWO.variable(0, at[0]), TWO.variable(1, at[1]), n);
        assertEquals(exact.getValue(), g.value(), 1e-12, what);
        assertEquals(exact.getPartialDerivative(1, 0), g.gradient()[0], 1e-10, what);
        assertEquals(exact.getPartialDerivative(0, 1), g.gradient()[1], 1e-10, what);
        double[] fd = FiniteDifferences.gradient(v -> f.call(v[0], v[1], count), at);
        assertEquals(fd[0], g.gradient()[0], 1e-6 * Math.max(1, Math.abs(fd[0])), what);
        assertEquals(fd[1], g.gradient()[1], 1e-6 * Math.max(1, Math.abs(fd[1])), what);
      }
    }
  }

  private static DerivativeStructure f(DerivativeStructure x, DerivativeStructure y, int n) {
    DerivativeStructure k = y.multiply(2);
    DerivativeStructure s = x.getField().getZero().add(0.25);
    for (int i = 0; i < n; i++) {
      DerivativeStructure v = x.add(i);
      DerivativeStructure t = k.multiply(s);
      if (t.getValue() > 1) {
        t = t.log();
      }
      s = s.add(v.multiply(v).multiply(0.1).add(t.add(s.negate().exp())));
    }
    DerivativeStructure g = x.multiply(x.sin());
    DerivativeStructure mix = x.multiply(y).subtract(x.multiply(x));
    DerivativeStructure plain = x.multiply(n).add(n);
    return s.add(g).add(y.exp()).add(mix).add(plain);
  }
}
