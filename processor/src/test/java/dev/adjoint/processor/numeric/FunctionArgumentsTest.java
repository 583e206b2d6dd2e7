package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lambdas, method references and local functions passed to methods of the same file, which
 * are inlined at each call: a captured parameter ({@code k}) gets its gradient, a callee passes
 * the function on (to another class too), calls it in a loop, is called with several functions;
 * lambdas capture an array, a loop body's local and an enhanced-for variable; a block lambda
 * branches; method references name a {@code @Differentiable} method, a plain helper and Math.
 * Checked against Hipparchus and central differences, with analyses on and off.
 */
class FunctionArgumentsTest {

  private static final JavaSource SOURCE = JavaSource.of("adjtest.passing.Pass",
      "package adjtest.passing;",
      "import dev.adjoint.Differentiable;",
      "import java.util.function.DoubleBinaryOperator;",
      "import java.util.function.DoubleUnaryOperator;",
      "public final class Pass {",
      "  static double integrate(DoubleUnaryOperator f, double a, double b, int n) {",
      "    double h = (b - a) / n;",
      "    double s = 0.5 * (f.applyAsDouble(a) + f.applyAsDouble(b));",
      "    for (int i = 1; i < n; i++) {",
      "      s += f.applyAsDouble(a + i * h);",
      "    }",
      "    return s * h;",
      "  }",
      "  static double sum(double[] v, DoubleUnaryOperator g) {",
      "    double s = 0;",
      "    for (int i = 0; i < v.length; i++) {",
      "      s += g.applyAsDouble(v[i]);",
      "    }",
      "    return s;",
      "  }",
      "  static double fold(DoubleBinaryOperator op, double[] v) {",
      "    double acc = v[0];",
      "    for (int i = 1; i < v.length; i++) {",
      "      acc = op.applyAsDouble(acc, v[i]);",
      "    }",
      "    return acc;",
      "  }",
      "  static double twice(DoubleUnaryOperator f, double x) {",
      "    return integrate(f, 0, x, 4) + Newton.step(f, x);",
      "  }",
      "  static double plain(double v) { return v * v + 1; }",
      "  @Differentiable",
      "  public static double g(double v) { return v * Math.sin(v); }",
      "  @Differentiable",
      "  public static double f(double k, double x, double y, int n) {",
      "    double s = integrate(t -> Math.exp(-k * t * t), 0, 1, n + 1);",
      "    double[] w = {x, y, k * x};",
      "    DoubleUnaryOperator sq = t -> {",
      "      double q = t * y;",
      "      if (q > 1) { q = Math.sqrt(q); }",
      "      return q * q;",
      "    };",
      "    s += sum(w, Math::sin) + sum(w, Pass::g) + sum(w, Pass::plain) + sum(w, sq);",
      "    s += twice(sq, x) + fold((p, q) -> p * q + w[0], w) + integrate(Math::exp, 0, y, 3);",
      "    for (int i = 0; i < n; i++) {",
      "      double c = x + i;",
      "      s += integrate(t -> c * Math.sin(t * k), 0, 1, 2);",
      "    }",
      "    for (double e : w) {",
      "      s += sum(w, t -> e * t);",
      "    }",
      "    return s;",
      "  }",
      "}",
      "final class Newton {",
      "  static final double SCALE = 3;",
      "  static double step(DoubleUnaryOperator f, double x) {",
      "    double h = 1e-3;",
      "    return x - f.applyAsDouble(x) * h",
      "        / (f.applyAsDouble(x + h) - f.applyAsDouble(x - h) + SCALE);",
      "  }",
      "}");

  private static final DSFactory THREE = new DSFactory(3, 1);

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void functionsPassedToMethods(String analyses) {
    Compiled compiled = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(SOURCE);
    AdjointMethod f = compiled.method("adjtest.passing.Pass", "f");
    double[][] points = {{0.7, 0.4, 1.3}, {-0.3, 1.1, 0.6}, {1.2, -0.2, 2.1}};
    for (int n = 0; n <= 3; n++) {
      for (double[] at : points) {
        final int count = n;
        String what = "n=" + n + " at " + java.util.Arrays.toString(at);
        ValueAndGradient g = f.valueAndGradient(at[0], at[1], at[2], n);
        DerivativeStructure exact = f(THREE.variable(0, at[0]), THREE.variable(1, at[1]),
            THREE.variable(2, at[2]), n);
        assertEquals(f.call(at[0], at[1], at[2], n), g.value(), 1e-12, what);
        assertEquals(exact.getValue(), g.value(), 1e-10, what);
        double[] fd = FiniteDifferences.gradient(v -> f.call(v[0], v[1], v[2], count), at);
        for (int i = 0; i < 3; i++) {
          int[] order = new int[3];
          order[i] = 1;
          assertEquals(exact.getPartialDerivative(order), g.gradient()[i], 1e-9, what);
          assertEquals(fd[i], g.gradient()[i], 1e-6 * Math.max(1, Math.abs(fd[i])), what);
        }
      }
    }
  }

