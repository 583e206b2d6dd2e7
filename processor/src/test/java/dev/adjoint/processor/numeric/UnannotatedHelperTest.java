package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain static {@code double} helpers (no annotation) whose source is compiled with their
 * caller are differentiated as if they were {@code @Differentiable}: scalar, array and matrix
 * parameters, int parameters passed through, helpers calling helpers, self and mutual
 * recursion, a helper of ints only (a constant: called, not differentiated), a helper that
 * reassigns its parameter, called inside loops and branches, and a helper in another class.
 * Gradients against the exact Hipparchus reference, finite differences and closed forms, with
 * analyses on and off.
 */
class UnannotatedHelperTest {

  private static final String[] HELPERS = {
      "static double sq(double v) { return v * v; }",
      "static double scaled(double v, int k) { v = v * k; return Math.sin(v) + v; }",
      "static double outer(double v, double w) { return sq(v) * Math.exp(w) + scaled(w, 2); }",
      "static double even(double v, int n) { return n <= 0 ? 1 : v * odd(v, n - 1); }",
      "static double odd(double v, int n) { return n <= 0 ? v : Math.cos(v) * even(v, n - 1); }",
      "static double power(double v, int n) {\n"
          + "    if (n == 0) { return 1; }\n"
          + "    return v * power(v, n - 1); }",
      "static double weight(int i) { return 1.0 / (i + 1); }",
      "static double weightedSum(double[] a, int n) {\n"
          + "    double s = 0;\n"
          + "    for (int i = 0; i < n; i++) { s += weight(i) * sq(a[i]); }\n"
          + "    return s; }",
      "static double frobenius(double[][] m) {\n"
          + "    double s = 0;\n"
          + "    for (double[] row : m) { for (double v : row) { s += v * v; } }\n"
          + "    return Math.sqrt(s); }",
      "static double dotScaled(double[] a, double[] b, double c) {\n"
          + "    double s = 0;\n"
          + "    for (int i = 0; i < a.length; i++) { s += a[i] * b[i]; }\n"
          + "    return c * s; }"
  };

