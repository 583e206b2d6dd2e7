package dev.adjoint.samples.spark;

import java.io.Serializable;

/**
 * A training objective {@code (1/N) Σ_rows ℓ(θ; row) + r(θ)} over a flat parameter vector
 * {@code θ}, split into what a partition computes (the sum of {@code ℓ} over its blocks and its
 * gradient, by a generated pullback) and what the driver adds once ({@link #penalty}).
 *
 * <p>Implementations are shipped to the executors inside the job's closure, so they hold only
 * their configuration (sizes, regularization), never data or buffers.
 */
public interface BlockLoss extends Serializable {

  /** Length of {@code θ}. */
  int dimension();

  /**
   * An evaluator at {@code theta} for one partition (or one machine): it turns {@code θ} into
   * the arguments the generated pullback takes and allocates the one gradient buffer it adds
   * into, once. Not thread-safe: one per partition.
   */
  Evaluator at(double[] theta);

  /**
   * Adds the gradient of the regularizer {@code r} at {@code theta} into {@code gradient} and
   * returns {@code r(θ)}; evaluated once per step on the driver. None by default.
   */
  default double penalty(double[] theta, double[] gradient) {
    return 0;
  }

  /** Accumulates {@code Σ ℓ} and its gradient over the blocks of one partition. */
  interface Evaluator {

    /**
     * Adds the gradient of {@code Σ_{rows of block} ℓ(θ; row)} into this evaluator's buffer and
     * returns that sum.
     */
    double add(Block block);

    /** Adds the gradient accumulated so far into {@code out[0 .. dimension)}. */
    void addGradientTo(double[] out);
  }
}
