package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.mat;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Per-row work on a matrix allocated in the method: each iteration writes its own row
 * ({@code m[i][j] = …}, normalizing it in place) and then passes it to a kernel or a
 * {@code @Differentiable} method whose derivative reads it again. Later iterations write other
 * rows, so the row the backward sweep re-reads is unchanged; against finite differences with
 * analyses on and off. (Writing the row after the call, or an earlier row, stays an error:
 * {@code VectorResultRejectionTest}.) Also writes after kernels whose derivative reads only
 * their arguments' shapes ({@code trace}, {@code sum}, {@code add}).
 */
class RowwisePeersTest {

  static final PeerSuite SUITE = PeerSuite.of("peers.rowwise.Rows", """
      package peers.rowwise;
      import dev.adjoint.Differentiable;
      import dev.adjoint.runtime.LinearAlgebra;

      public class Rows {
        /** Squares each row, normalizes it to sum 1, then scores its softmax against w. */
        @Differentiable static double normalizedSoftmax(double[][] x, double[] w) {
          double[][] m = new double[x.length][w.length];
          double s = 0;
          for (int i = 0; i < m.length; i++) {
            double norm = 0;
            for (int j = 0; j < w.length; j++) {
              m[i][j] = x[i][j] * x[i][j] + 0.1;
              norm += m[i][j];
            }
            for (int j = 0; j < w.length; j++) {
              m[i][j] = m[i][j] / norm;
            }
            double[] p = LinearAlgebra.softmax(m[i]);
            s += LinearAlgebra.dot(p, w);
          }
          return s;
        }
        @Differentiable static double[] layer(double[][] W, double[] v) {
          return LinearAlgebra.tanh(LinearAlgebra.matVec(W, v));
        }
        /** Rows built in place from the previous layer's output, each through a call. */
        @Differentiable static double rowsThroughCalls(double[][] W, double[] x) {
          double[][] h = new double[3][x.length];
          double s = 0;
          for (int t = 0; t < 3; t++) {
            for (int j = 0; j < x.length; j++) {
              h[t][j] = x[j] * (t + 1);
            }
            h[t][0] += s;
            double[] y = layer(W, h[t]);
            s += y[0] * y[1];
          }
          return s;
        }
        /** Kernels whose derivative reads only their arguments' shapes: writes after them are fine. */
        @Differentiable static double writesAfterLinearKernels(double[][] a, double[] x) {
          double[][] m = new double[2][2];
          double s = 0;
          for (int k = 0; k < 3; k++) {
            m[k % 2][1] = a[0][1] * x[k % 2] + s;
            s += LinearAlgebra.trace(m) + LinearAlgebra.sum(x);
            double[] y = LinearAlgebra.add(x, x);
            x[0] = x[0] * y[1];
          }
          return s * x[0];
        }
      }
      """)
      .check("writesAfterLinearKernels", 4, r -> args(mat(r, 2, 2, -1, 1), vec(r, 2, -1, 1)))
      .check("normalizedSoftmax", 4, r -> args(mat(r, 3, 4, -1.5, 1.5), vec(r, 4, -1, 1)))
      .check("rowsThroughCalls", 4, r -> args(mat(r, 2, 2, -1, 1), vec(r, 2, -1, 1)));

  @TestFactory
  Stream<DynamicNode> rowwise() {
    return SUITE.tests();
  }
}
