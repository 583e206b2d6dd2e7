package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.signed;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.Random;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * atan2, pow, hypot, max and min with respect to both arguments, to one argument only ({@code
 * wrt}), and with one argument an {@code int} parameter or a constant.
 */
class BinaryFunctionGradientTest {

  private static final int POINTS = 6;

  /** y = x +- [0.1, 2): never within 0.1 of a tie. */
  private static Object[] apart(Random r) {
    double x = u(r, -3, 3);
    return args(x, x + signed(r, 0.1, 2));
  }

  private static final CaseSuite BOTH =
      CaseSuite.of(
          "adjtest.fn.Binary",
          GradientCase.of("atan2YX", "double y, double x", "return Math.atan2(y, x);")
              .oracle(d -> DerivativeStructure.atan2(d.v("y"), d.v("x")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3)))
              .at(0.5, -2.0)
              .at(-0.5, -2.0),
          GradientCase.of("atan2XY", "double x, double y", "return Math.atan2(y, x);")
              .oracle(d -> DerivativeStructure.atan2(d.v("y"), d.v("x")))
              .random(POINTS, r -> args(u(r, -3, 3), signed(r, 0.1, 3))),
          GradientCase.of("pow", "double x, double y", "return Math.pow(x, y);")
              .oracle(d -> d.v("x").pow(d.v("y")))
              .random(POINTS, r -> args(u(r, 0.2, 3), u(r, -2.5, 2.5))),
          GradientCase.of("hypot", "double x, double y", "return Math.hypot(x, y);")
              .oracle(d -> d.v("x").hypot(d.v("y")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3))),
          GradientCase.of("max", "double x, double y", "return Math.max(x, y);")
              .oracle(d -> Dual.max(d.v("x"), d.v("y")))
              .random(POINTS, BinaryFunctionGradientTest::apart)
              .at(1.0, 2.0)
              .at(2.0, 1.0),
          GradientCase.of("min", "double x, double y", "return Math.min(x, y);")
              .oracle(d -> Dual.min(d.v("x"), d.v("y")))
              .random(POINTS, BinaryFunctionGradientTest::apart)
              .at(1.0, 2.0)
              .at(2.0, 1.0),
          GradientCase.of("strictPow", "double x, double y", "return StrictMath.pow(x, y);")
              .oracle(d -> d.v("x").pow(d.v("y")))
              .random(POINTS, r -> args(u(r, 0.2, 3), u(r, -2.5, 2.5))),
          GradientCase.of("strictAtan2", "double y, double x", "return StrictMath.atan2(y, x);")
              .oracle(d -> DerivativeStructure.atan2(d.v("y"), d.v("x")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3))),
          GradientCase.of("strictHypot", "double x, double y", "return StrictMath.hypot(x, y);")
              .oracle(d -> d.v("x").hypot(d.v("y")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3))),
          GradientCase.of("strictMaxMin", "double x, double y",
                  "return StrictMath.max(x, y) * 2 + StrictMath.min(x, y);")
              .oracle(d -> Dual.max(d.v("x"), d.v("y")).multiply(2)
                  .add(Dual.min(d.v("x"), d.v("y"))))
              .random(POINTS, BinaryFunctionGradientTest::apart),
          // composed arguments: the chain rule through both slots
          GradientCase.of("powOfProduct", "double x, double y", "return Math.pow(x * y, 1.5 * y);")
              .oracle(d -> d.v("x").multiply(d.v("y")).pow(d.v("y").multiply(1.5)))
              .random(POINTS, r -> args(u(r, 0.3, 2), u(r, 0.3, 2))),
          GradientCase.of("hypotOfSumDiff", "double x, double y",
                  "return Math.hypot(x - y, x + 2 * y);")
              .oracle(d -> d.v("x").subtract(d.v("y"))
                  .hypot(d.v("x").add(d.v("y").multiply(2))))
              .random(POINTS, r -> args(u(r, 0.5, 3), u(r, 0.5, 3))),
          GradientCase.of("atan2OfExprs", "double x, double y",
                  "return Math.atan2(x * y + 1, x - y * y);")
              .oracle(d -> DerivativeStructure.atan2(
                  d.v("x").multiply(d.v("y")).add(1), d.v("x").subtract(d.v("y").square())))
              .random(POINTS, r -> args(u(r, 0.2, 2), u(r, 0.2, 2))),
          GradientCase.of("maxOfExprs", "double x, double y",
                  "return Math.max(x * x, y) + Math.min(Math.sin(x), y * y);")
              .oracle(d -> Dual.max(d.v("x").square(), d.v("y"))
                  .add(Dual.min(d.v("x").sin(), d.v("y").square())))
              .at(1.5, 0.5)
              .at(0.5, 1.5)
              .at(-1.2, 0.3)
              .at(0.3, -2.0));

  private static final CaseSuite ONE_CONSTANT =
      CaseSuite.of(
          "adjtest.fn.BinaryConst",
          GradientCase.of("powIntParam", "double x, int n", "return Math.pow(x, n);")
              .oracle(d -> d.v("x").pow(d.i("n")))
              .random(POINTS, r -> args(signed(r, 0.2, 3), r.nextInt(8) - 3)),
          GradientCase.of("powIntLiteral", "double x", "return Math.pow(x, 3);")
              .oracle(d -> d.v("x").pow(3))
              .random(POINTS, r -> args(signed(r, 0.2, 3))),
          GradientCase.of("powDoubleLiteral", "double x", "return Math.pow(x, 2.5);")
              .oracle(d -> d.v("x").pow(2.5))
              .random(POINTS, r -> args(u(r, 0.2, 3))),
          GradientCase.of("powSqrt", "double x", "return Math.pow(x, 0.5);")
              .oracle(d -> d.v("x").sqrt())
              .random(POINTS, r -> args(u(r, 0.2, 3))),
          GradientCase.of("powConstBase", "double x", "return Math.pow(2.0, x);")
              .oracle(d -> DerivativeStructure.pow(2.0, d.v("x")))
              .random(POINTS, r -> args(u(r, -3, 3))),
          GradientCase.of("powIntBase", "double x, int n", "return Math.pow(n, x);")
              .oracle(d -> DerivativeStructure.pow(d.i("n"), d.v("x")))
              .random(POINTS, r -> args(u(r, -3, 3), 1 + r.nextInt(5))),
          GradientCase.of("powEBase", "double x", "return Math.pow(Math.E, x);")
              .oracle(d -> d.v("x").exp())
              .random(POINTS, r -> args(u(r, -3, 3))),
          GradientCase.of("atan2IntX", "double y, int k", "return Math.atan2(y, k);")
              .oracle(d -> DerivativeStructure.atan2(d.v("y"), d.c(d.i("k"))))
              .random(POINTS, r -> args(u(r, -3, 3), r.nextBoolean() ? 1 + r.nextInt(3)
                  : -1 - r.nextInt(3))),
          GradientCase.of("atan2ConstY", "double x", "return Math.atan2(1.0, x);")
              .oracle(d -> DerivativeStructure.atan2(d.c(1.0), d.v("x")))
              .random(POINTS, r -> args(u(r, -3, 3))),
          GradientCase.of("hypotIntLiteral", "double x", "return Math.hypot(x, 3);")
              .oracle(d -> d.v("x").hypot(d.c(3)))
              .random(POINTS, r -> args(u(r, -3, 3))),
          GradientCase.of("hypotIntParamFirst", "int n, double y", "return Math.hypot(n, y);")
              .oracle(d -> d.c(d.i("n")).hypot(d.v("y")))
              .random(POINTS, r -> args(r.nextInt(7) - 3, signed(r, 0.1, 3))),
          GradientCase.of("maxIntParam", "double x, int n", "return Math.max(x, n) * x;")
              .oracle(d -> Dual.max(d.v("x"), d.c(d.i("n"))).multiply(d.v("x")))
              .at(2.5, 1)
              .at(0.5, 1)
              .at(-1.7, -2)
              .at(-2.3, -2),
          GradientCase.of("minConstSecond", "double x", "return Math.min(x, 1.5) + x;")
              .oracle(d -> Dual.min(d.v("x"), d.c(1.5)).add(d.v("x")))
              .at(0.5)
              .at(2.5)
              .at(-3.0),
          GradientCase.of("maxIntLiteralFirst", "double x", "return Math.max(2, x) * 3;")
              .oracle(d -> Dual.max(d.c(2), d.v("x")).multiply(3))
              .at(0.5)
              .at(2.5)
              .at(7.0),
          GradientCase.of("minIntLiteralFirst", "double x", "return Math.min(-1, x * x - 3);")
              .oracle(d -> Dual.min(d.c(-1), d.v("x").square().subtract(3)))
              .at(0.5)
              .at(2.5)
              .at(-1.2));

  /** The same functions differentiated with respect to one argument only. */
  private static final CaseSuite ONE_WRT =
      CaseSuite.of(
          "adjtest.fn.BinaryWrt",
          GradientCase.of("powWrtExponent", "double x, double y", "return Math.pow(x, y);")
              .wrt("y")
              .oracle(d -> d.v("x").pow(d.v("y")))
              .random(POINTS, r -> args(u(r, 0.2, 3), u(r, -2.5, 2.5))),
          GradientCase.of("powWrtBase", "double x, double y", "return Math.pow(x, y);")
              .wrt("x")
              .oracle(d -> d.v("x").pow(d.v("y")))
              .random(POINTS, r -> args(u(r, 0.2, 3), u(r, -2.5, 2.5))),
          GradientCase.of("powWrtBaseNegative", "double x, double y", "return Math.pow(x, y);")
              .wrt("x")
              .oracle(d -> d.v("x").pow((int) d.x("y")))
              .at(-1.5, 2.0)
              .at(-0.7, 3.0)
              .at(-2.0, -1.0),
          GradientCase.of("atan2WrtX", "double y, double x", "return Math.atan2(y, x);")
              .wrt("x")
              .oracle(d -> DerivativeStructure.atan2(d.v("y"), d.v("x")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3))),
          GradientCase.of("atan2WrtY", "double y, double x", "return Math.atan2(y, x);")
              .wrt("y")
              .oracle(d -> DerivativeStructure.atan2(d.v("y"), d.v("x")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3))),
          GradientCase.of("hypotWrtY", "double x, double y", "return Math.hypot(x, y);")
              .wrt("y")
              .oracle(d -> d.v("x").hypot(d.v("y")))
              .random(POINTS, r -> args(signed(r, 0.1, 3), u(r, -3, 3))),
          GradientCase.of("maxWrtY", "double x, double y", "return Math.max(x, y);")
              .wrt("y")
              .oracle(d -> Dual.max(d.v("x"), d.v("y")))
              .random(POINTS, BinaryFunctionGradientTest::apart),
          GradientCase.of("minWrtX", "double x, double y", "return Math.min(x, y);")
              .wrt("x")
              .oracle(d -> Dual.min(d.v("x"), d.v("y")))
              .random(POINTS, BinaryFunctionGradientTest::apart));

  @TestFactory
  Stream<DynamicNode> bothArguments() {
    return BOTH.tests();
  }

  @TestFactory
  Stream<DynamicNode> oneArgumentIntOrConstant() {
    return ONE_CONSTANT.tests();
  }

  @TestFactory
  Stream<DynamicNode> oneArgumentDifferentiated() {
    return ONE_WRT.tests();
  }
}
