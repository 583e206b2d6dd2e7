package dev.adjoint.samples.spark;

import dev.adjoint.runtime.LinearAlgebra;
import dev.adjoint.runtime.Stacks;
import dev.adjoint.samples.iris.IrisClassifier;
import dev.adjoint.samples.iris.IrisClassifier.Mlp;
import dev.adjoint.samples.iris.IrisClassifierAdjoint;
import dev.adjoint.samples.iris.IrisClassifier_MlpBar;
import dev.adjoint.samples.iris.IrisData;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The Iris network of the {@code samples} module ({@link IrisClassifier}: {@code 4 → hidden
 * sigmoid → 3}, softmax cross-entropy), trained on Spark with the pullback Adjoint generated
 * there: {@code IrisClassifierAdjoint.batchLossPullback(p, X, labels, start, end, seed, pBar,
 * stacks)}, the mean loss over a range of rows adding into the record's generated storage {@code
 * IrisClassifier_MlpBar}. {@code θ} is the record's entries as one vector ({@link Mlp#flatten()}).
 *
 * <p>Nothing here is differentiated: the loss, its pullback and the storage come from the samples
 * artifact unchanged. A partition's evaluator builds the record from {@code θ} and allocates the
 * storage and the {@code Stacks} once; the per-example loss allocates its layer vectors (the
 * {@code LinearAlgebra} kernels return new arrays), in its forward and its backward sweep, as it
 * does on one machine.
 */
public final class IrisNetwork implements BlockLoss {

  private static final long serialVersionUID = 1L;

  private final int hidden;

  /** The network with {@code hidden} hidden units. */
  public IrisNetwork(int hidden) {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden " + hidden);
    }
    this.hidden = hidden;
  }

  public int hidden() {
    return hidden;
  }

  @Override
  public int dimension() {
    return Mlp.zeros(hidden).count();
  }

  /** The record of {@code θ}. */
  public Mlp network(double[] theta) {
    return Mlp.unflatten(theta, hidden);
  }

  @Override
  public Evaluator at(double[] theta) {
    Mlp p = network(theta);
    IrisClassifier_MlpBar pBar = IrisClassifier_MlpBar.zerosLike(p);
    Stacks stacks = new Stacks();
    return new Evaluator() {
      @Override
      public double add(Block block) {
        int n = block.rows();
        // The mean over the block, with seed n: the sum and its gradient.
        double mean =
            IrisClassifierAdjoint.batchLossPullback(
                p, block.features(), block.labels(), 0, n, n, pBar, stacks);
        return n * mean;
      }

      @Override
      public void addGradientTo(double[] out) {
        double[] flat = new double[pBar.size()];
        pBar.writeTo(flat, 0);
        for (int k = 0; k < flat.length; k++) {
          out[k] += flat[k];
        }
      }
    };
  }

  // -----------------------------------------------------------------------------------------
  // Data from a known network

  /**
   * The teacher: {@link Mlp#random} with its output weights scaled by 5, so that the classes are
   * mostly, not always, decided by the features.
   */
  public static Mlp teacher(int hidden, long seed) {
    Mlp p = Mlp.random(hidden, new Random(seed));
    for (double[] row : p.W2()) {
      for (int k = 0; k < row.length; k++) {
        row[k] *= 5;
      }
    }
    return p;
  }

  /** The logits {@code W2 σ(W1 x + b1) + b2}. */
  public static double[] logits(Mlp p, double[] x) {
    double[] h = LinearAlgebra.sigmoid(LinearAlgebra.add(LinearAlgebra.matVec(p.W1(), x), p.b1()));
    return LinearAlgebra.add(LinearAlgebra.matVec(p.W2(), h), p.b2());
  }

  /**
   * Rows {@code x ~ N(0, I₄)} labelled with a class drawn from the softmax of {@code teacher}'s
   * logits, a chunk at a time (see {@link DataSource}).
   */
  public static DataSource data(Mlp teacher, long seed) {
    double[] truth = teacher.flatten();
    int hidden = teacher.b1().length;
    return (chunk, rows) -> {
      Mlp p = Mlp.unflatten(truth, hidden);
      SplittableRandom random = new SplittableRandom(DataSource.chunkSeed(seed, chunk));
      double[][] X = new double[rows][IrisData.FEATURES];
      int[] labels = new int[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < IrisData.FEATURES; j++) {
          X[i][j] = random.nextGaussian();
        }
        labels[i] = sample(logits(p, X[i]), random.nextDouble());
      }
      return new Block(X, labels);
    };
  }

  /** The class whose softmax interval holds {@code u ∈ [0, 1)}. */
  private static int sample(double[] z, double u) {
    double logTotal = LinearAlgebra.logSumExp(z);
    double cumulative = 0;
    for (int k = 0; k < z.length - 1; k++) {
      cumulative += Math.exp(z[k] - logTotal);
      if (u < cumulative) {
        return k;
      }
    }
    return z.length - 1;
  }
}