  private static final JavaSource CALLEE_LAMBDAS = JavaSource.of("adjtest.passing.Inner",
      "package adjtest.passing;",
      "import dev.adjoint.Differentiable;",
      "import java.util.function.DoubleBinaryOperator;",
      "import java.util.function.DoubleUnaryOperator;",
      "public final class Inner {",
      "  @Differentiable",
      "  public static double f(double x, double y) {",
      "    double w = 1.5 * y;",
      "    return Folds.fold((p, q) -> w * p * q, x, y) + Folds.fold(Math::hypot, x, y);",
      "  }",
      "}",
      "final class Folds {",
      "  static double fold(DoubleBinaryOperator op, double a, double b) {",
      "    DoubleUnaryOperator half = t -> op.applyAsDouble(t, 0.5 * t) + damp(b);",
      "    return op.applyAsDouble(a, b) + half.applyAsDouble(a);",
      "  }",
      "  static double damp(double v) { return v / (1 + v * v); }",
      "}");

  /**
   * A callee (of another class, whose own helper it calls unqualified) declaring a lambda that
   * applies its function parameter and reads its other parameter.
   */
  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void lambdaOfTheCalleeApplyingItsFunction(String analyses) {
    Compiled compiled = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(CALLEE_LAMBDAS);
    AdjointMethod f = compiled.method("adjtest.passing.Inner", "f");
    DSFactory two = new DSFactory(2, 1);
    for (double[] at : new double[][] {{0.7, -0.4}, {-1.3, 0.9}, {2.0, 1.1}}) {
      String what = java.util.Arrays.toString(at);
      ValueAndGradient g = f.valueAndGradient(at[0], at[1]);
      DerivativeStructure x = two.variable(0, at[0]);
      DerivativeStructure y = two.variable(1, at[1]);
      DerivativeStructure w = y.multiply(1.5);
      DerivativeStructure exact = fold((p, q) -> w.multiply(p).multiply(q), x, y)
          .add(fold((p, q) -> p.hypot(q), x, y));
      assertEquals(exact.getValue(), g.value(), 1e-12, what);
      assertEquals(exact.getPartialDerivative(1, 0), g.gradient()[0], 1e-10, what);
      assertEquals(exact.getPartialDerivative(0, 1), g.gradient()[1], 1e-10, what);
      double[] fd = FiniteDifferences.gradient(v -> f.call(v[0], v[1]), at);
      assertEquals(fd[0], g.gradient()[0], 1e-6 * Math.max(1, Math.abs(fd[0])), what);
      assertEquals(fd[1], g.gradient()[1], 1e-6 * Math.max(1, Math.abs(fd[1])), what);
    }
  }

  private static DerivativeStructure fold(BinaryOperator<DerivativeStructure> op,
      DerivativeStructure a, DerivativeStructure b) {
    DerivativeStructure damp = b.divide(b.multiply(b).add(1));
    UnaryOperator<DerivativeStructure> half = t -> op.apply(t, t.multiply(0.5)).add(damp);
    return op.apply(a, b).add(half.apply(a));
  }

  private static DerivativeStructure integrate(UnaryOperator<DerivativeStructure> f,
      DerivativeStructure a, DerivativeStructure b, int n) {
    DerivativeStructure h = b.subtract(a).divide(n);
    DerivativeStructure s = f.apply(a).add(f.apply(b)).multiply(0.5);
    for (int i = 1; i < n; i++) {
      s = s.add(f.apply(a.add(h.multiply(i))));
    }
    return s.multiply(h);
  }

  private static DerivativeStructure sum(DerivativeStructure[] v,
      UnaryOperator<DerivativeStructure> g) {
    DerivativeStructure s = v[0].getField().getZero();
    for (DerivativeStructure e : v) {
      s = s.add(g.apply(e));
    }
    return s;
  }

  private static DerivativeStructure fold(BinaryOperator<DerivativeStructure> op,
      DerivativeStructure[] v) {
    DerivativeStructure acc = v[0];
    for (int i = 1; i < v.length; i++) {
      acc = op.apply(acc, v[i]);
    }
    return acc;
  }

  private static DerivativeStructure newton(UnaryOperator<DerivativeStructure> f,
      DerivativeStructure x) {
    double h = 1e-3;
    return x.subtract(f.apply(x).multiply(h)
        .divide(f.apply(x.add(h)).subtract(f.apply(x.subtract(h))).add(3)));
  }

  private static DerivativeStructure f(DerivativeStructure k, DerivativeStructure x,
      DerivativeStructure y, int n) {
    DerivativeStructure zero = k.getField().getZero();
    DerivativeStructure s = integrate(t -> t.multiply(t).multiply(k).negate().exp(), zero,
        zero.add(1), n + 1);
    DerivativeStructure[] w = {x, y, k.multiply(x)};
    UnaryOperator<DerivativeStructure> sq = t -> {
      DerivativeStructure q = t.multiply(y);
      if (q.getValue() > 1) {
        q = q.sqrt();
      }
      return q.multiply(q);
    };
    s = s.add(sum(w, DerivativeStructure::sin)).add(sum(w, v -> v.multiply(v.sin())))
        .add(sum(w, v -> v.multiply(v).add(1))).add(sum(w, sq));
    s = s.add(integrate(sq, zero, x, 4).add(newton(sq, x)))
        .add(fold((p, q) -> p.multiply(q).add(w[0]), w))
        .add(integrate(DerivativeStructure::exp, zero, y, 3));
    for (int i = 0; i < n; i++) {
      DerivativeStructure c = x.add(i);
      s = s.add(integrate(t -> c.multiply(t.multiply(k).sin()), zero, zero.add(1), 2));
    }
    for (DerivativeStructure e : w) {
      s = s.add(sum(w, t -> e.multiply(t)));
    }
    return s;
  }
}
