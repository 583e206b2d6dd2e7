package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Names must be resolved the way javac resolves them. A call or constant that looks like {@code
 * Math.sin} / {@code sin} / {@code PI} but is really the user's own member (shadowing a static
 * import, or a class that happens to be called {@code Math}) must be either differentiated
 * correctly or rejected with an Adjoint error at that construct, never silently replaced by
 * java.lang.Math. And user names that coincide with names the generator uses must not change the
 * result.
 */
class NameResolutionTest {

  /** Names in the user's code that the generated code also wants: value, seed, grad, xBar, Math. */
  private static final CaseSuite COLLISIONS =
      CaseSuite.of(
          "adjtest.names.Collisions",
          GradientCase.of("paramsNamedSeedGrad", "double seed, double grad",
                  "return seed * grad + Math.sin(seed);")
              .oracle(d -> d.v("seed").multiply(d.v("grad")).add(d.v("seed").sin()))
              .at(1.5, 2.0),
          GradientCase.of("paramsNamedValueResult", "double value, double result",
                  "return value * result * result;")
              .oracle(d -> d.v("value").multiply(d.v("result").square()))
              .at(1.5, 2.0),
          GradientCase.of("paramsXandDX", "double x, double dX", "return x * dX * dX;")
              .oracle(d -> d.v("x").multiply(d.v("dX").square()))
              .at(1.5, 2.0),
          GradientCase.of("localsNamedValueSeedGrad", "double x",
                  """
                  double value = x * x;
                  double seed = value + 1;
                  double grad = seed * x;
                  return grad;""")
              .oracle(d -> d.v("x").square().add(1).multiply(d.v("x")))
              .at(1.5)
              .at(-0.5),
          GradientCase.of("localsNamedLikeAdjoints", "double x, double y",
                  """
                  double xBar = x * y;
                  double yBar = xBar + y;
                  double exp = Math.exp(yBar);
                  double branch = exp * x;
                  double xBar2 = branch - 1;
                  return xBar2 * xBar;""")
              .oracle(d -> {
                var xBar = d.v("x").multiply(d.v("y"));
                var yBar = xBar.add(d.v("y"));
                return yBar.exp().multiply(d.v("x")).subtract(1).multiply(xBar);
              })
              .at(0.5, 0.3),
          GradientCase.of("localNamedMath", "double x",
                  """
                  double Math = x * x;
                  return Math * StrictMath.sin(x);""")
              .oracle(d -> d.v("x").square().multiply(d.v("x").sin()))
              .at(1.5),
          GradientCase.of("localNamedE", "double x",
                  """
                  double E = x * x;
                  return E * Math.E;""")
              .oracle(d -> d.v("x").square().multiply(Math.E))
              .at(1.5),
          GradientCase.of("paramNamedPI", "double x, double PI", "return PI * x + Math.PI;")
              .oracle(d -> d.v("PI").multiply(d.v("x")).add(Math.PI))
              .at(1.5, 2.0),
          GradientCase.of("fullyQualifiedMath", "double x",
                  "return java.lang.Math.sin(x) * java.lang.Math.PI"
                      + " + java.lang.StrictMath.exp(x);")
              .oracle(d -> d.v("x").sin().multiply(Math.PI).add(d.v("x").exp()))
              .at(1.5)
              .at(-0.3));

  @TestFactory
  Stream<DynamicNode> userNamesThatCollideWithGeneratedNames() {
    return COLLISIONS.tests();
  }

  /** With {@code import static java.lang.Math.*}, the class's own sin is the one called. */
  @Test
  void ownMethodShadowsStaticImportOnDemand() {
    correctOrRejected(
        "adjtest.names.OwnSin.f",
        args(0.7),
        JavaSource.of("adjtest.names.OwnSin",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import dev.adjoint.Differentiable;",
            "public class OwnSin {",
            "  static double sin(double x) { return 2 * x; }",
            "  @Differentiable",
            "  public static double f(double x) { return sin(x); }",
            "}"));
  }

  /** A member method shadows even a single-static-import of the same name. */
  @Test
  void ownMethodShadowsSingleStaticImport() {
    correctOrRejected(
        "adjtest.names.OwnExp.f",
        args(0.7),
        JavaSource.of("adjtest.names.OwnExp",
            "package adjtest.names;",
            "import static java.lang.Math.exp;",
            "import dev.adjoint.Differentiable;",
            "public class OwnExp {",
            "  static double exp(double x) { return 3 * x; }",
            "  @Differentiable",
            "  public static double f(double x) { return exp(x) * x; }",
            "}"));
  }

