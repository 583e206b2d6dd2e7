package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Arrays chosen by a ternary ({@code double[] r = c ? a : b}, {@code dot(c ? a : b, x)}), index
 * expressions that call the user's int helpers, and chained assignment ({@code a = b = e}) (issue
 * 8). Before, a chosen array got no adjoint (∂/∂a = 0) or crashed the processor, a helper in an
 * index ran again in the backward sweep, and {@code a = b = e} was rejected. Every case at points
 * where each condition is true and where it is false, record and pullback, against finite
 * differences, with the analyses and without.
 */
class ArrayChoiceGradientTest {

  private static final int POINTS = 3;

  /** Pure int helpers (the counting ones are in {@link HelperCallCountTest}). */
  private static final String[] HELPERS = {
    "static int next(int i, int n) { return (i * 7 + 3) % n; }",
    "static int mirror(int i, int n) { return n - 1 - i; }",
  };

  static ArrayCase[] cases() {
    return new ArrayCase[] {
      ArrayCase.of("localChoice", "double[] a, double[] b, boolean c",
              """
              double[] r = c ? a : b;
              return r[0] * r[1] + Math.sin(r[2]);""")
          .at(new double[] {0.5, -1, 2}, new double[] {1.5, 0.25, -0.5}, true)
          .at(new double[] {0.5, -1, 2}, new double[] {1.5, 0.25, -0.5}, false),
      ArrayCase.of("choiceReadInLoop", "double[] a, double[] b, double w",
              """
              double[] r = w > 0 ? a : b;
              double s = 0;
              for (int i = 0; i < r.length; i++) {
                s += w * r[i] * r[i];
              }
              return s;""")
          .random(POINTS, r -> args(vector(r, 3, -1, 1), vector(r, 3, -1, 1), u(r, -2, 2)),
              p -> Math.abs((Double) p[2]) > 0.1),
      ArrayCase.of("choiceAsKernelArgument", "double[] a, double[] b, boolean c",
              "return LinearAlgebra.dot(c ? a : b, a) + LinearAlgebra.sum(c ? b : a);")
          .at(new double[] {0.5, -1, 2}, new double[] {1.5, 0.25, -0.5}, true)
          .at(new double[] {0.5, -1, 2}, new double[] {1.5, 0.25, -0.5}, false),
      ArrayCase.of("sameArrayBothSides", "double[] a, boolean c",
              "double[] r = c ? a : a;\nreturn LinearAlgebra.dot(r, a) * r[0];")
          .at(new double[] {0.5, -1, 2}, true),
      ArrayCase.of("choiceIntoKernelResult", "double[] a, double[] b, boolean c",
              """
              double[] y = LinearAlgebra.scale(2.0, c ? a : b);
              double[] r = c ? y : b;
              return LinearAlgebra.squaredNorm(r) + y[0];""")
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, true)
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, false),
      ArrayCase.of("sumOfSquares", "double[] x", "return LinearAlgebra.squaredNorm(x);")
          .at(new double[] {0.5, -1}),
      ArrayCase.of("choiceAsDifferentiableArgument", "double[] a, double[] b, boolean c",
              "return sumOfSquares(c ? a : b) * a[0];")
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, true)
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, false),
      ArrayCase.of("nestedChoiceWithLocal", "double[] a, double[] b, int k",
              """
              double[] t = new double[a.length];
              for (int i = 0; i < t.length; i++) {
                t[i] = a[i] * b[i];
              }
              double[] r = k == 0 ? a : k == 1 ? b : t;
              return r[0] * r[1] + LinearAlgebra.dot(k > 1 ? t : a, b);""")
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, 0)
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, 1)
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, 2),
      ArrayCase.of("oneSideNotDifferentiated", "double[] a, double[] data, boolean c",
              """
              double[] r = c ? a : data;
              double s = 0;
              for (double v : r) {
                s += v * a[0];
              }
              return s;""")
          .wrt("a")
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, true)
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, false),
      ArrayCase.of("choiceOfDataIntoCallee", "double[] a, double[] data, boolean c",
              "return sumOfSquares(c ? a : data) + LinearAlgebra.dot(c ? data : a, a);")
          .wrt("a")
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, true)
          .at(new double[] {0.5, -1}, new double[] {1.5, 0.25}, false),
      ArrayCase.of("forEachOverChoice", "double[] a, double[] b, boolean c",
              """
              double s = 1;
              for (double v : c ? a : b) {
                s *= v;
              }
              return s;""")
          .at(new double[] {0.5, -1, 3}, new double[] {1.5, 0.25, 2}, true)
          .at(new double[] {0.5, -1, 3}, new double[] {1.5, 0.25, 2}, false),
      ArrayCase.of("choiceInsideLoop", "double[] a, double[] b",
              """
              double s = 0;
              for (int i = 0; i < a.length; i++) {
                double[] r = i % 2 == 0 ? a : b;
                s += r[i] * r[0];
              }
              return s;""")
          .random(POINTS, r -> args(vector(r, 4, -1, 1), vector(r, 4, -1, 1))),
      ArrayCase.of("matrixChoice", "double[][] A, double[][] B, double[] x, boolean c",
              """
              double[][] M = c ? A : B;
              double[] y = LinearAlgebra.matVec(c ? B : A, x);
              double s = 0;
              for (int i = 0; i < M.length; i++) {
                for (int j = 0; j < M[i].length; j++) {
                  s += M[i][j] * y[i];
                }
              }
              return s;""")
          .at(matrix(new java.util.Random(1), 2, 2, -1, 1),
              matrix(new java.util.Random(2), 2, 2, -1, 1), new double[] {0.5, 2}, true)
          .at(matrix(new java.util.Random(1), 2, 2, -1, 1),
              matrix(new java.util.Random(2), 2, 2, -1, 1), new double[] {0.5, 2}, false),
      ArrayCase.of("rowChoice", "double[][] A, double[] v, boolean c",
              """
              double s = 0;
              for (int i = 0; i < A.length; i++) {
                double[] r = c ? A[i] : v;
                s += r[0] * r[1] + (c ? v : A[i])[1];
              }
              return s;""")
          .at(matrix(new java.util.Random(3), 3, 2, -1, 1), new double[] {0.5, 2}, true)
          .at(matrix(new java.util.Random(3), 3, 2, -1, 1), new double[] {0.5, 2}, false),
      ArrayCase.of("choiceInConditionsAndIntArrays",
              "double[] a, double[] b, int[] i1, int[] i2, boolean c",
              """
              int[] p = c ? i1 : i2;
              double s = 0;
              for (int i = 0; i < (c ? a : b).length; i++) {
                if ((c ? a : b)[i] > 0) {
                  s += a[p[i % p.length] % a.length] * (c ? b : a)[i];
                }
              }
              double[] r = c ? a : b;
              double[] q = r;
              return s + q[0];""")
          .wrt("a", "b")
          .at(new double[] {0.5, -1, 2}, new double[] {1.5, 0.25, -0.5}, new int[] {2, 0},
              new int[] {1}, true)
          .at(new double[] {0.5, -1, 2}, new double[] {1.5, 0.25, -0.5}, new int[] {2, 0},
              new int[] {1}, false),
      ArrayCase.of("nestedRowChoicesWithHelpers",
              "double[][] A, double[][] B, double[] x, double[] v, int k",
              """
              double s = 0;
              for (int i = 0; i < A.length; i++) {
                double[] row = (k > 0 ? A : B)[i];
                double[] r = i % 2 == 0 ? A[next(i, A.length)] : k > 1 ? A[mirror(i, A.length)] : v;
                s += row[0] * r[1] * x[0];
              }
              double[] y = LinearAlgebra.matVec(k > 0 ? A : B, x);
              double[] z = LinearAlgebra.add(k > 2 ? x : v, x);
              return s + LinearAlgebra.dot(z, x) * LinearAlgebra.sum(y);""")
          .wrt("A", "x")
          .at(matrix(new java.util.Random(4), 3, 2, -1, 1),
              matrix(new java.util.Random(5), 3, 2, -1, 1), new double[] {0.5, 2},
              new double[] {-1, 0.25}, 0)
          .at(matrix(new java.util.Random(4), 3, 2, -1, 1),
              matrix(new java.util.Random(5), 3, 2, -1, 1), new double[] {0.5, 2},
              new double[] {-1, 0.25}, 2)
          .at(matrix(new java.util.Random(4), 3, 2, -1, 1),
              matrix(new java.util.Random(5), 3, 2, -1, 1), new double[] {0.5, 2},
              new double[] {-1, 0.25}, 3),
      ArrayCase.of("helperIndex", "double[] a, double w",
              """
              double[] t = new double[a.length];
              double s = 0;
              for (int i = 0; i < a.length; i++) {
                t[next(i, a.length)] += w * a[i];
                s += a[next(i, a.length)] * t[mirror(i, a.length)];
              }
              return s + t[next(1, a.length)] * a[mirror(0, a.length)];""")
          .random(POINTS, r -> args(vector(r, 5, -1, 1), u(r, -2, 2))),
      ArrayCase.of("helperIndexInProduct", "double[] a, double x",
              """
              double s = 0;
              for (int i = 0; i < a.length; i++) {
                s += x * (double) next(i, a.length) * a[mirror(i, a.length)];
              }
              return s;""")
          .random(POINTS, r -> args(vector(r, 4, -1, 1), u(r, -2, 2))),
      ArrayCase.of("chainedAssignment", "double x, double y",
              """
              double u;
              double v;
              double z = 1;
              u = v = x * y;
              x = y = z = Math.sin(u) + v;
              z += y = x * u;
              return u * v + x * y * z;""")
          .random(POINTS, r -> args(u(r, -1, 1), u(r, -1, 1))),
      ArrayCase.of("chainedIntoElement", "double x",
              """
              double[] t = new double[3];
              double u;
              int k = 1;
              t[k] = u = x * x;
              t[k] = k = 2;
              t[k] += u = Math.exp(x);
              return t[1] * u + t[2] * x;""")
          .random(POINTS, r -> args(u(r, -1, 1))),
    };
  }

  private static ArraySuite suite(String pkg, String... options) {
    return ArraySuite.of(pkg + ".Choices")
        .imports("import dev.adjoint.runtime.LinearAlgebra;")
        .members(HELPERS)
        .options(options)
        .add(cases());
  }

  private static final ArraySuite WITH_ANALYSES = suite("adjtest.choices");
  private static final ArraySuite ANALYSES_OFF =
      suite("adjtest.choices.off", "-Aadjoint.analyses=off");

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }
}
