package dev.adjoint.processor.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Programs that once failed (found while writing the kernel and @DerivativeOf suites), kept as
 * regression tests; each says what went wrong before the fix.
 */
class FixedGapsTest {

  private static final double EXACT = 1e-12;

  /**
   * {@code @DerivativeOf} accepts a target with one {@code double} and one {@code int} parameter
   * ({@code DerivativeOfReader} counts only {@code double}s), but the call site is rejected:
   * {@code ReverseMode.kernelPullback} counts every numeric argument ({@code Type.isNumeric()},
   * which includes {@code int} and {@code long}) as a scalar needing an adjoint, and throws
   * "power has more than one double argument".
   */
  @Test
  void customDerivativeWithAnIntParameter() {
    Compiled c = InProcessCompiler.create().compile(JavaSource.of("adjtest.gaps.Power",
        "package adjtest.gaps;",
        "import dev.adjoint.DerivativeOf;",
        "import dev.adjoint.Differentiable;",
        "public final class Power {",
        "  static double power(double x, int n) {",
        "    double r = 1;",
        "    for (int i = 0; i < n; i++) r *= x;",
        "    return r;",
        "  }",
        "  @DerivativeOf(value = Power.class, method = \"power\")",
        "  static double powerPullback(double x, int n, double result, double resultBar) {",
        "    return resultBar * n * power(x, n - 1);",
        "  }",
        "  @Differentiable",
        "  static double f(double x) {",
        "    return power(x, 3) + power(2 * x, 2);",
        "  }",
        "}"));
    AdjointMethod f = c.method("adjtest.gaps.Power", "f");
    double x = 1.5;
    assertEquals(3 * x * x + 8 * x, f.valueAndGradient(x).gradient()[0], EXACT);
  }

  /**
   * {@code @DerivativeOf} requires (correctly, per its Javadoc) no adjoint for an {@code int[]}
   * parameter, but {@code ReverseMode.kernelPullback} passes one adjoint per array argument of
   * any element type, so the generated call has an extra {@code null} and does not compile:
   * {@code Gather.gatherPullback(x, idx, gather, gatherBar, xBar, null);} against {@code
   * (double[], int[], double, double, double[])}.
   */
  @Test
  void customDerivativeWithAnIntArrayParameter() {
    Compiled c = InProcessCompiler.create().compile(JavaSource.of("adjtest.gaps.Gather",
        "package adjtest.gaps;",
        "import dev.adjoint.DerivativeOf;",
        "import dev.adjoint.Differentiable;",
        "public final class Gather {",
        "  static double gather(double[] x, int[] idx) {",
        "    double s = 0;",
        "    for (int i : idx) s += x[i];",
        "    return s;",
        "  }",
        "  @DerivativeOf(value = Gather.class, method = \"gather\")",
        "  static void gatherPullback(double[] x, int[] idx, double result, double resultBar,",
        "      double[] xBar) {",
        "    for (int i : idx) xBar[i] += resultBar;",
        "  }",
        "  @Differentiable",
        "  static double f(double[] x, int[] idx) {",
        "    return gather(x, idx) * x[0];",
        "  }",
        "}"));
    AdjointMethod f = c.method("adjtest.gaps.Gather", "f");
    double[] x = {2, 3, 5};
    int[] idx = {1, 1, 2};
    // (x1 + x1 + x2) x0: ∂/∂x0 = 11, ∂/∂x1 = 2 x0 = 4, ∂/∂x2 = x0 = 2
    double[] dX = (double[]) f.recordComponentValues(x, idx)[1];
    assertEquals(11, dX[0], EXACT);
    assertEquals(4, dX[1], EXACT);
    assertEquals(2, dX[2], EXACT);
  }

  /**
   * Math functions may be statically imported, but kernels may not: an unqualified call is
   * looked up only in the enclosing classes ({@code CalleeResolver.resolve}), so {@code dot(x,
   * x)} after {@code import static dev.adjoint.runtime.LinearAlgebra.*} is "no derivative rule
   * for dot(double[], double[])", and the message lists only Math functions.
   */
  @Test
  void staticallyImportedKernels() {
    Compiled c = InProcessCompiler.create().compile(JavaSource.of("adjtest.gaps.StaticImport",
        "package adjtest.gaps;",
        "import static dev.adjoint.runtime.LinearAlgebra.dot;",
        "import static dev.adjoint.runtime.LinearAlgebra.*;",
        "import dev.adjoint.Differentiable;",
        "public final class StaticImport {",
        "  @Differentiable",
        "  static double f(double[] x) {",
        "    return dot(x, x) + sum(x);",
        "  }",
        "}"));
    double[] x = {0.5, -1};
    double[] dX = (double[]) c.method("adjtest.gaps.StaticImport", "f")
        .recordComponentValues((Object) x)[1];
    assertEquals(2, dX[0], EXACT);
    assertEquals(-1, dX[1], EXACT);
  }