  /** A field named PI shadows Math.PI imported on demand: 3 x². */
  @Test
  void ownFieldShadowsStaticImportedConstant() {
    exact("adjtest.names.OwnPi", 0.7, 3 * 0.49, 6 * 0.7,
        JavaSource.of("adjtest.names.OwnPi",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import dev.adjoint.Differentiable;",
            "public class OwnPi {",
            "  static final double PI = 3;",
            "  @Differentiable",
            "  public static double f(double x) { return PI * x * x; }",
            "}"));
  }

  /** A nested class called Math: {@code Math.exp} is that class's method. */
  @Test
  void nestedClassNamedMath() {
    correctOrRejected(
        "adjtest.names.NestedMath.f",
        args(0.7),
        JavaSource.of("adjtest.names.NestedMath",
            "package adjtest.names;",
            "import dev.adjoint.Differentiable;",
            "public class NestedMath {",
            "  static class Math {",
            "    static double exp(double x) { return 3 * x; }",
            "  }",
            "  @Differentiable",
            "  public static double f(double x) { return Math.exp(x); }",
            "}"));
  }

  /** A class called Math in the same package: {@code Math.sin} is that class's method. */
  @Test
  void samePackageClassNamedMath() {
    correctOrRejected(
        "adjtest.names.pkg.UsesMath.f",
        args(0.7),
        JavaSource.of("adjtest.names.pkg.Math",
            "package adjtest.names.pkg;",
            "public class Math {",
            "  public static double sin(double x) { return 2 * x; }",
            "  public static double cos(double x) { return 5; }",
            "}"),
        JavaSource.of("adjtest.names.pkg.UsesMath",
            "package adjtest.names.pkg;",
            "import dev.adjoint.Differentiable;",
            "public class UsesMath {",
            "  @Differentiable",
            "  public static double f(double x) { return Math.sin(x); }",
            "}"));
  }

  /**
   * A class called Math in the package of the *annotated class* must not capture the generated
   * code's own uses of java.lang.Math either (here the user only calls StrictMath).
   */
  @Test
  void samePackageClassNamedMathDoesNotCaptureGeneratedCode() {
    correctOrRejected(
        "adjtest.names.pkg2.UsesStrict.f",
        args(0.7),
        JavaSource.of("adjtest.names.pkg2.Math",
            "package adjtest.names.pkg2;",
            "public class Math {",
            "  public static double cos(double x) { return 5; }",
            "  public static double sin(double x) { return 7; }",
            "}"),
        JavaSource.of("adjtest.names.pkg2.UsesStrict",
            "package adjtest.names.pkg2;",
            "import dev.adjoint.Differentiable;",
            "public class UsesStrict {",
            "  @Differentiable",
            "  public static double f(double x) { return StrictMath.sin(x) * x; }",
            "}"));
  }

  // ---------------------------------------------------------------------------------------------
  // Names a wrong resolution would turn into a wrong value or gradient: each is differentiated
  // exactly, with analyses on and off. test.lib.MyMath's functions are named like Math's.

  /** {@code exp(x) = 5x}, {@code @Differentiable}: a different function from Math's exp. */
  private static final JavaSource MY_MATH = JavaSource.of("adjtest.names.lib.MyMath",
      "package adjtest.names.lib;",
      "import dev.adjoint.Differentiable;",
      "public final class MyMath {",
      "  @Differentiable",
      "  public static double exp(double x) { return 5 * x; }",
      "  @Differentiable",
      "  public static double sin(double x) { return x * x; }",
      "}");

  /** {@code log(x) = 3x}, differentiated by the user's {@code @DerivativeOf} pullback. */
  private static final JavaSource MY_LOG = JavaSource.of("adjtest.names.lib.MyLog",
      "package adjtest.names.lib;",
      "import dev.adjoint.DerivativeOf;",
      "public final class MyLog {",
      "  public static double log(double x) { return 3 * x; }",
      "  @DerivativeOf(value = MyLog.class, method = \"log\")",
      "  public static double logPullback(double x, double result, double resultBar) {",
      "    return 3 * resultBar;",
      "  }",
      "}");

  @Test
  void singleStaticImportShadowsMathOnDemand() {
    // exp is MyMath's (5x), sin is Math's: f = 5x sin x
    exact("adjtest.names.SingleImport", 0.7,
        5 * 0.7 * Math.sin(0.7), 5 * Math.sin(0.7) + 5 * 0.7 * Math.cos(0.7),
        JavaSource.of("adjtest.names.SingleImport",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import static adjtest.names.lib.MyMath.exp;",
            "import dev.adjoint.Differentiable;",
            "public class SingleImport {",
            "  @Differentiable",
            "  public static double f(double x) { return exp(x) * sin(x); }",
            "}"), MY_MATH);
  }

