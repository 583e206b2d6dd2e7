package dev.adjoint.samples.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * The objective summed by a Spark job. The rows live in a cached RDD of {@link Block}s, made on
 * the executors from chunk indices; each evaluation broadcasts {@code θ}, runs {@link
 * PartitionSum#of} in every partition (one evaluator, one gradient buffer, the generated
 * pullback once per block) and sums the partitions' vectors with {@code treeAggregate}.
 */
public final class SparkObjective extends Objective {

  private final JavaSparkContext spark;
  private final JavaRDD<Block> blocks;
  private final int depth;

  private SparkObjective(BlockLoss loss, JavaSparkContext spark, JavaRDD<Block> blocks, int depth) {
    super(loss);
    this.spark = spark;
    this.blocks = blocks;
    this.depth = depth;
  }

  /**
   * Makes {@code data}'s chunks in {@code partitions} partitions on the executors, caches them in
   * memory and waits until every partition is made (so that the first step does not pay for
   * it). {@code treeAggregate} sums with {@code depth} levels (2 is Spark's default).
   */
  public static SparkObjective of(
      JavaSparkContext spark, BlockLoss loss, DataSource data, Chunks chunks, int partitions,
      int depth) {
    JavaRDD<Block> blocks =
        spark
            .parallelize(chunks.indices(), partitions)
            .map(chunk -> data.chunk(chunk, chunks.rowsOf(chunk)))
            .setName("blocks")
            .persist(StorageLevel.MEMORY_ONLY());
    long made = blocks.count();
    if (made != chunks.count()) {
      throw new IllegalStateException(made + " blocks cached, expected " + chunks.count());
    }
    return new SparkObjective(loss, spark, blocks, depth);
  }

  @Override
  protected double[] sums(double[] theta) {
    // Locals, so that the closure captures them and not this (which holds the context).
    BlockLoss loss = loss();
    Broadcast<double[]> current = spark.broadcast(theta.clone());
    try {
      return blocks
          .mapPartitions(part -> List.of(PartitionSum.of(loss, current.value(), part)).iterator())
          .treeAggregate(PartitionSum.zero(dimension()), PartitionSum::add, PartitionSum::add, depth);
    } finally {
      current.destroy();
    }
  }

  @Override
  public int cores() {
    return Math.min(spark.defaultParallelism(), blocks.getNumPartitions());
  }

  public int partitions() {
    return blocks.getNumPartitions();
  }

  /** Drops the cached blocks. */
  public void release() {
    blocks.unpersist(true);
  }
}
