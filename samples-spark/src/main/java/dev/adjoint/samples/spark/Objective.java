package dev.adjoint.samples.spark;

/**
 * {@code f(θ) = (1/N) Σ_rows ℓ(θ; row) + r(θ)} and its gradient, however the rows are summed
 * ({@link SparkObjective} over a cached RDD, {@link LocalObjective} in one loop): the sums come
 * from {@link #sums}, the division by {@code N} and the penalty are added here, on the driver.
 */
public abstract class Objective {

  /**
   * What evaluations cost, summed since the objective was made.
   *
   * @param evaluations calls of {@link #evaluate}
   * @param rows rows evaluated
   * @param pullbackNanos time inside the generated pullbacks, summed over the partitions (so
   *     up to {@link #cores()} times the wall time)
   * @param wallNanos wall time of the evaluations on the driver, Spark's scheduling, broadcast
   *     and aggregation included
   */
  public record Cost(int evaluations, long rows, long pullbackNanos, long wallNanos) {

    /** What was spent between {@code before} and this. */
    public Cost since(Cost before) {
      return new Cost(
          evaluations - before.evaluations,
          rows - before.rows,
          pullbackNanos - before.pullbackNanos,
          wallNanos - before.wallNanos);
    }
  }

  private final BlockLoss loss;
  private Cost total = new Cost(0, 0, 0, 0);

  protected Objective(BlockLoss loss) {
    this.loss = loss;
  }

  public BlockLoss loss() {
    return loss;
  }

  public int dimension() {
    return loss.dimension();
  }

  /** The summed {@link PartitionSum} over all rows at {@code theta}. */
  protected abstract double[] sums(double[] theta);

  /** Cores the sums run on (for the share of the wall time spent in pullbacks). */
  public abstract int cores();

  /**
   * Returns {@code f(theta)} and writes its gradient into {@code gradient} (overwriting it).
   */
  public final double evaluate(double[] theta, double[] gradient) {
    long start = System.nanoTime();
    int n = dimension();
    double[] sums = sums(theta);
    double rows = sums[PartitionSum.rows(n)];
    for (int k = 0; k < n; k++) {
      gradient[k] = sums[k] / rows;
    }
    double value = sums[PartitionSum.loss(n)] / rows + loss.penalty(theta, gradient);
    total =
        new Cost(
            total.evaluations + 1,
            total.rows + (long) rows,
            total.pullbackNanos + (long) sums[PartitionSum.nanos(n)],
            total.wallNanos + System.nanoTime() - start);
    return value;
  }

  /** The cost of every {@link #evaluate} so far. */
  public Cost cost() {
    return total;
  }
}