  @Test
  void singleStaticImportOfMathShadowsUserOnDemand() {
    // exp is Math's (single import), sin is MyMath's (x², on demand): f = e^x x²
    exact("adjtest.names.MathSingle", 0.7,
        Math.exp(0.7) * 0.49, Math.exp(0.7) * 0.49 + Math.exp(0.7) * 1.4,
        JavaSource.of("adjtest.names.MathSingle",
            "package adjtest.names;",
            "import static java.lang.Math.exp;",
            "import static adjtest.names.lib.MyMath.*;",
            "import dev.adjoint.Differentiable;",
            "public class MathSingle {",
            "  @Differentiable",
            "  public static double f(double x) { return exp(x) * sin(x); }",
            "}"), MY_MATH);
  }

  @Test
  void derivativeOfFunctionImportedBesideMath() {
    // log is MyLog's (3x, its own pullback), sqrt Math's: f = 3x + sqrt x
    exact("adjtest.names.CustomLog", 0.7, 3 * 0.7 + Math.sqrt(0.7), 3 + 0.5 / Math.sqrt(0.7),
        JavaSource.of("adjtest.names.CustomLog",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import static adjtest.names.lib.MyLog.log;",
            "import dev.adjoint.Differentiable;",
            "public class CustomLog {",
            "  @Differentiable",
            "  public static double f(double x) { return log(x) + sqrt(x); }",
            "}"), MY_LOG);
  }

  @Test
  void ownDifferentiableMethodShadowsMathImports() {
    // the class's own sin (2x) over both imports; cos stays Math's: f = 2x cos x
    exact("adjtest.names.OwnDiff", 0.7, 1.4 * Math.cos(0.7),
        2 * Math.cos(0.7) - 1.4 * Math.sin(0.7),
        JavaSource.of("adjtest.names.OwnDiff",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import static java.lang.Math.sin;",
            "import dev.adjoint.Differentiable;",
            "public class OwnDiff {",
            "  @Differentiable",
            "  static double sin(double x) { return 2 * x; }",
            "  @Differentiable",
            "  public static double f(double x) { return sin(x) * cos(x); }",
            "}"));
  }

  @Test
  void inheritedMethodShadowsMathImports() {
    // cos is inherited from Base (x³), also as Derived.cos: f = 2x³
    exact("adjtest.names.Derived", 0.7, 2 * 0.343, 6 * 0.49,
        JavaSource.of("adjtest.names.Base",
            "package adjtest.names;",
            "import dev.adjoint.Differentiable;",
            "public class Base {",
            "  @Differentiable",
            "  public static double cos(double x) { return x * x * x; }",
            "}"),
        JavaSource.of("adjtest.names.Derived",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import dev.adjoint.Differentiable;",
            "public class Derived extends Base {",
            "  @Differentiable",
            "  public static double f(double x) { return cos(x) + Derived.cos(x); }",
            "}"));
  }

  @Test
  void samePackageMathWithDifferentiableMethods() {
    // Math.sin is the package's Math (3x); java.lang.Math.cos the library's: f = 3x cos x
    exact("adjtest.names.pkg3.UsesOwnMath", 0.7, 2.1 * Math.cos(0.7),
        3 * Math.cos(0.7) - 2.1 * Math.sin(0.7),
        JavaSource.of("adjtest.names.pkg3.Math",
            "package adjtest.names.pkg3;",
            "import dev.adjoint.Differentiable;",
            "public class Math {",
            "  @Differentiable",
            "  public static double sin(double x) { return 3 * x; }",
            "}"),
        JavaSource.of("adjtest.names.pkg3.UsesOwnMath",
            "package adjtest.names.pkg3;",
            "import dev.adjoint.Differentiable;",
            "public class UsesOwnMath {",
            "  @Differentiable",
            "  public static double f(double x) { return Math.sin(x) * java.lang.Math.cos(x); }",
            "}"));
  }

  @Test
  void singleTypeImportShadowsSamePackageClass() {
    // the package's MyMath would be exp = 7x; the import wins: adjtest.names.lib.MyMath, 5x
    exact("adjtest.names.pkg4.Imports", 0.7, 3.5, 5,
        JavaSource.of("adjtest.names.pkg4.MyMath",
            "package adjtest.names.pkg4;",
            "import dev.adjoint.Differentiable;",
            "public class MyMath {",
            "  @Differentiable",
            "  public static double exp(double x) { return 7 * x; }",
            "}"),
        JavaSource.of("adjtest.names.pkg4.Imports",
            "package adjtest.names.pkg4;",
            "import adjtest.names.lib.MyMath;",
            "import dev.adjoint.Differentiable;",
            "public class Imports {",
            "  @Differentiable",
            "  public static double f(double x) { return MyMath.exp(x); }",
            "}"), MY_MATH);
  }

