package dev.adjoint.samples.spark;

import java.util.Iterator;

/**
 * What one partition sends back to the driver, as one {@code double[]} (so that Spark ships and
 * sums it as it is): the gradient of {@code Σ ℓ} over its rows in {@code [0, dimension)}, then
 * {@code Σ ℓ}, the number of rows, and the nanoseconds spent inside the generated pullbacks.
 * {@link #add} sums two of them; {@code treeAggregate} uses it as both its sequence and its
 * combine function.
 */
public final class PartitionSum {

  private PartitionSum() {}

  /** Slot of the summed loss, after the gradient. */
  public static int loss(int dimension) {
    return dimension;
  }

  /** Slot of the row count. */
  public static int rows(int dimension) {
    return dimension + 1;
  }

  /** Slot of the nanoseconds spent in pullbacks. */
  public static int nanos(int dimension) {
    return dimension + 2;
  }

  /** The neutral sum. */
  public static double[] zero(int dimension) {
    return new double[dimension + 3];
  }

  /**
   * The sum over {@code blocks} at {@code theta}: one evaluator (one gradient buffer, one {@code
   * Stacks}) for all of them, each block one pullback call, timed on its own.
   */
  public static double[] of(BlockLoss loss, double[] theta, Iterator<Block> blocks) {
    int dimension = loss.dimension();
    BlockLoss.Evaluator evaluator = loss.at(theta);
    double sum = 0;
    long rows = 0;
    long nanos = 0;
    while (blocks.hasNext()) {
      Block block = blocks.next();
      long start = System.nanoTime();
      sum += evaluator.add(block);
      nanos += System.nanoTime() - start;
      rows += block.rows();
    }
    double[] out = zero(dimension);
    evaluator.addGradientTo(out);
    out[loss(dimension)] = sum;
    out[rows(dimension)] = rows;
    out[nanos(dimension)] = nanos;
    return out;
  }

  /** Adds {@code b} into {@code a} and returns {@code a} (Spark allows reusing the first). */
  public static double[] add(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      a[k] += b[k];
    }
    return a;
  }
}
