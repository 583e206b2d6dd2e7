package dev.adjoint.processor.kernels;

import static dev.adjoint.processor.numeric.ArrayCase.Values.vector;
import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.numeric.ArrayCase;
import java.util.List;

/**
 * Copies of arrays: {@code a.clone()}, {@code Arrays.copyOf}, {@code Arrays.copyOfRange} as a
 * user writes them (read as the runtime's {@code ArrayCopies} kernels), and those kernels called
 * directly. The copy and the original may both be written after the copy; a copy made in a
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
        ArrayCase.of("copyKernelsDirectly", "double[] x",
                """
                double[] a = dev.adjoint.runtime.ArrayCopies.copy(x);
                double[] b = dev.adjoint.runtime.ArrayCopies.copyOf(a, 2);
                double[] c = dev.adjoint.runtime.ArrayCopies.copyOfRange(x, 0, 1);
                return LinearAlgebra.dot(a, x) + b[0] * b[1] + c[0];""")
            .random(POINTS, r -> args(vector(r, 1 + r.nextInt(4), -1, 1))));
  }
}
