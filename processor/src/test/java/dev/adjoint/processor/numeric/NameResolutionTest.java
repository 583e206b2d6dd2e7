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

  /** A field named PI shadows Math.PI imported on demand. */
  @Test
  void ownFieldShadowsStaticImportedConstant() {
    correctOrRejected(
        "adjtest.names.OwnPi.f",
        args(0.7),
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
