package dev.adjoint.samples.spark;

import java.io.Serializable;

/**
 * A partition's rows, packed once when the data is made and cached: what each step's pullbacks
 * run over. Rows are plain {@code double[]}s so that a generated pullback taking {@code
 * double[][]} reads them without copying.
 *
 * @param features one row of features per example
 * @param labels the label of each example (0 or 1 for logistic regression, a class index for the
 *     Iris network)
 */
public record Block(double[][] features, int[] labels) implements Serializable {

  public Block {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          features.length + " feature rows but " + labels.length + " labels");
    }
  }

  /** Number of examples. */
  public int rows() {
    return labels.length;
  }
}
