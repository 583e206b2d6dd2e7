package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User names that coincide with what the generated code names (issue 8): a parameter called like
 * a class the generated code calls ({@code Math}, the owner, the generated class, a record,
 * {@code Stacks}, {@code Gradients}) obscures that class, a parameter called like one of our
 * variables ({@code stacks}, {@code seed}, {@code grad}) must push ours aside, callees in
 * subpackages and nested classes must be named by their canonical names, a {@code throws} clause
 * must carry over. Each is compiled and its gradient checked, with analyses on and off.
 */
class GeneratedNamesGradientTest {

  private static final String OFF = "-Aadjoint.analyses=off";

  /** Called by the cases below: its adjoint class and record are what they shadow. */
  private static final GradientCase SQ = GradientCase.of("sq", "double x", "return x * x;")
      .oracle(d -> d.v("x").square())
      .at(1.5);

  static List<GradientCase> cases() {
    return List.of(
        SQ,
        GradientCase.of("paramNamedMath", "double Math, double x",
                "return Math * java.lang.Math.sin(x) + java.lang.Math.PI * x;")
            .oracle(d -> d.v("Math").multiply(d.v("x").sin()).add(d.v("x").multiply(Math.PI)))
            .at(1.5, 0.7),
        GradientCase.of("paramNamedOwner", "double Shadow, double x", "return Shadow * sq(x);")
            .oracle(d -> d.v("Shadow").multiply(d.v("x").square()))
            .at(1.5, 0.7),
        GradientCase.of("paramNamedGeneratedClass", "double ShadowAdjoint, double x",
                "return ShadowAdjoint * sq(x);")
            .oracle(d -> d.v("ShadowAdjoint").multiply(d.v("x").square()))
            .at(1.5, 0.7),
        GradientCase.of("paramNamedRecord", "double SqGradient, double x",
                "return SqGradient * sq(x);")
            .oracle(d -> d.v("SqGradient").multiply(d.v("x").square()))
            .at(1.5, 0.7),
        GradientCase.of("paramNamedGradients", "double Gradients, double x",
                "return Gradients * dev.adjoint.runtime.Gradients.withoutDerivative(x) * x;")
            .oracle(d -> d.v("Gradients").multiply(d.x("x")).multiply(d.v("x")))
            .noFiniteDifferences() // of the original, which has withoutDerivative's derivative
            .at(1.5, 0.7),
        GradientCase.of("paramNamedStacksClass", "double Stacks, double x",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s = s * x + Stacks * sq(s + 1);
                }
                return s;""")
            .oracle(d -> loop(d.v("Stacks"), d.v("x")))
            .at(0.5, 0.7),
        GradientCase.of("paramNamedStacks", "double stacks, double x",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s = s * x + stacks * sq(s + 1);
                }
                return s;""")
            .oracle(d -> loop(d.v("stacks"), d.v("x")))
            .at(0.5, 0.7),
        GradientCase.of("paramsNamedSeedGradValueInLoop",
                "double seed, double grad, double value, double x",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s = s * x + seed * grad * sq(s + value);
                }
                return s;""")
            .oracle(d -> {
              var s = d.v("x").multiply(0);
              for (int i = 0; i < 3; i++) {
                s = s.multiply(d.v("x")).add(d.v("seed").multiply(d.v("grad"))
                    .multiply(s.add(d.v("value")).square()));
              }
              return s;
            })
            .at(0.5, 0.3, 0.2, 0.7),
        GradientCase.of("localsNamedLikeOurs", "double x",
                """
                double stacks = x;
                double iterations = 0;
                boolean broke = false;
                double branch = 1;
                double calleeGradient = 0;
                int i = 0;
                while (!broke) {
                  iterations = iterations + 1;
                  stacks = stacks * x + branch;
                  calleeGradient = calleeGradient + sq(stacks);
                  i++;
                  broke = i >= 3;
                }
                return calleeGradient + iterations;""")
            .oracle(d -> {
              var stacks = d.v("x");
              var callee = d.v("x").multiply(0);
              for (int i = 0; i < 3; i++) {
                stacks = stacks.multiply(d.v("x")).add(1);
                callee = callee.add(stacks.square());
              }
              return callee.add(3);
            })
            .at(0.7),
        // The only return is inside while (true): the result is first assigned in the loop.
        GradientCase.of("onlyReturnInWhileTrue", "double x",
                """
                int i = 0;
                while (true) {
                  x = x * 1.5 + Math.sin(x);
                  i++;
                  if (i > 3) {
                    return x;
                  }
                }""")
            .oracle(d -> {
              var x = d.v("x");
              for (int i = 0; i < 4; i++) {
                x = x.multiply(1.5).add(x.sin());
              }
              return x;
            })
            .at(0.7)
            .at(-1.2));
  }

  private static org.hipparchus.analysis.differentiation.DerivativeStructure loop(
      org.hipparchus.analysis.differentiation.DerivativeStructure a,
      org.hipparchus.analysis.differentiation.DerivativeStructure x) {
    var s = x.multiply(0);
    for (int i = 0; i < 3; i++) {
      s = s.multiply(x).add(a.multiply(s.add(1).square()));
    }
    return s;
  }

  @TestFactory
  Stream<DynamicNode> userNamesLikeGeneratedOnes() {
    return CaseSuite.of("adjtest.gen.Shadow").add(cases()).tests();
  }

  @TestFactory
  Stream<DynamicNode> userNamesLikeGeneratedOnesAnalysesOff() {
    return CaseSuite.of("adjtest.gen.Shadow").options(OFF).add(cases()).tests();
  }

  /** A callee in a subpackage, imported, fully qualified and nested; a kernel there too. */
  @ParameterizedTest
  @ValueSource(strings = {"", OFF})
  void calleesInASubpackage(String option) {
    Compiled c = compile(option,
        JavaSource.of("adjtest.gen.sub.other.Lib",
            "package adjtest.gen.sub.other;",
            "import dev.adjoint.Differentiable;",
            "public class Lib {",
            "  @Differentiable public static double g(double x) { return x * Math.exp(x); }",
            "  public static class In {",
            "    @Differentiable public static double h(double x) { return x * x * x; }",
            "  }",
            "  /** A kernel: its pullback beside it, by the naming convention. */",
            "  public static double k(double x) { return Math.sin(x); }",
            "  public static double kPullback(double x, double result, double resultBar) {",
            "    return resultBar * Math.cos(x);",
            "  }",
            "}"),
        JavaSource.of("adjtest.gen.sub.Caller",
            "package adjtest.gen.sub;",
            "import adjtest.gen.sub.other.Lib;",
            "import dev.adjoint.Differentiable;",
            "public class Caller {",
            "  @Differentiable public static double f(double x) {",
            "    return Lib.g(x) + adjtest.gen.sub.other.Lib.g(2 * x)",
            "        + adjtest.gen.sub.other.Lib.In.h(x) * Lib.k(x);",
            "  }",
            "}"));
    checkAgainstFiniteDifferences(c.method("adjtest.gen.sub.Caller", "f"), 0.7);
    checkAgainstFiniteDifferences(c.method("adjtest.gen.sub.Caller", "f"), -0.4);
  }

  /** The generated methods declare what the user's declare, as they call what it calls. */
  @ParameterizedTest
  @ValueSource(strings = {"", OFF})
  void throwsClausesCarryOver(String option) {
    Compiled c = compile(option,
        JavaSource.of("adjtest.gen.Throwing",
            "package adjtest.gen;",
            "import dev.adjoint.Differentiable;",
            "public class Throwing {",
            "  static int times(double x) throws Exception { return 3; }",
            "  static int count(double x) throws java.io.IOException { return 2; }",
            "  @Differentiable static double g(double x) throws Exception {",
            "    return x * x * times(x);",
            "  }",
            "  @Differentiable static double f(double x) throws Exception {",
            "    double s = 0;",
            "    for (int i = 0; i < count(x); i++) { s += g(x) * x; }",
            "    return s;",
            "  }",
            "}"));
    checkAgainstFiniteDifferences(c.method("adjtest.gen.Throwing", "f"), 0.7);
    assertTrue(c.generatedSource("adjtest.gen.ThrowingAdjoint").replaceAll("\\s+", " ")
        .contains("fPullback(double x, double seed, double[] grad, Stacks stacks) throws"
            + " Exception"));
  }

  /**
   * Overloads, a user method named like a generated pullback or record, helpers named like our
   * variables: every generated method gets its own signature and name.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", OFF})
  void userMethodsNamedLikeGeneratedOnes(String option) throws Exception {
    Compiled c = compile(option,
        JavaSource.of("adjtest.gen.Methods",
            "package adjtest.gen;",
            "import dev.adjoint.Differentiable;",
            "public class Methods {",
            "  static int stacks(double x) { return 2; }",
            "  static int seed(double x) { return 3; }",
            "  @Differentiable static double f(double x) {",
            "    double s = 0;",
            "    for (int i = 0; i < seed(x); i++) { s += x * stacks(x) * s + x; }",
            "    return s;",
            "  }",
            "  @Differentiable static double f(double x, double y) { return x * y * y; }",
            "  @Differentiable static double fPullback(double x) { return x * x * x; }",
            "  @Differentiable static double FGradient(double x) {",
            "    return f(x) * f(x, 2 * x) + fPullback(x);",
            "  }",
            "}"));
    checkAgainstFiniteDifferences(c.method("adjtest.gen.Methods", "FGradient"), 0.7);
    checkAgainstFiniteDifferences(c.method("adjtest.gen.Methods", "fPullback"), 0.7);
    // The overload f(double, double): its own record and pullback.
    Class<?> adjoint = c.loadClass("adjtest.gen.MethodsAdjoint");
    Method fxy = adjoint.getMethod("f", double.class, double.class);
    Object record = fxy.invoke(null, 1.5, 2.0);
    double[] gradient = (double[]) record.getClass().getMethod("gradient").invoke(record);
    assertEquals(List.of(4.0, 6.0), List.of(gradient[0], gradient[1]),
        Arrays.toString(gradient));
    double[] grad = new double[2];
    Method pullback = adjoint.getMethod("fPullback", double.class, double.class, double.class,
        double[].class);
    assertEquals(6.0, (double) pullback.invoke(null, 1.5, 2.0, 2.5, grad));
    assertEquals(List.of(10.0, 15.0), List.of(grad[0], grad[1]));
  }

  /** A parameter named LinearAlgebra: the kernels and their pullbacks are named in full. */
  @ParameterizedTest
  @ValueSource(strings = {"", OFF})
  void parameterNamedLinearAlgebra(String option) {
    Compiled c = compile(option,
        JavaSource.of("adjtest.gen.Kernels",
            "package adjtest.gen;",
            "import dev.adjoint.Differentiable;",
            "public class Kernels {",
            "  @Differentiable static double f(double LinearAlgebra, double[] x) {",
            "    double[] y = dev.adjoint.runtime.LinearAlgebra.scale(LinearAlgebra, x);",
            "    return dev.adjoint.runtime.LinearAlgebra.dot(y, x);",
            "  }",
            "}"));
    double a = 1.5;
    double[] x = {0.5, -2.0};
    Object[] record = c.method("adjtest.gen.Kernels", "f").recordComponentValues(a, x);
    // f = a (x . x): df/da = x . x, df/dx = 2 a x
    assertEquals(a * 4.25, (double) record[0], 1e-12);
    assertEquals(4.25, (double) record[1], 1e-12);
    assertEquals(List.of(1.5, -6.0), Arrays.stream((double[]) record[2]).boxed().toList());
    assertTrue(c.generatedSource("adjtest.gen.KernelsAdjoint")
        .contains("dev.adjoint.runtime.LinearAlgebra.dotPullback("));
  }

  /** A @DerivativeOf pullback in a nested class of the same package is callable. */
  @ParameterizedTest
  @ValueSource(strings = {"", OFF})
  void derivativeInANestedClass(String option) {
    Compiled c = compile(option,
        JavaSource.of("adjtest.gen.Nested",
            "package adjtest.gen;",
            "import dev.adjoint.DerivativeOf;",
            "import dev.adjoint.Differentiable;",
            "public class Nested {",
            "  static double cube(double x) { return x * x * x; }",
            "  static class Derivatives {",
            "    @DerivativeOf(value = Nested.class, method = \"cube\")",
            "    static double cubePullback(double x, double result, double resultBar) {",
            "      return resultBar * 3 * x * x;",
            "    }",
            "  }",
            "  @Differentiable static double f(double x) { return cube(x) * Math.sin(x); }",
            "}"));
    checkAgainstFiniteDifferences(c.method("adjtest.gen.Nested", "f"), 0.7);
  }

  private static Compiled compile(String option, JavaSource... sources) {
    InProcessCompiler compiler = InProcessCompiler.create();
    if (!option.isEmpty()) {
      compiler.withOptions(option);
    }
    return compiler.compile(sources);
  }

  /** Record and pullback (seed 2.5, into a pre-filled grad) against finite differences. */
  private static void checkAgainstFiniteDifferences(AdjointMethod m, double x) {
    ValueAndGradient vg = m.valueAndGradient(x);
    double fd = FiniteDifferences.gradient(v -> m.call(v[0]), new double[] {x})[0];
    String context = " of " + m.name() + " at " + x + ": " + vg + ", finite differences " + fd
        + "\n" + m.generatedSnippet();
    assertTrue(FiniteDifferences.relativeError(m.call(x), vg.value()) <= Tolerances.VALUE,
        "value" + context);
    assertTrue(FiniteDifferences.relativeError(fd, vg.components()[0])
        <= Tolerances.FINITE_DIFFERENCES, "gradient" + context);
    double[] grad = {1.0};
    double value = m.pullback(CaseSuite.SEED, grad, x);
    assertTrue(FiniteDifferences.relativeError(m.call(x), value) <= Tolerances.VALUE,
        "pullback value" + context);
    assertTrue(FiniteDifferences.relativeError(1.0 + CaseSuite.SEED * fd, grad[0])
        <= Tolerances.FINITE_DIFFERENCES, "pullback gradient " + grad[0] + context);
  }
}
