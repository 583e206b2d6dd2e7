package dev.adjoint.samples.spark;

import java.util.List;

/**
 * The single-machine reference: the same blocks, the same evaluator, summed in one loop on this
 * thread. What the Spark job must reproduce.
 */
public final class LocalObjective extends Objective {

  private final List<Block> blocks;

  public LocalObjective(BlockLoss loss, List<Block> blocks) {
    super(loss);
    this.blocks = List.copyOf(blocks);
  }

  /** The blocks of {@code data}: {@code rows} rows in chunks of {@code chunkRows}. */
  public static LocalObjective of(BlockLoss loss, DataSource data, long rows, int chunkRows) {
    return new LocalObjective(loss, Chunks.of(rows, chunkRows).blocks(data));
  }

  @Override
  protected double[] sums(double[] theta) {
    return PartitionSum.of(loss(), theta, blocks.iterator());
  }

  @Override
  public int cores() {
    return 1;
  }
}
