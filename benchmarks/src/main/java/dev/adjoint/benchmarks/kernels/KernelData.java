package dev.adjoint.benchmarks.kernels;

import java.util.Arrays;
import java.util.Random;

/** Seeded Gaussian inputs for the kernel benchmarks and their tests. */
public final class KernelData {

  private KernelData() {}

  /** {@code n} draws of {@code N(0, std²)}. */
  public static double[] vector(int n, double std, Random random) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = std * random.nextGaussian();
    }
    return v;
  }

  /** An {@code m × n} matrix of draws of {@code N(0, std²)}. */
  public static double[][] matrix(int m, int n, double std, Random random) {
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = vector(n, std, random);
    }
    return a;
  }

  /** Sets every entry of {@code a} to 0. */
  public static void clear(double[][] a) {
    for (double[] row : a) {
      Arrays.fill(row, 0.0);
    }
  }
}