  @Test
  void staticallyImportedWithoutDerivative() {
    // x * stop(x * x): ∂x = x², not 3x²
    exact(false, "adjtest.names.Stop", 0.7, 0.343, 0.49,
        JavaSource.of("adjtest.names.Stop",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import static dev.adjoint.runtime.Gradients.*;",
            "import dev.adjoint.Differentiable;",
            "public class Stop {",
            "  @Differentiable",
            "  public static double f(double x) { return x * withoutDerivative(abs(x) * x); }",
            "}"));
  }

  /**
   * Kernels against the user's functions of the same names: the class's own {@code sum} (Σ 2x)
   * hides LinearAlgebra.sum imported on demand, while {@code dot} stays the kernel; a
   * single-static-import of the user's {@code norm2} (Σ x) hides the kernel's.
   */
  @Test
  void userFunctionsNamedLikeKernels() {
    JavaSource mine = JavaSource.of("adjtest.names.lib.MyKernels",
        "package adjtest.names.lib;",
        "import dev.adjoint.Differentiable;",
        "public final class MyKernels {",
        "  @Differentiable",
        "  public static double norm2(double[] x) {",
        "    double s = 0;",
        "    for (double v : x) { s += v; }",
        "    return s;",
        "  }",
        "}");
    JavaSource user = JavaSource.of("adjtest.names.Kernels",
        "package adjtest.names;",
        "import static dev.adjoint.runtime.LinearAlgebra.*;",
        "import static adjtest.names.lib.MyKernels.norm2;",
        "import dev.adjoint.Differentiable;",
        "public class Kernels {",
        "  @Differentiable",
        "  static double sum(double[] x) {",
        "    double s = 0;",
        "    for (double v : x) { s += 2 * v; }",
        "    return s;",
        "  }",
        "  @Differentiable",
        "  public static double f(double[] x) { return sum(x) * dot(x, x) + norm2(x); }",
        "}");
    double[] x = {0.5, -1.5};
    for (String analyses : new String[] {"on", "off"}) {
      AdjointMethod f = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
          .compile(user, mine).method("adjtest.names.Kernels", "f");
      Object[] record = f.recordComponentValues((Object) x);
      // f = 2 Σx · Σx² + Σx = 2(-1)(2.5) - 1 = -6; ∂f/∂x_i = 2 Σx² + 4 x_i Σx + 1
      double[] dX = (double[]) record[1];
      String context = "analyses " + analyses + ":\n" + f.generatedSnippet();
      assertTrue(Math.abs((Double) record[0] + 6) < 1e-12, () -> "value " + record[0] + context);
      assertTrue(Math.abs(dX[0] - (5 - 2 + 1)) < 1e-12 && Math.abs(dX[1] - (5 + 6 + 1)) < 1e-12,
          () -> "gradient " + java.util.Arrays.toString(dX) + context);
    }
  }

  /** A local named like the class of a constant, in another scope, does not capture it. */
  @Test
  void localNamedIntegerBesideIntegerConstant() {
    correctOrRejected(
        "adjtest.names.LocalInteger.f",
        args(0.7),
        JavaSource.of("adjtest.names.LocalInteger",
            "package adjtest.names;",
            "import dev.adjoint.Differentiable;",
            "public class LocalInteger {",
            "  @Differentiable",
            "  public static double f(double x) {",
            "    if (x > 5) {",
            "      double Integer = x * x;",
            "      double Long = Integer * x;",
            "      return Long;",
            "    }",
            "    int k = Integer.MAX_VALUE % 5;",
            "    long m = Long.MIN_VALUE % 5;",
            "    return x * k * m;",
            "  }",
            "}"));
  }

  /** A single-static-import of a user's PI hides Math.PI imported on demand: 4 x. */
  @Test
  void importedUserConstantBesideMathOnDemand() {
    exact("adjtest.names.UsesFour", 0.7, 4 * 0.7, 4,
        JavaSource.of("adjtest.names.lib.Four",
            "package adjtest.names.lib;",
            "public final class Four {",
            "  private Four() {}",
            "  public static final double PI = 4;",
            "}"),
        JavaSource.of("adjtest.names.UsesFour",
            "package adjtest.names;",
            "import static java.lang.Math.*;",
            "import static adjtest.names.lib.Four.PI;",
            "import dev.adjoint.Differentiable;",
            "public class UsesFour {",
            "  @Differentiable",
            "  public static double f(double x) { return PI * x; }",
            "}"));
  }

