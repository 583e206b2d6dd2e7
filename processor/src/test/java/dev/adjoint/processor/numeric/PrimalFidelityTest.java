package dev.adjoint.processor.numeric;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The value returned by the generated code must be the value of the original method, bit for bit:
 * floating-point addition and multiplication are not associative, so the forward sweep must not
 * reorder, regroup or combine the user's operations (combining like terms {@code a*x + b*x} into
 * {@code (a+b)*x} changes rounding, and can overflow where the original does not).
 */
class PrimalFidelityTest {

  private static final CaseSuite SUITE =
      CaseSuite.of(
          "adjtest.primal.Fidelity",
          GradientCase.of("likeTermsLargeCoefficients", "double x",
                  "return x * 1e308 + x * 1e308 - x * 1e308;")
              // (0.5e308 + 0.5e308) - 0.5e308 = 0.5e308, finite; (1e308 + 1e308 - 1e308) x = inf
              // only the value is checked here: near 1e308 finite differences, the seed product
              // (2.5e308) and even a correct adjoint accumulation may overflow
              .valueTolerance(0)
              .noFiniteDifferences()
              .at(0.5)
              .at(-0.25),
          GradientCase.of("likeTermsSeparatedByOtherTerms", "double x, double y",
                  "return 0.1 * x + 0.7 * y + 0.2 * x - 0.3 * y + 0.3 * x;")
              .valueTolerance(0)
              .oracle(d -> d.v("x").multiply(0.1).add(d.v("y").multiply(0.7))
                  .add(d.v("x").multiply(0.2)).subtract(d.v("y").multiply(0.3))
                  .add(d.v("x").multiply(0.3)))
              .at(0.7, 0.3)
              .at(-1.9, 2.3)
              .at(3.3, -0.1),
          GradientCase.of("literalCoefficients", "double x, double y",
                  "return 2 * x + 0.5 * y - 1e-3 * x * y + .25 + 3. * y + 0x10 * x"
                      + " + 1_000 * y / 1e3 + 2.5e1 * x + x * 3L;")
              .valueTolerance(0)
              .at(-0.29746313105489985, -2.311393121105231)
              .at(-1.8144389105784147, -1.6166766820237213),
          GradientCase.of("rosenbrockExact", "double x, double y",
                  """
                  double a = 1 - x;
                  double b = y - x * x;
                  return a * a + 100 * b * b;""")
              .valueTolerance(0)
              .at(-1.2, 1.0)
              .at(0.3, 0.7),
          GradientCase.of("compositeExact", "double x, double y",
                  """
                  double t = Math.exp(x) * y + Math.sin(x * y);
                  t = t / (1 + y * y);
                  return t * t - x;""")
              .valueTolerance(0)
              .at(0.4, -1.3)
              .at(-2.1, 0.6));

  @TestFactory
  Stream<DynamicNode> generatedValueIsTheOriginalValue() {
    return SUITE.tests();
  }
}
