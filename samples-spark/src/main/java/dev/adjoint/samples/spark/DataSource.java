package dev.adjoint.samples.spark;

import java.io.Serializable;

/**
 * Makes the rows of a generated data set one chunk at a time, on whichever executor holds the
 * chunk: only the chunk's index travels, never the rows. A chunk depends on its index alone
 * (not on how chunks are spread over partitions), so a Spark job and a single-machine loop see
 * the same data.
 */
@FunctionalInterface
public interface DataSource extends Serializable {

  /** Chunk {@code chunk} of the data, {@code rows} rows. */
  Block chunk(int chunk, int rows);

  /** The seed of chunk {@code chunk}'s random stream in a data set seeded with {@code seed}. */
  static long chunkSeed(long seed, int chunk) {
    // The multiplier spreads data-set seeds apart; SplittableRandom hashes its state into every
    // output, so neighbouring chunks get unrelated streams.
    return seed * 0x9E3779B97F4A7C15L + chunk;
  }
}