  /**
   * A package-private {@code @DerivativeOf} pullback passes the signature check (static, not
   * private) but the generated adjoint of a caller in another package cannot call it: javac
   * reports "cubePullback(double,double,double) is not public in Special; cannot be accessed from
   * outside package" inside {@code app/UserAdjoint.java} (line {@code double xBar = 1.0 +
   * Special.cubePullback(x, cube, 1.0);}). Errors must never come from generated files; expected
   * is either a working adjoint or an {@code [adjoint.*]} error at the pullback or the call.
   */
  @Test
  void packagePrivatePullbackUsedFromAnotherPackage() {
    JavaSource special = JavaSource.of("lib.Special",
        "package lib;",
        "import dev.adjoint.DerivativeOf;",
        "public final class Special {",
        "  public static double cube(double x) { return x * x * x; }",
        "  @DerivativeOf(value = Special.class, method = \"cube\")",
        "  static double cubePullback(double x, double result, double resultBar) {",
        "    return resultBar * 3 * x * x;",
        "  }",
        "}");
    JavaSource user = JavaSource.of("app.User",
        "package app;",
        "import dev.adjoint.Differentiable;",
        "import lib.Special;",
        "public final class User {",
        "  @Differentiable",
        "  public static double f(double x) {",
        "    return Special.cube(x) + x;",
        "  }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(special, user);
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertThat(d.getMessage(null)).contains("[adjoint.");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }

  /**
   * Two {@code @DerivativeOf} methods for one target: the second silently replaces the first
   * ({@code CallRules.add} is a map put), so which derivative is used depends on declaration
   * order. Expected: an error naming both.
   */
  @Test
  void twoDerivativesForOneMethod() {
    JavaSource source = JavaSource.of("adjtest.gaps.Twice",
        "package adjtest.gaps;",
        "import dev.adjoint.DerivativeOf;",
        "import dev.adjoint.Differentiable;",
        "final class Twice {",
        "  static double cube(double x) { return x * x * x; }",
        "  @DerivativeOf(value = Twice.class, method = \"cube\")",
        "  static double cubePullback(double x, double result, double resultBar) {",
        "    return resultBar * 3 * x * x;",
        "  }",
        "  @DerivativeOf(value = Twice.class, method = \"cube\") // the second",
        "  static double otherPullback(double x, double result, double resultBar) {",
        "    return 0;",
        "  }",
        "  @Differentiable",
        "  static double f(double x) { return cube(x); }",
        "}");
    Compilation c = InProcessCompiler.create().compileRaw(source);
    assertThat(c).hadErrorContaining("[adjoint.derivative]").inFile(source.toFileObject())
        .onLineContaining("// the second");
  }

  /**
   * A plain static {@code f} with any static {@code fPullback} beside it was taken for a kernel
   * ({@code CalleeResolver.hasPullback} looked only at the name), and the call was generated
   * without checking that signature: here {@code energyPullback(double[])} means something else,
   * and javac failed inside {@code ConvAdjoint.java}. Now a method merely named like a pullback
   * is not one, and {@code energy}, whose source is compiled here, is differentiated as if it
   * were annotated: the gradient of {@code 2 Σ x²} is {@code 4x}.
   */
  @Test
  void methodNamedLikeAPullbackIsNotCheckedBeforeUse() {
    JavaSource source = JavaSource.of("adjtest.gaps.Conv",
        "package adjtest.gaps;",
        "import dev.adjoint.Differentiable;",
        "final class Conv {",
        "  static double energy(double[] x) {",
        "    double s = 0;",
        "    for (double v : x) s += v * v;",
        "    return s;",
        "  }",
        "  static void energyPullback(double[] x) { java.util.Arrays.fill(x, 0); }",
        "  @Differentiable",
        "  static double f(double[] x) {",
        "    return energy(x) * 2;",
        "  }",
        "}");
    Compiled compiled = InProcessCompiler.create().compile(source);
    double[] x = {0.5, -1.5, 2.0};
    double[] dX = (double[]) compiled.method("adjtest.gaps.Conv", "f")
        .recordComponentValues((Object) x)[1];
    for (int i = 0; i < x.length; i++) {
      assertEquals(4 * x[i], dX[i], 1e-12);
    }
  }

  /**
   * {@link dev.adjoint.DerivativeOf#method()} says the target must "not be overloaded with the
   * same arity", and rules are keyed by arity ({@code CallRules}), but {@code DerivativeOfReader}
   * counts every static method of that name: {@code g(double)} beside {@code g(double, double)}
   * is "there are 2 overloads; Adjoint needs exactly one". Either the reader or the Javadoc is
   * wrong; this test takes the Javadoc's side.
   */
  @Test
  void overloadWithAnotherArity() {
    Compiled c = InProcessCompiler.create().compile(JavaSource.of("adjtest.gaps.Arity",
        "package adjtest.gaps;",
        "import dev.adjoint.DerivativeOf;",
        "import dev.adjoint.Differentiable;",
        "public final class Arity {",
        "  static double g(double x) { return x * x; }",
        "  static double g(double x, double y) { return x * y; }",
        "  @DerivativeOf(value = Arity.class, method = \"g\")",
        "  static double gPullback(double x, double result, double resultBar) {",
        "    return resultBar * 2 * x;",
        "  }",
        "  @Differentiable",
        "  static double f(double x) {",
        "    return g(x) + x;",
        "  }",
        "}"));
    assertEquals(4.0, c.method("adjtest.gaps.Arity", "f").valueAndGradient(1.5).gradient()[0],
        EXACT);
  }
}
