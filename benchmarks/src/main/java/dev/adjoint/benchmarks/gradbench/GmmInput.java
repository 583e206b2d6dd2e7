package dev.adjoint.benchmarks.gradbench;

import java.util.Random;

/**
 * A gmm input drawn as GradBench's eval draws one (points and log-weights normal, means
 * uniform, precision parameters normal; m = 0, γ = 1), from a fixed seed.
 */
public final class GmmInput {
  public final double[] alpha;
  public final double[][] mu;
  public final double[][] q;
  public final double[][] l;
  public final double[][] x;
  public final double gamma = 1.0;
  public final int m = 0;

  public GmmInput(int n, int d, int k, long seed) {
    Random random = new Random(seed);
    x = normal(random, n, d);
    alpha = normal(random, 1, k)[0];
    mu = new double[k][d];
    for (double[] row : mu) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextDouble();
      }
    }
    q = normal(random, k, d);
    l = normal(random, k, d * (d - 1) / 2);
  }

  /** Parses {@code "10x25"} as d = 10, K = 25. */
  public static GmmInput of(String dk, int n) {
    String[] f = dk.split("x");
    return new GmmInput(n, Integer.parseInt(f[0]), Integer.parseInt(f[1]), 31337);
  }

  public double[] alphaBar() {
    return new double[alpha.length];
  }

  public double[][] muBar() {
    return new double[mu.length][mu[0].length];
  }

  public double[][] qBar() {
    return new double[q.length][q[0].length];
  }

  public double[][] lBar() {
    return new double[l.length][l[0].length];
  }

  private static double[][] normal(Random random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return out;
  }
}
