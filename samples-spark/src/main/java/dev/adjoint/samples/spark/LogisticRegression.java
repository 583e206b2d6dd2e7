package dev.adjoint.samples.spark;

import dev.adjoint.Differentiable;
import dev.adjoint.runtime.LinearAlgebra;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * L2-regularized logistic regression, {@code θ = (w, b)} with {@code w} of {@code features}
 * weights and the intercept {@code b} last:
 *
 * <pre>
 *   f(θ) = (1/N) Σ_i [ log(1 + e^(z_i)) − y_i z_i ] + (λ/2) |w|²,   z_i = w·x_i + b
 * </pre>
 *
 * <p>The loss of one row ({@link #rowLoss}), the sum over a block ({@link #blockLoss}) and the
 * penalty ({@link #penalty}) are {@code @Differentiable}; Adjoint generates {@code
 * LogisticRegressionAdjoint.blockLossPullback(w, b, X, labels, seed, grad, wBar)}, which adds
 * {@code seed · ∂/∂b} into {@code grad[0]} and {@code seed · ∂/∂w} into {@code wBar}; its
 * backward sweep calls {@code rowLoss}'s pullback once per row (recomputing {@code z}) and reads
 * each row's label back from a {@link Stacks}. A partition's evaluator allocates {@code wBar},
 * {@code grad} and the {@code Stacks} once and passes them to the pullback of each of its blocks:
 * nothing is allocated per row (the stacks grow once, to the largest block's labels).
 */
public final class LogisticRegression implements BlockLoss {

  private static final long serialVersionUID = 1L;

  private final int features;
  private final double lambda;

  /** The objective for rows of {@code features} features with L2 weight {@code lambda}. */
  public LogisticRegression(int features, double lambda) {
    if (features < 1 || !(lambda >= 0)) {
      throw new IllegalArgumentException("features " + features + ", lambda " + lambda);
    }
    this.features = features;
    this.lambda = lambda;
  }

  // -----------------------------------------------------------------------------------------
  // The differentiated functions

  /**
   * The negative log-likelihood of label {@code label} (0 or 1) of row {@code x}: {@code log(1 +
   * e^z) − y z} with {@code z = w·x + b}, written as {@code max(z, 0) + log1p(e^(−|z|)) − y z}
   * so that {@code e^z} never overflows.
   */
  @Differentiable(wrt = {"w", "b"})
  public static double rowLoss(double[] w, double b, double[] x, int label) {
    double z = LinearAlgebra.dot(w, x) + b;
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - label * z;
  }

  /** The sum of {@link #rowLoss} over the rows of a block. */
  @Differentiable(wrt = {"w", "b"})
  public static double blockLoss(double[] w, double b, double[][] X, int[] labels) {
    double total = 0;
    for (int i = 0; i < labels.length; i++) {
      total += rowLoss(w, b, X[i], labels[i]);
    }
    return total;
  }

  /** {@code (λ/2) |w|²}: the intercept is not penalized. */
  @Differentiable(wrt = {"w"})
  public static double penalty(double[] w, double lambda) {
    return 0.5 * lambda * LinearAlgebra.squaredNorm(w);
  }

  // -----------------------------------------------------------------------------------------
  // As a BlockLoss

  public int features() {
    return features;
  }

  public double lambda() {
    return lambda;
  }

  @Override
  public int dimension() {
    return features + 1;
  }

  @Override
  public Evaluator at(double[] theta) {
    return new PartitionEvaluator(theta);
  }

  @Override
  public double penalty(double[] theta, double[] gradient) {
    double[] w = Arrays.copyOf(theta, features);
    double[] wBar = new double[features];
    double value = LogisticRegressionAdjoint.penaltyPullback(w, lambda, 1.0, wBar);
    for (int j = 0; j < features; j++) {
      gradient[j] += wBar[j];
    }
    return value;
  }

  /** One partition's view of {@code θ} and its gradient buffers. */
  private final class PartitionEvaluator implements Evaluator {
    private final double[] w;
    private final double b;
    private final double[] wBar;
    private final double[] grad = new double[1];
    private final Stacks stacks = new Stacks();

    PartitionEvaluator(double[] theta) {
      if (theta.length != dimension()) {
        throw new IllegalArgumentException(theta.length + " parameters, expected " + dimension());
      }
      w = Arrays.copyOf(theta, features);
      b = theta[features];
      wBar = new double[features];
    }

    @Override
    public double add(Block block) {
      return LogisticRegressionAdjoint.blockLossPullback(
          w, b, block.features(), block.labels(), 1.0, grad, wBar, stacks);
    }

    @Override
    public void addGradientTo(double[] out) {
      for (int j = 0; j < features; j++) {
        out[j] += wBar[j];
      }
      out[features] += grad[0];
    }
  }

  // -----------------------------------------------------------------------------------------
  // Data from a known model

  /**
   * The model the data is drawn from: weights {@code N(0, 4/features)} (so that {@code z} has a
   * standard deviation near 2 and the labels are informative but noisy) and intercept 0.5.
   */
  public static double[] trueModel(int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] theta = new double[features + 1];
    for (int j = 0; j < features; j++) {
      theta[j] = 2 * random.nextGaussian() / Math.sqrt(features);
    }
    theta[features] = 0.5;
    return theta;
  }

  /**
   * Rows {@code x ~ N(0, I)} labelled {@code y ~ Bernoulli(σ(w·x + b))} for {@code θ = (w, b)},
   * a chunk at a time, each chunk from its own seeded stream: the data set is the same however
   * it is partitioned.
   */
  public static DataSource data(double[] theta, long seed) {
    double[] truth = theta.clone();
    int features = truth.length - 1;
    return (chunk, rows) -> {
      SplittableRandom random = new SplittableRandom(DataSource.chunkSeed(seed, chunk));
      double[][] X = new double[rows][features];
      int[] labels = new int[rows];
      for (int i = 0; i < rows; i++) {
        double z = truth[features];
        for (int j = 0; j < features; j++) {
          X[i][j] = random.nextGaussian();
          z += truth[j] * X[i][j];
        }
        labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      }
      return new Block(X, labels);
    };
  }
}