  @Test
  void strictMathSingleImportBesideMathOnDemand() {
    Compiled c = InProcessCompiler.create().compile(JavaSource.of("adjtest.names.Strict",
        "package adjtest.names;",
        "import static java.lang.Math.*;",
        "import static java.lang.StrictMath.sin;",
        "import dev.adjoint.Differentiable;",
        "public class Strict {",
        "  @Differentiable",
        "  public static double f(double x) { return sin(x) * cos(x); }",
        "}"));
    String generated = c.method("adjtest.names.Strict", "f").generatedSnippet();
    assertTrue(generated.contains("StrictMath.sin(") && !generated.contains("StrictMath.cos("),
        () -> "sin is StrictMath's, cos Math's:\n" + generated);
  }

  /**
   * Compiles with analyses on and off; the generated value and gradient must be {@code value}
   * and {@code gradient} (to rounding), and agree with finite differences of the original.
   */
  private static void exact(String cls, double x, double value, double gradient,
      JavaSource... sources) {
    exact(true, cls, x, value, gradient, sources);
  }

  /** As above; without finite differences where the gradient is stopped on purpose. */
  private static void exact(boolean finiteDifferences, String cls, double x, double value,
      double gradient, JavaSource... sources) {
    for (String analyses : new String[] {"on", "off"}) {
      Compiled compiled = InProcessCompiler.create()
          .withOptions("-Aadjoint.analyses=" + analyses).compile(sources);
      AdjointMethod m = compiled.method(cls, "f");
      ValueAndGradient vg = m.valueAndGradient(x);
      double fd = FiniteDifferences.gradient(v -> m.call(v[0]), new double[] {x})[0];
      String context = " (analyses " + analyses + "): " + vg + ", expected value " + value
          + ", gradient " + gradient + "\n---- generated ----\n" + m.generatedSnippet();
      assertTrue(FiniteDifferences.relativeError(value, m.call(x)) <= 1e-12,
          () -> "the original itself" + context);
      assertTrue(FiniteDifferences.relativeError(value, vg.value()) <= 1e-12,
          () -> "value" + context);
      assertTrue(FiniteDifferences.relativeError(gradient, vg.components()[0]) <= 1e-12,
          () -> "gradient" + context);
      assertTrue(!finiteDifferences || FiniteDifferences.relativeError(fd, vg.components()[0])
          <= Tolerances.FINITE_DIFFERENCES, () -> "finite differences" + context);
    }
  }

  /**
   * Compiles; if the processor accepts, the generated value must equal the original's and the
   * gradient must match finite differences of the original; if it rejects, every error must be an
   * Adjoint diagnostic on the user's source (not javac failing on generated code).
   */
  private static void correctOrRejected(String classDotMethod, Object[] args, JavaSource... sources) {
    int dot = classDotMethod.lastIndexOf('.');
    String cls = classDotMethod.substring(0, dot);
    String method = classDotMethod.substring(dot + 1);
    InProcessCompiler compiler = InProcessCompiler.create();
    Compilation raw = compiler.compileRaw(sources);
    if (raw.status() != Compilation.Status.SUCCESS) {
      List<String> bad = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : raw.errors()) {
        String where = d.getSource() == null ? "?" : d.getSource().toUri().getPath();
        String msg = d.getMessage(Locale.ROOT);
        if (where.contains("SOURCE_OUTPUT") || !msg.contains("[adjoint.")) {
          bad.add(where + ":" + d.getLineNumber() + ": " + msg);
        }
      }
      assertTrue(bad.isEmpty(),
          () -> "compilation failed, but not with an Adjoint diagnostic on the user's code:\n  "
              + String.join("\n  ", bad));
      return;
    }
    Compiled compiled = compiler.compile(sources);
    AdjointMethod m = compiled.method(cls, method);
    ValueAndGradient vg = m.valueAndGradient(args);
    double expected = m.call(args);
    double[] x0 = {(Double) args[0]};
    double fd = FiniteDifferences.gradient(v -> m.call(v[0]), x0)[0];
    String context = "\n  original value " + expected + ", generated " + vg
        + "\n  finite differences of the original: " + fd + "\n---- generated ----\n"
        + m.generatedSnippet();
    assertTrue(FiniteDifferences.relativeError(expected, vg.value()) <= Tolerances.VALUE,
        () -> "generated value differs from the original method" + context);
    assertTrue(
        FiniteDifferences.relativeError(fd, vg.components()[0]) <= Tolerances.FINITE_DIFFERENCES,
        () -> "gradient differs from finite differences of the original method" + context);
  }
}
