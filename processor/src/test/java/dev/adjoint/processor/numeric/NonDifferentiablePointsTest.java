package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The documented conventions at points where the functions are not differentiable: abs'(0) = 0;
 * max and min give the whole derivative to their first argument on ties; floor, ceil, rint and
 * signum have derivative 0 everywhere, also at their jumps; pow(x, 0) has derivative 0 in x,
 * also at x = 0. Pinned exactly, for record and
 * pullback; nearby smooth points keep the finite-difference check.
 */
class NonDifferentiablePointsTest {

  private static final CaseSuite SUITE =
      CaseSuite.of(
          "adjtest.nd.Kinks",
          GradientCase.of("abs", "double x", "return Math.abs(x);")
              .pinned(args(0.0), 0)
              .pinned(args(-0.0), 0)
              .pinned(args(2.0), 1)
              .pinned(args(-2.0), -1),
          GradientCase.of("strictAbs", "double x", "return StrictMath.abs(x);")
              .pinned(args(0.0), 0)
              .pinned(args(-3.0), -1),
          GradientCase.of("absOfDifference", "double x, double y", "return 2 * Math.abs(x - y) + x;")
              .pinned(args(1.5, 1.5), 1, 0)
              .pinned(args(2.5, 1.5), 3, -2)
              .at(0.5, 1.5),
          GradientCase.of("max", "double x, double y", "return Math.max(x, y);")
              .pinned(args(1.0, 1.0), 1, 0)
              .pinned(args(-0.5, -0.5), 1, 0)
              .pinned(args(0.0, 0.0), 1, 0),
          GradientCase.of("maxSwapped", "double x, double y", "return Math.max(y, x);")
              .pinned(args(1.0, 1.0), 0, 1)
              .pinned(args(-0.5, -0.5), 0, 1),
          GradientCase.of("min", "double x, double y", "return Math.min(x, y);")
              .pinned(args(1.0, 1.0), 1, 0)
              .pinned(args(-0.5, -0.5), 1, 0),
          GradientCase.of("minSwapped", "double x, double y", "return Math.min(y, x);")
              .pinned(args(1.0, 1.0), 0, 1)
              .pinned(args(-0.5, -0.5), 0, 1),
          GradientCase.of("maxTieOfExpressions", "double x, double y",
                  "return Math.max(x * y, x + y);")
              // 2 * 2 == 2 + 2: first argument wins: d(xy) = (y, x) = (2, 2)
              .pinned(args(2.0, 2.0), 2, 2)
              .at(3.0, 2.0)
              .at(0.5, 0.5),
          GradientCase.of("minTieOfExpressions", "double x, double y",
                  "return Math.min(x + y, x * y) * 3;")
              // first argument x + y wins: 3 * (1, 1)
              .pinned(args(2.0, 2.0), 3, 3),
          GradientCase.of("reluFirst", "double x, double y", "return Math.max(x, 0.0) * y;")
              .pinned(args(0.0, 3.0), 3, 0)
              .pinned(args(-1.0, 3.0), 0, 0)
              .pinned(args(1.0, 3.0), 3, 1),
          GradientCase.of("reluSecond", "double x, double y", "return Math.max(0.0, x) * y;")
              .pinned(args(0.0, 3.0), 0, 0)
              .pinned(args(1.0, 3.0), 3, 1),
          GradientCase.of("minConstFirst", "double x", "return Math.min(0, x);")
              .pinned(args(0.0), 0)
              .pinned(args(-1.0), 1),
          GradientCase.of("minConstSecond", "double x", "return Math.min(x, 0);")
              .pinned(args(0.0), 1)
              .pinned(args(1.0), 0),
          GradientCase.of("absOfMaxTie", "double x, double y", "return Math.abs(Math.max(x, y));")
              .pinned(args(0.0, 0.0), 0, 0)
              .pinned(args(-2.0, -2.0), -1, 0),
          GradientCase.of("floor", "double x", "return Math.floor(x);")
              .pinned(args(2.0), 0)
              .pinned(args(-3.0), 0)
              .pinned(args(2.5), 0),
          GradientCase.of("ceil", "double x", "return Math.ceil(x);")
              .pinned(args(2.0), 0)
              .pinned(args(-0.0), 0),
          GradientCase.of("rint", "double x", "return Math.rint(x);")
              .pinned(args(2.5), 0)
              .pinned(args(3.5), 0)
              .pinned(args(2.0), 0),
          GradientCase.of("signum", "double x", "return Math.signum(x);")
              .pinned(args(0.0), 0)
              .pinned(args(-0.0), 0)
              .pinned(args(4.0), 0),
          GradientCase.of("timesFloor", "double x", "return x * Math.floor(x);")
              .pinned(args(2.0), 2)
              .pinned(args(-1.0), -1)
              .at(2.5),
          GradientCase.of("plusRint", "double x, double y", "return Math.rint(x * y) + x;")
              .pinned(args(0.5, 5.0), 1, 0)
              .pinned(args(3.0, 1.0), 1, 0),
          GradientCase.of("signumTimes", "double x, double y", "return Math.signum(x) * y * y;")
              .pinned(args(0.0, 3.0), 0, 0)
              .pinned(args(-2.0, 3.0), 0, -6)
              .pinned(args(2.0, 3.0), 0, 6),
          // x^0 is 1 for every x: d/dx is 0 also at x = 0 (the power rule's 0 * pow(0, -1) was
          // NaN there)
          GradientCase.of("powIntExponent", "double x, int n", "return Math.pow(x, n);")
              .pinned(args(0.0, 0), 0)
              .pinned(args(0.0, 1), 1)
              .pinned(args(0.0, 2), 0)
              .pinned(args(-2.0, 3), 12)
              .pinned(args(-2.0, 0), 0),
          GradientCase.of("powZeroLiteral", "double x",
                  "return Math.pow(x, 0) * 3 + Math.pow(x, 0.0) + x;")
              .pinned(args(0.0), 1)
              .pinned(args(-1.5), 1),
          GradientCase.of("powZeroExponent", "double x, double y", "return Math.pow(x, y);")
              .pinned(args(0.0, 0.0), 0, Double.NEGATIVE_INFINITY)
              .pinned(args(2.0, 0.0), 0, Math.log(2.0))
              .pinned(args(-2.0, 0.0), 0, Double.NaN));

  @TestFactory
  Stream<DynamicNode> conventionsAtKinks() {
    return SUITE.tests();
  }
}
