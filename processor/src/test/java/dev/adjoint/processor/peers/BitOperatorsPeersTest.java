package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static dev.adjoint.processor.peers.PeerSuite.u;
import static dev.adjoint.processor.peers.PeerSuite.vec;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Integer bit arithmetic in differentiated code ({@code & | ^ ~ << >> >>>}, their compound
 * assignments, and the non-short-circuit {@code & | ^} on booleans): the int values carry no
 * derivative but decide which doubles are combined, as in GradBench's {@code det} (expansion by
 * minors over a bit mask of used columns), Gray-code sweeps and bit-count loops. Each method
 * against finite differences and its javac-compiled value (analyses on and off); the
 * determinant also against its cofactors.
 */
class BitOperatorsPeersTest {

  static final PeerSuite SUITE = PeerSuite.of("peers.bits.Bits", """
      package peers.bits;
      import dev.adjoint.Differentiable;

      public class Bits {
        /** The determinant of the row-major ell × ell matrix a, by minors along the first row. */
        @Differentiable static double det(double[] a, int ell) {
          return minor(a, ell, 0, 0);
        }
        @Differentiable static double minor(double[] a, int ell, int row, int used) {
          if (row == ell - 1) {
            int last = 0;
            while ((used & (1 << last)) != 0) {
              last++;
            }
            return a[row * ell + last];
          }
          double sum = 0.0;
          double sign = 1.0;
          for (int c = 0; c < ell; c++) {
            if ((used & 1 << c) == 0) {
              sum += sign * a[row * ell + c] * minor(a, ell, row + 1, used | 1 << c);
              sign = -sign;
            }
          }
          return sum;
        }
        /** Every compound bit assignment, then a mask choosing terms per element. */
        @Differentiable static double masks(double x, double[] v, int k) {
          int mask = k;
          mask ^= 5;
          mask <<= 2;
          mask >>= 1;
          mask >>>= 0;
          mask &= ~2;
          mask |= 8;
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            if (((mask >> (i % 4)) & 1) == 1) {
              s += v[i] * x;
            } else {
              s -= v[i] * v[i];
            }
          }
          return s + (-k >>> 28) * x + (mask & 7) * x * x;
        }
        /** Non-short-circuit booleans: both sides run, so both increments happen. */
        @Differentiable static double eager(double x, double y) {
          int j = 0;
          boolean a = (j++ > 0) | (j++ > 0);
          boolean b = x > 0 & y > 0;
          boolean c = a ^ b;
          c &= x < 5;
          c |= y > 10;
          c ^= false;
          return (c ? x * y : x - y) * j;
        }
        /** A Gray-code walk over the subsets of the inputs, and Kernighan's bit count. */
        @Differentiable static double gray(double[] x) {
          double s = 0;
          int n = x.length;
          for (int g = 0; g < 1 << n; g++) {
            int code = g ^ (g >> 1);
            int bits = 0;
            for (int k = code; k != 0; k &= k - 1) {
              bits++;
            }
            double term = 1;
            for (int i = 0; i < n; i++) {
              if ((code >>> i & 1) != 0) {
                term *= x[i];
              }
            }
            s += (bits % 2 == 0 ? 1 : -1) * term;
          }
          return s;
        }
        /** long shifts and masks, and an int shifted by a long count. */
        @Differentiable static double longs(double x, long seed) {
          long h = seed >>> 3 ^ seed << 2;
          int shifted = 1 << 33L;
          long wide = (1L << 40 | 3) & ~0xFL;
          return (h & 7) * x + wide * 1e-12 * x * x + shifted * x;
        }
        /** A doubling loop step, an int[] of flags set by |=, a long hash mixed by ^= and >>>. */
        @Differentiable static double steps(double[] x, long seed) {
          int[] flags = new int[x.length];
          double s = 0;
          for (int b = 1; b < 1 << x.length; b <<= 1) {
            for (int i = 0; i < x.length; i++) {
              if ((b >> i & 1) == 1) {
                flags[i] |= b;
                s += x[i] * b;
              }
            }
          }
          long h = seed;
          h ^= h >>> 7;
          h ^= h << 9;
          char c = 'c';
          for (int i = 0; i < x.length; i++) {
            s += (flags[i] ^ (int) (h >>> 60) & c & 1) * x[i] * x[i];
          }
          return s;
        }
      }
      """)
      .check("det", 6, r -> args(vec(r, 9, -2, 2), 3))
      // d det / d a_ij is the cofactor C_ij: for diag(2, 3, 4), (12, 0, 0, 0, 8, 0, 0, 0, 6).
      .closedForm(args(new double[] {2, 0, 0, 0, 3, 0, 0, 0, 4}, 3),
          12, 0, 0, 0, 8, 0, 0, 0, 6)
      .closedForm(args(new double[] {1, 2, 3, 4}, 2), 4, -3, -2, 1)
      .check("det", 3, r -> args(vec(r, 16, -2, 2), 4))
      .check("masks", 8, r -> args(u(r, -2, 2), vec(r, 6, -1, 1), r.nextInt(64) - 16))
      .check("eager", 8, r -> args(u(r, -3, 6), u(r, -3, 12)))
      .check("gray", 4, r -> args(vec(r, 4, -1.5, 1.5)))
      // Σ over subsets of (−1)^|S| Π_{i∈S} x_i = Π (1 − x_i): the gradient is −Π_{j≠i} (1 − x_j).
      .closedForm(args(new double[] {0.5, 2, -1}), -(-1) * 2, -(0.5 * 2), -(0.5 * -1))
      .check("longs", 6, r -> args(u(r, -2, 2), r.nextLong()))
      .check("steps", 6, r -> args(vec(r, 4, -2, 2), r.nextLong()));

  @TestFactory
  Stream<DynamicNode> bitOperators() {
    return SUITE.tests();
  }
}
