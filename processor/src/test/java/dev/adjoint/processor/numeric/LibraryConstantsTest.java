package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Library constants ({@code Double}, {@code Integer}, {@code Long}) and Math's integer and
 * rounding functions ({@code round floorMod floorDiv}, {@code abs max min} of ints) in index
 * arithmetic, and {@code fma}: values exactly as Java computes them (a {@code long} constant is
 * not a double), gradients against Hipparchus and finite differences, analyses on and off.
 */
class LibraryConstantsTest {

  private static final int POINTS = 4;

  static final GradientCase[] CASES = {
    GradientCase.of("doubleConstants", "double x",
            """
            double lo = Math.max(x, Double.NEGATIVE_INFINITY) + Double.MIN_NORMAL;
            double hi = Math.min(x * x, Double.POSITIVE_INFINITY) - Double.MIN_VALUE;
            double big = Math.min(x, Double.MAX_VALUE);
            double nan = x > 1e300 ? Double.NaN : x;
            return lo * hi + big + nan;""")
        .oracle(d -> d.v("x").add(Double.MIN_NORMAL).multiply(d.v("x").square())
            .add(d.v("x").multiply(2)))
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2))),
    GradientCase.of("intConstants", "double x",
            """
            int k = Integer.MAX_VALUE % 7;
            int m = -Integer.MIN_VALUE;
            int wraps = Integer.MAX_VALUE + 1;
            int j = m == Integer.MIN_VALUE && wraps == Integer.MIN_VALUE ? 3 : 5;
            return x * k + x * x * j;""")
        // MAX_VALUE % 7 = 1; -MIN_VALUE overflows to MIN_VALUE, as does MAX_VALUE + 1
        .oracle(d -> d.v("x").add(d.v("x").square().multiply(3)))
        .at(1.5)
        .at(-0.5),
    GradientCase.of("longConstants", "double x",
            """
            long big = Long.MAX_VALUE;
            long below = Long.MAX_VALUE - 1;
            long least = Long.MIN_VALUE;
            long k = big % 10 + below % 10 + least % 10 + -Long.MIN_VALUE % 3;
            return x * k;""")
        // 7 + 6 - 8 - 2: each exact only in long arithmetic (2^63 - 1 is not a double)
        .oracle(d -> d.v("x").multiply(3))
        .at(1.5)
        .at(-2.0),
    GradientCase.of("longLiteralsBeyondDoubles", "double x",
            """
            long odd = 9007199254740993L;
            long least = -9223372036854775808L;
            long k = odd % 10 + -(-9007199254740995L) % 10 + least % 7;
            return x * k;""")
        // 3 + 5 - 1: 2^53 + 1 and 2^53 + 3 are no doubles (rounded, they would end in 2 and 4)
        .oracle(d -> d.v("x").multiply(7))
        .at(1.5)
        .at(-2.0),
    GradientCase.of("round", "double x, double y",
            """
            long r = Math.round(x * 3);
            int i = (int) Math.round(y);
            double[] t = new double[3];
            t[Math.floorMod(i, 3)] = x * y;
            return t[Math.floorMod(i, 3)] * r + y * Math.round(-2.5);""")
        .oracle(d -> d.v("x").multiply(d.v("y")).multiply(Math.round(d.x("x") * 3))
            .add(d.v("y").multiply(-2)))
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2), u(r, -5, 5)),
            a -> far((Double) a[0] * 3) && far((Double) a[1])),
    GradientCase.of("floorModDiv", "double x, int n, long m",
            """
            int q = Math.floorDiv(n, 3);
            int p = Math.floorMod(n, 3);
            long lq = Math.floorDiv(m, 4L);
            int lp = Math.floorMod(m, 4);
            long mixed = Math.floorDiv(m, 3);
            int same = Math.round(n) + Math.round(m);
            return x * q + x * x * p + x * lq * lp + mixed + x * same;""")
        .oracle(d -> d.v("x").multiply(Math.floorDiv(d.i("n"), 3))
            .add(d.v("x").square().multiply(Math.floorMod(d.i("n"), 3)))
            .add(d.v("x").multiply(Math.floorDiv(d.l("m"), 4L) * Math.floorMod(d.l("m"), 4)))
            .add(Math.floorDiv(d.l("m"), 3))
            // round of an int or long is Java's round(float): an int
            .add(d.v("x").multiply(Math.round(d.i("n")) + Math.round(d.l("m")))))
        .at(1.5, -7, -9L)
        .at(-0.5, 8, 13L)
        .at(2.0, 0, -1L),
    GradientCase.of("intAbsMaxMinInIndex", "double x, int n",
            """
            double[] t = new double[4];
            for (int i = 0; i < 4; i++) {
              t[i] = x * (i + 1);
            }
            int a = Math.abs(n) % 4;
            int b = Math.max(0, Math.min(n, 3));
            long c = Math.abs((long) n) + Math.max(1L, n);
            return t[a] * t[b] + x * c;""")
        .oracle(d -> d.v("x").square().multiply((Math.abs(d.i("n")) % 4 + 1)
                * (Math.max(0, Math.min(d.i("n"), 3)) + 1))
            .add(d.v("x").multiply(Math.abs((long) d.i("n")) + Math.max(1L, d.i("n")))))
        .at(1.5, -7)
        .at(-0.5, 2)
        .at(0.25, 9),
    GradientCase.of("fma", "double x, double y, double z",
            "return Math.fma(x, y, z * x) + StrictMath.fma(y, y, 1.0);")
        .oracle(d -> d.v("x").multiply(d.v("y")).add(d.v("z").multiply(d.v("x")))
            .add(d.v("y").square()).add(1))
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2))),
  };

  /** Away from round's jumps, where finite differences see the derivative 0. */
  private static boolean far(double v) {
    return Math.abs(v - Math.floor(v) - 0.5) > 0.05;
  }

  private static final CaseSuite ON = CaseSuite.of("adjtest.lib.Constants", CASES);
  private static final CaseSuite OFF = CaseSuite.of("adjtest.lib.ConstantsOff", CASES)
      .options("-Aadjoint.analyses=off");

  @TestFactory
  Stream<DynamicNode> constantsAndIntegerFunctions() {
    return ON.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return OFF.tests();
  }
}
