package dev.adjoint.processor.kernels;

import static dev.adjoint.processor.numeric.ArrayCase.Values.matrix;
import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.numeric.ArrayCase;
import java.util.List;

/**
 * Copies and fills of arrays: {@code a.clone()}, {@code Arrays.copyOf}, {@code
 * Arrays.copyOfRange} as a user writes them (read as the runtime's {@code ArrayCopies} kernels),
 * those kernels called directly, and {@code Arrays.fill} with an active value (of a local, in a
 * loop, of a parameter). The copy and the original may both be written after the copy; a copy made in a
 * loop; lengths shorter and longer than the original.
 */
final class ArrayCopyCases {
  private static final int POINTS = 3;

  private ArrayCopyCases() {}

  static List<ArrayCase> all() {
    return List.of(
        ArrayCase.of("cloneThenWrite", "double[] x, double w",
                """
                double[] y = x.clone();
                y[0] = y[0] * w;
                double[] z = y.clone();
                z[z.length - 1] += w * x[0];
                return LinearAlgebra.dot(y, z) + y[0];""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        ArrayCase.of("copyOfShorterAndLonger", "double[] x, double w",
                """
                double[] head = java.util.Arrays.copyOf(x, 1);
                double[] padded = java.util.Arrays.copyOf(x, x.length + 2);
                padded[x.length + 1] = w;
                return head[0] * w + LinearAlgebra.squaredNorm(padded);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        ArrayCase.of("copyOfRangeInALoop", "double[] x",
                """
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  double[] tail = java.util.Arrays.copyOfRange(x, i, x.length + 1);
                  tail[tail.length - 1] = x[0];
                  s += LinearAlgebra.squaredNorm(tail) * (i + 1);
                }
                return s;""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))),
        // the original written after the copy: the copy keeps the old values
        ArrayCase.of("originalWrittenAfterCopy", "double[] a, double w",
                """
                double[] t = new double[a.length];
                for (int i = 0; i < a.length; i++) {
                  t[i] = a[i] * w;
                }
                double[] kept = t.clone();
                t[0] = w;
                return LinearAlgebra.dot(kept, t);""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        // fill: the overwritten elements' adjoints dropped, the value's the sum of them
        ArrayCase.of("fillWithAnActiveValue", "double[] x, double w",
                """
                double[] y = x.clone();
                java.util.Arrays.fill(y, w * x[0]);
                y[y.length - 1] += x[x.length - 1];
                return LinearAlgebra.squaredNorm(y) + y[0] * w;""")
            .closedForm(a -> {
              double[] x = (double[]) a[0];
              double w = (Double) a[1];
              int n = x.length;
              double v = w * x[0];
              double last = v + x[n - 1];
              double dv = 2 * v * (n - 1) + 2 * last + w; // n >= 2: y[0] is v
              double[] g = new double[n];
              g[0] += dv * w;
              g[n - 1] += 2 * last;
              return args(g, dv * x[0] + v);
            })
            .random(POINTS, r -> args(vector(r, 2 + r.nextInt(3), -1, 1), u(r, -1, 1))),
        ArrayCase.of("fillInALoop", "double[][] m, double w",
                """
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                  double[] row = new double[m[i].length];
                  java.util.Arrays.fill(row, m[i][0] * w);
                  row[0] = w;
                  s += LinearAlgebra.dot(row, m[i]);
                }
                return s;""")
            .random(POINTS, r -> args(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1, 1))),
        ArrayCase.of("fillAParameter", "double[] x, double w",
                """
                double before = x[0] * x[x.length - 1];
                java.util.Arrays.fill(x, w);
                return before + x[0] * w;""")
            .writesArguments()
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1, 1))),
        ArrayCase.of("copyKernelsDirectly", "double[] x",
                """
                double[] a = dev.adjoint.runtime.ArrayCopies.copy(x);
                double[] b = dev.adjoint.runtime.ArrayCopies.copyOf(a, 2);
                double[] c = dev.adjoint.runtime.ArrayCopies.copyOfRange(x, 0, 1);
                return LinearAlgebra.dot(a, x) + b[0] * b[1] + c[0];""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))));
  }
}
