package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.signed;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every supported one-argument {@code Math} function, each at random points of its domain away from
 * kinks and singularities, checked against Hipparchus DerivativeStructure and finite differences,
 * for the record and the pullback; called as {@code Math.f}, {@code StrictMath.f}, through {@code
 * import static java.lang.Math.*} and through single static imports of {@code StrictMath}; and
 * composed as {@code s * f(x / s)} so the chain rule and the division rule are exercised too.
 */
class MathFunctionGradientTest {

  private static final int POINTS = 6;

  /** A unary function: its name, a sampler of its safe domain and its DS version. */
  record Unary(
      String name,
      ToDoubleFunction<Random> domain,
      BiFunction<Dual, DerivativeStructure, DerivativeStructure> ds) {}

  static final List<Unary> UNARY =
      List.of(
          new Unary("sin", r -> u(r, -5, 5), (d, a) -> a.sin()),
          new Unary("cos", r -> u(r, -5, 5), (d, a) -> a.cos()),
          new Unary("tan", r -> u(r, -1.2, 1.2), (d, a) -> a.tan()),
          new Unary("asin", r -> u(r, -0.9, 0.9), (d, a) -> a.asin()),
          new Unary("acos", r -> u(r, -0.9, 0.9), (d, a) -> a.acos()),
          new Unary("atan", r -> u(r, -5, 5), (d, a) -> a.atan()),
          new Unary("sinh", r -> u(r, -3, 3), (d, a) -> a.sinh()),
          new Unary("cosh", r -> u(r, -3, 3), (d, a) -> a.cosh()),
          new Unary("tanh", r -> u(r, -3, 3), (d, a) -> a.tanh()),
          new Unary("exp", r -> u(r, -3, 3), (d, a) -> a.exp()),
          new Unary("expm1", r -> u(r, -3, 3), (d, a) -> a.expm1()),
          new Unary("log", r -> u(r, 0.1, 10), (d, a) -> a.log()),
          new Unary("log10", r -> u(r, 0.1, 10), (d, a) -> a.log10()),
          new Unary("log1p", r -> u(r, -0.8, 10), (d, a) -> a.log1p()),
          new Unary("sqrt", r -> u(r, 0.05, 10), (d, a) -> a.sqrt()),
          new Unary("cbrt", r -> signed(r, 0.1, 10), (d, a) -> a.cbrt()),
          new Unary("abs", r -> signed(r, 0.1, 5), (d, a) -> a.abs()),
          new Unary("signum", r -> signed(r, 0.1, 5),
              (d, a) -> d.constantOf(Math.signum(a.getValue()))),
          new Unary("floor", r -> r.nextInt(11) - 5 + u(r, 0.1, 0.9),
              (d, a) -> d.constantOf(Math.floor(a.getValue()))),
          new Unary("ceil", r -> r.nextInt(11) - 5 + u(r, 0.1, 0.9),
              (d, a) -> d.constantOf(Math.ceil(a.getValue()))),
          new Unary("rint",
              r -> r.nextInt(11) - 5 + (r.nextBoolean() ? u(r, 0.1, 0.4) : u(r, 0.6, 0.9)),
              (d, a) -> d.constantOf(Math.rint(a.getValue()))));

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code return <prefix>f(x);} for every function. */
  private static List<GradientCase> direct(String methodPrefix, String callPrefix) {
    List<GradientCase> cases = new ArrayList<>();
    for (Unary f : UNARY) {
      cases.add(
          GradientCase.of(methodPrefix + cap(f.name()), "double x",
                  "return " + callPrefix + f.name() + "(x);")
              .oracle(d -> f.ds().apply(d, d.v("x")))
              .random(POINTS, r -> args(f.domain().applyAsDouble(r))));
    }
    return cases;
  }

  private static final CaseSuite MATH =
      CaseSuite.of("adjtest.fn.MathFns").add(direct("math", "Math."));

  static {
    // s * f(x / s): d/dx = f'(x/s), d/ds = f(x/s) - (x/s) f'(x/s); x / s stays in the domain.
    for (Unary f : UNARY) {
      MATH.add(
          GradientCase.of("scaled" + cap(f.name()), "double x, double s",
                  "double u = x / s;\nreturn s * Math." + f.name() + "(u);")
              .oracle(d -> d.v("s").multiply(f.ds().apply(d, d.v("x").divide(d.v("s")))))
              .random(POINTS, r -> {
                double s = u(r, 0.8, 1.25);
                return args(f.domain().applyAsDouble(r) * s, s);
              }));
    }
  }

  private static final CaseSuite STRICT =
      CaseSuite.of("adjtest.fn.StrictFns").add(direct("strict", "StrictMath."));

  private static final CaseSuite IMPORTED =
      CaseSuite.of("adjtest.fn.ImportedFns")
          .imports("import static java.lang.Math.*;")
          .add(direct("imported", ""))
          .add(
              GradientCase.of("importedConstants", "double x", "return PI * x * x + E * sin(x);")
                  .oracle(d -> d.v("x").square().multiply(Math.PI)
                      .add(d.v("x").sin().multiply(Math.E)))
                  .random(POINTS, r -> args(u(r, -3, 3))));

  private static final CaseSuite SINGLE_IMPORTED;

  static {
    SINGLE_IMPORTED = CaseSuite.of("adjtest.fn.SingleImportedFns").add(direct("single", ""));
    for (Unary f : UNARY) {
      SINGLE_IMPORTED.imports("import static java.lang.StrictMath." + f.name() + ";");
    }
  }

  @TestFactory
  Stream<DynamicNode> mathQualified() {
    return MATH.tests();
  }

  @TestFactory
  Stream<DynamicNode> strictMathQualified() {
    return STRICT.tests();
  }

  @TestFactory
  Stream<DynamicNode> staticImportOnDemand() {
    return IMPORTED.tests();
  }

  @TestFactory
  Stream<DynamicNode> singleStaticImportOfStrictMath() {
    return SINGLE_IMPORTED.tests();
  }
}
