package dev.adjoint.samples.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rows} rows cut into chunks of {@code chunkRows} (the last one shorter): the unit a
 * {@link DataSource} makes and a partition holds as one {@link Block}.
 */
public record Chunks(long rows, int chunkRows) implements Serializable {

  public Chunks {
    if (rows < 1 || chunkRows < 1) {
      throw new IllegalArgumentException("rows " + rows + ", chunk rows " + chunkRows);
    }
    if ((rows + chunkRows - 1) / chunkRows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many chunks: use larger chunks");
    }
  }

  public static Chunks of(long rows, int chunkRows) {
    return new Chunks(rows, chunkRows);
  }

  /** Number of chunks. */
  public int count() {
    return (int) ((rows + chunkRows - 1) / chunkRows);
  }

  /** Rows of chunk {@code chunk}. */
  public int rowsOf(int chunk) {
    return (int) Math.min(chunkRows, rows - (long) chunk * chunkRows);
  }

  /** The chunk indices, in order. */
  public List<Integer> indices() {
    List<Integer> out = new ArrayList<>(count());
    for (int k = 0; k < count(); k++) {
      out.add(k);
    }
    return out;
  }

  /** Every chunk of {@code data}, made here. */
  public List<Block> blocks(DataSource data) {
    List<Block> out = new ArrayList<>(count());
    for (int k = 0; k < count(); k++) {
      out.add(data.chunk(k, rowsOf(k)));
    }
    return out;
  }
}
