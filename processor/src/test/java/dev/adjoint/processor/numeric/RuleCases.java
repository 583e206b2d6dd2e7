package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.signed;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The registry of numeric cases for the rules table: one {@code @Differentiable} method per
 * function rule and class it belongs to ({@code Math.f}, {@code StrictMath.f}, {@code
 * Gradients.withoutDerivative}), at random points of its domain, against DerivativeStructure
 * and finite differences. {@link RuleCoverageTest} runs them and fails, naming the rule, when
 * {@code RulesTable} has an entry no case here calls: a new rule needs a line below.
 */
final class RuleCases {

  private static final int POINTS = 4;

  /** A rule's case for any owner: {@code F.} in {@code body} stands for {@code Math.} etc. */
  private record Template(
      String name, String params, String body, Oracle oracle, Function<Random, Object[]> points) {

    GradientCase on(String owner) {
      String method = Character.toLowerCase(owner.charAt(0)) + owner.substring(1)
          + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      return GradientCase.of(method, params, body.replace("F.", owner + "."))
          .oracle(oracle)
          .random(POINTS, points);
    }
  }

  /** Functions of both {@code Math} and {@code StrictMath}. */
  private static final List<Template> MATH = new ArrayList<>();

  static {
    // The one-argument functions, with the domains and oracles of MathFunctionGradientTest.
    for (MathFunctionGradientTest.Unary f : MathFunctionGradientTest.UNARY) {
      MATH.add(new Template(f.name(), "double x", "return F." + f.name() + "(x);",
          d -> f.ds().apply(d, d.v("x")), r -> args(f.domain().applyAsDouble(r))));
    }
    MATH.add(new Template("toRadians", "double x", "return F.toRadians(x);",
        d -> d.v("x").multiply(Math.PI / 180), r -> args(u(r, -400, 400))));
    MATH.add(new Template("toDegrees", "double x", "return F.toDegrees(x);",
        d -> d.v("x").multiply(180 / Math.PI), r -> args(u(r, -7, 7))));
    // round returns a long; x * round(x) has derivative round(x). Points stay off the halves.
    MATH.add(new Template("round", "double x", "return x * F.round(x);",
        d -> d.v("x").multiply(Math.round(d.x("x"))),
        r -> args(r.nextInt(11) - 5 + (r.nextBoolean() ? u(r, 0.1, 0.4) : u(r, 0.6, 0.9)))));
    MATH.add(new Template("atan2", "double y, double x", "return F.atan2(y, x);",
        d -> DerivativeStructure.atan2(d.v("y"), d.v("x")),
        r -> args(signed(r, 0.1, 3), u(r, -3, 3))));
    MATH.add(new Template("pow", "double x, double y", "return F.pow(x, y);",
        d -> d.v("x").pow(d.v("y")), r -> args(u(r, 0.2, 3), u(r, -2.5, 2.5))));
    MATH.add(new Template("hypot", "double x, double y", "return F.hypot(x, y);",
        d -> d.v("x").hypot(d.v("y")), r -> args(signed(r, 0.1, 3), u(r, -3, 3))));
    MATH.add(new Template("max", "double x, double y", "return F.max(x, y);",
        d -> Dual.max(d.v("x"), d.v("y")), RuleCases::apart));
    MATH.add(new Template("min", "double x, double y", "return F.min(x, y);",
        d -> Dual.min(d.v("x"), d.v("y")), RuleCases::apart));
    // c keeps a * b + c away from 0, where the oracle's unfused sum would lose digits.
    MATH.add(new Template("fma", "double a, double b, double c", "return F.fma(a, b, c);",
        d -> d.v("a").multiply(d.v("b")).add(d.v("c")),
        r -> args(u(r, -1, 1), u(r, -1, 1), u(r, 3, 4))));
    // Integer functions: no derivative of their own, so each scales a differentiated x.
    MATH.add(new Template("floorMod", "double x, int n", "return x * F.floorMod(n, 3);",
        d -> d.v("x").multiply(Math.floorMod(d.i("n"), 3)),
        r -> args(u(r, -2, 2), r.nextInt(21) - 10)));
    MATH.add(new Template("floorDiv", "double x, int n", "return x * F.floorDiv(n, 4);",
        d -> d.v("x").multiply(Math.floorDiv(d.i("n"), 4)),
        r -> args(u(r, -2, 2), r.nextInt(21) - 10)));
  }

  private RuleCases() {}

  /** Every case: the Math functions on both owners, then {@code withoutDerivative}. */
  static List<GradientCase> all() {
    List<GradientCase> cases = new ArrayList<>();
    for (String owner : List.of("Math", "StrictMath")) {
      for (Template t : MATH) {
        cases.add(t.on(owner));
      }
    }
    // x * stop(x * y): ∂x = x y, ∂y = 0. Finite differences see x² y, so only the oracle applies.
    cases.add(GradientCase.of("gradientsWithoutDerivative", "double x, double y",
            "return x * Gradients.withoutDerivative(x * y);")
        .oracle(d -> d.v("x").multiply(d.x("x") * d.x("y")))
        .noFiniteDifferences()
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2))));
    return cases;
  }

  /** The import the cases need besides {@code Differentiable}. */
  static final String IMPORTS = "import dev.adjoint.runtime.Gradients;";

  /** y = x +- [0.1, 2): never within 0.1 of a tie. */
  private static Object[] apart(Random r) {
    double x = u(r, -3, 3);
    return args(x, x + signed(r, 0.1, 2));
  }
}