  private static List<GradientCase> scalarCases() {
    return List.of(
        GradientCase.of("square", "double x, double y", "return sq(x) * Math.sin(y) + sq(y);")
            .oracle(d -> d.v("x").square().multiply(d.v("y").sin()).add(d.v("y").square()))
            .at(1.5, -0.5)
            .at(-0.7, 2.0),
        GradientCase.of("intPassedThrough", "double x, int k", "return scaled(x, k) * x;")
            .oracle(d -> {
              DerivativeStructure v = d.v("x").multiply(d.i("k"));
              return v.sin().add(v).multiply(d.v("x"));
            })
            .at(0.3, 3)
            .at(-1.1, -2),
        GradientCase.of("helperCallsHelpers", "double x, double y", "return outer(y, x) - x;")
            .oracle(d -> d.v("y").square().multiply(d.v("x").exp())
                .add(d.v("x").multiply(2).sin()).add(d.v("x").multiply(2)).subtract(d.v("x")))
            .at(0.4, 1.3),
        GradientCase.of("mutualRecursion", "double x, int n", "return even(x, n) + odd(x, n);")
            .oracle(d -> evenOracle(d.v("x"), d.i("n")).add(oddOracle(d.v("x"), d.i("n"))))
            .at(0.6, 0)
            .at(0.6, 3)
            .at(-1.2, 4),
        GradientCase.of("selfRecursion", "double x, int n", "return power(x, n);")
            .oracle(d -> d.v("x").pow(d.i("n")))
            .at(1.3, 4)
            .at(-0.8, 3),
        GradientCase.of("inLoopAndBranch", "double x, int n",
                """
                double s = 0;
                for (int i = 0; i < n; i++) {
                  if (i % 2 == 0) {
                    s += weight(i) * sq(x + i);
                  } else {
                    s -= scaled(s, 1);
                  }
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.c(0);
              for (int i = 0; i < d.i("n"); i++) {
                if (i % 2 == 0) {
                  s = s.add(d.v("x").add(i).square().multiply(1.0 / (i + 1)));
                } else {
                  s = s.subtract(s.sin().add(s));
                }
              }
              return s;
            })
            .at(0.7, 5)
            .at(-0.4, 3));
  }

  private static DerivativeStructure evenOracle(DerivativeStructure v, int n) {
    return n <= 0 ? v.getField().getOne() : v.multiply(oddOracle(v, n - 1));
  }

  private static DerivativeStructure oddOracle(DerivativeStructure v, int n) {
    return n <= 0 ? v : v.cos().multiply(evenOracle(v, n - 1));
  }

  private static List<ArrayCase> arrayCases() {
    return List.of(
        ArrayCase.of("arrayHelperWithConstantHelper", "double[] a",
                "return weightedSum(a, a.length);")
            .closedForm(p -> {
              double[] a = (double[]) p[0];
              double[] g = new double[a.length];
              for (int i = 0; i < a.length; i++) {
                g[i] = 2 * a[i] / (i + 1);
              }
              return args(g);
            })
            .random(3, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))),
        ArrayCase.of("matrixHelper", "double[][] M, double x", "return x * frobenius(M);")
            .random(3, r -> args(matrix(r, 2, 3, -1, 1), u(r, -2, 2))),
        ArrayCase.of("arrayAndScalar", "double[] a, double[] b, double c",
                "return dotScaled(a, b, c) + dotScaled(b, b, 1.5);")
            .random(3, r -> {
              int n = 1 + r.nextInt(4);
              return args(vector(r, n, -1, 1), vector(r, n, -1, 1), u(r, -2, 2));
            }));
  }

  private static final CaseSuite SCALARS = CaseSuite.of("adjtest.helpers.plain.Scalars")
      .members(HELPERS).add(scalarCases());
  private static final CaseSuite SCALARS_OFF = CaseSuite.of("adjtest.helpers.plain.off.Scalars")
      .members(HELPERS).options("-Aadjoint.analyses=off").add(scalarCases());
  private static final ArraySuite ARRAYS = ArraySuite.of("adjtest.helpers.plain.Arrays")
      .members(HELPERS).add(arrayCases());
  private static final ArraySuite ARRAYS_OFF = ArraySuite.of("adjtest.helpers.plain.off.Arrays")
      .members(HELPERS).options("-Aadjoint.analyses=off").add(arrayCases());

  @TestFactory
  Stream<DynamicNode> scalarsWithAnalyses() {
    return SCALARS.tests();
  }

  @TestFactory
  Stream<DynamicNode> scalarsWithAnalysesOff() {
    return SCALARS_OFF.tests();
  }

  @TestFactory
  Stream<DynamicNode> arraysWithAnalyses() {
    return ARRAYS.tests();
  }

  @TestFactory
  Stream<DynamicNode> arraysWithAnalysesOff() {
    return ARRAYS_OFF.tests();
  }

  /**
   * A helper in another class of the compilation gets its pullback in that class's adjoint,
   * generated once and called by both callers; the helper gets the full generated API.
   */
  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void helperInAnotherClassIsGeneratedOnceThere(String analyses) throws Exception {
    JavaSource lib = JavaSource.of("adjtest.helpers.other.Shapes",
        "package adjtest.helpers.other;",
        "public final class Shapes {",
        "  public static double cube(double y, double[] c) { return c[0] * y * y * y + c[1]; }",
        "}");
    JavaSource user = JavaSource.of("adjtest.helpers.other.User",
        "package adjtest.helpers.other;",
        "import dev.adjoint.Differentiable;",
        "public final class User {",
        "  @Differentiable",
        "  public static double f(double x, double[] c) { return Shapes.cube(x, c) * x; }",
        "  @Differentiable",
        "  public static double g(double x, double[] c) { return Shapes.cube(2 * x, c); }",
        "}");
    Compiled compiled = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(lib, user);
    double x = 0.7;
    double[] c = {1.5, -0.25};
    AdjointMethod f = compiled.method("adjtest.helpers.other.User", "f");
    Object[] record = f.recordComponentValues(x, c);
    assertEquals(x * (c[0] * x * x * x + c[1]), (double) record[0], 1e-14);
    assertEquals(4 * c[0] * x * x * x + c[1], (double) record[1], 1e-12);
    assertArrayEquals(new double[] {x * x * x * x, x}, (double[]) record[2], 1e-12);
    AdjointMethod g = compiled.method("adjtest.helpers.other.User", "g");
    Object[] gRecord = g.recordComponentValues(x, c);
    assertEquals(2 * 3 * c[0] * 4 * x * x, (double) gRecord[1], 1e-12);
    AdjointMethod cube = compiled.method("adjtest.helpers.other.Shapes", "cube");
    Object[] cubeRecord = cube.recordComponentValues(x, c);
    assertEquals(3 * c[0] * x * x, (double) cubeRecord[1], 1e-12);
  }
}
