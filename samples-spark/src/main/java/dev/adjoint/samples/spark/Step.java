package dev.adjoint.samples.spark;

import java.util.Locale;

/**
 * One optimizer step, as it is reported while training.
 *
 * @param step 1, 2, … (0 is the starting point)
 * @param loss the objective after the step
 * @param gradientNorm the Euclidean norm of its gradient
 * @param cost what the step's evaluations cost (L-BFGS may evaluate more than once a step)
 * @param cores cores the evaluations ran on
 */
public record Step(int step, double loss, double gradientNorm, Objective.Cost cost, int cores) {

  /** Rows evaluated per second of the step's wall time. */
  public double rowsPerSecond() {
    return cost.wallNanos() == 0 ? 0 : cost.rows() * 1e9 / cost.wallNanos();
  }

  /**
   * The share of the step's wall time × cores spent inside the generated pullbacks; the rest is
   * Spark (scheduling, broadcast, task start, aggregation), idle cores and the driver's step.
   */
  public double pullbackShare() {
    return cost.wallNanos() == 0 ? 0 : (double) cost.pullbackNanos() / (cost.wallNanos() * cores);
  }

  /** The progress line: step, loss, gradient norm, time, rows/s, share in generated code. */
  public String line() {
    return String.format(
        Locale.ROOT,
        "step %4d  loss %.10f  |grad| %.3e  %4d evals  %8.1f ms  %7.2f M rows/s"
            + "  pullback %5.1f%% of %d cores",
        step, loss, gradientNorm, cost.evaluations(), cost.wallNanos() / 1e6,
        rowsPerSecond() / 1e6, 100 * pullbackShare(), cores);
  }
}
