package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.testing.JavaSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code static final} fields read as constants: scalars computed at class initialization
 * ({@code Math.sqrt(2 * Math.PI)}) or compile-time constants, tables ({@code double[]}, {@code
 * double[][]}, {@code int[]}) read as data with no adjoint, in the method's class or another,
 * qualified, unqualified and statically imported; gradients against Hipparchus and finite
 * differences, analyses on and off.
 */
class FieldConstantsTest {

  private static final int POINTS = 4;

  private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
  private static final double[] W = {0.25, -0.5, 2.0};
  private static final double[][] M = {{1.5, -2.0}, {0.5, 3.0}};
  private static final int[] PERM = {2, 0, 1};

  /** Constants of another class, one of them nested, one of them statically imported. */
  private static final JavaSource TABLES = JavaSource.of("adjtest.fields.lib.Tables",
      "package adjtest.fields.lib;",
      "public final class Tables {",
      "  private Tables() {}",
      "  public static final double HALF = 0.5;",
      "  public static final double SCALE = Math.log(3);",
      "  public static final long BIG = 1L << 40;",
      "  public static final double[][] M = {{1.5, -2.0}, {0.5, 3.0}};",
      "  public static final class Inner {",
      "    private Inner() {}",
      "    public static final double K = -1.25;",
      "  }",
      "}");

  private static final String[] MEMBERS = {
    "static final double SQRT2PI = Math.sqrt(2 * Math.PI);",
    "static final int N = 3;",
    "static final boolean FLAG = true;",
    "static final double[] W = {0.25, -0.5, 2.0};",
    "static final int[] PERM = {2, 0, 1};",
    "@Differentiable static double weighted(double[] a, double[] b) {",
    "  return LinearAlgebra.dot(a, b);",
    "}",
  };

  static final GradientCase[] CASES = {
    GradientCase.of("gaussian", "double x, double mu, double sigma",
            """
            double z = (x - mu) / sigma;
            return Math.exp(-0.5 * z * z) / (sigma * SQRT2PI);""")
        .oracle(d -> {
          var z = d.v("x").subtract(d.v("mu")).divide(d.v("sigma"));
          return z.square().multiply(-0.5).exp().divide(d.v("sigma").multiply(SQRT2PI));
        })
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2), u(r, -1, 1), u(r, 0.5, 2))),
    GradientCase.of("tableInLoop", "double x, double y",
            """
            double s = 0;
            for (int i = 0; i < N; i++) {
              s += W[i] * x * x + W[PERM[i]] * y;
            }
            return FLAG ? s * W.length : -s;""")
        .oracle(d -> {
          var s = d.v("x").square().multiply(W[0] + W[1] + W[2])
              .add(d.v("y").multiply(W[2] + W[0] + W[1]));
          return s.multiply(3);
        })
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2), u(r, -2, 2))),
    GradientCase.of("forEachOverTable", "double x",
            """
            double p = 1;
            for (double w : W) {
              p *= x + w;
            }
            return p;""")
        .oracle(d -> d.v("x").add(W[0]).multiply(d.v("x").add(W[1])).multiply(d.v("x").add(W[2])))
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2))),
    GradientCase.of("otherClassQualified", "double x, double y",
            """
            double[] row = Tables.M[1];
            double a = Tables.M[0][0] * x + row[1] * y;
            return a * a * Tables.HALF + Tables.Inner.K * x * SCALE + x * (Tables.BIG % 7);""")
        .oracle(d -> {
          var a = d.v("x").multiply(M[0][0]).add(d.v("y").multiply(M[1][1]));
          return a.square().multiply(0.5).add(d.v("x").multiply(-1.25 * Math.log(3)))
              .add(d.v("x").multiply((1L << 40) % 7));
        })
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2), u(r, -2, 2))),
    GradientCase.of("tableIntoKernel", "double x, double y",
            """
            double[] v = new double[2];
            v[0] = x;
            v[1] = y * x;
            double[] mv = LinearAlgebra.matVec(Tables.M, v);
            return LinearAlgebra.dot(mv, mv) + LinearAlgebra.dot(W, W) * x;""")
        .oracle(d -> {
          var v0 = d.v("x");
          var v1 = d.v("y").multiply(d.v("x"));
          var m0 = v0.multiply(M[0][0]).add(v1.multiply(M[0][1]));
          var m1 = v0.multiply(M[1][0]).add(v1.multiply(M[1][1]));
          return m0.square().add(m1.square())
              .add(d.v("x").multiply(W[0] * W[0] + W[1] * W[1] + W[2] * W[2]));
        })
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2), u(r, -2, 2))),
    GradientCase.of("tableIntoDifferentiableCall", "double x",
            """
            double[] v = new double[3];
            for (int i = 0; i < 3; i++) {
              v[i] = x * (i + 1);
            }
            return weighted(W, v) + weighted(v, W);""")
        .oracle(d -> d.v("x").multiply(2 * (W[0] + 2 * W[1] + 3 * W[2])))
        .random(POINTS, r -> GradientCase.args(u(r, -2, 2))),
  };

  private static CaseSuite suite(String name) {
    return CaseSuite.of(name, CASES)
        .imports("import dev.adjoint.runtime.LinearAlgebra;",
            "import adjtest.fields.lib.Tables;",
            "import static adjtest.fields.lib.Tables.SCALE;")
        .members(MEMBERS)
        .with(TABLES);
  }

  private static final CaseSuite ON = suite("adjtest.fields.Constants");
  private static final CaseSuite OFF = suite("adjtest.fields.ConstantsOff")
      .options("-Aadjoint.analyses=off");

  @TestFactory
  Stream<DynamicNode> staticFinalFields() {
    return ON.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return OFF.tests();
  }
}
