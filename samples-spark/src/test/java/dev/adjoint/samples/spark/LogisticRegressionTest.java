package dev.adjoint.samples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generated logistic-regression pullbacks on one machine, against independent references. */
class LogisticRegressionTest {

  /** Tolerance against finite differences; a wrong sign or a missing term gives about 1. */
  static final double FINITE_DIFFERENCES = 1e-6;

  private static final int FEATURES = 6;
  private static final double LAMBDA = 0.05;

  private final LogisticRegression loss = new LogisticRegression(FEATURES, LAMBDA);
  private final DataSource data = LogisticRegression.data(LogisticRegression.trueModel(FEATURES, 3), 3);

  static double[] randomPoint(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] theta = new double[n];
    for (int k = 0; k < n; k++) {
      theta[k] = random.nextGaussian();
    }
    return theta;
  }

  /** ∂ℓ/∂w = (σ(z) − y)·x and ∂ℓ/∂b = σ(z) − y, for labels 0 and 1 and large |z| too. */
  @Test
  void rowGradientIsTheClosedForm() {
    double[] x = {0.5, -1.5, 2.0};
    for (double scale : new double[] {0.3, 40}) {
      double[] w = {scale, 2 * scale, -scale};
      double b = 0.25;
      double z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b;
      for (int label = 0; label <= 1; label++) {
        var g = LogisticRegressionAdjoint.rowLoss(w, b, x, label);
        double residual = 1 / (1 + Math.exp(-z)) - label;
        assertEquals(residual, g.dB(), 1e-12, "scale " + scale + " label " + label);
        for (int j = 0; j < x.length; j++) {
          assertEquals(residual * x[j], g.dW()[j], 1e-12);
        }
        double expected = Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - label * z;
        assertEquals(expected, g.value(), 1e-12);
      }
    }
  }

  /** The whole objective, mean loss plus penalty, on two blocks, against finite differences. */
  @Test
  void objectiveGradientMatchesFiniteDifferences() {
    LocalObjective f = new LocalObjective(loss, List.of(data.chunk(0, 300), data.chunk(1, 123)));
    for (long seed = 1; seed <= 3; seed++) {
      double[] theta = randomPoint(loss.dimension(), seed);
      double[] gradient = new double[theta.length];
      f.evaluate(theta, gradient);
      double error =
          GradientCheck.maxRelativeError(
              t -> f.evaluate(t, new double[t.length]), theta, gradient);
      assertTrue(error < FINITE_DIFFERENCES, "seed " + seed + ": " + error);
    }
  }

  /** The penalty's generated gradient is λ·w, and the intercept is not penalized. */
  @Test
  void penaltyIsL2OnTheWeightsOnly() {
    double[] theta = randomPoint(loss.dimension(), 9);
    double[] gradient = new double[theta.length];
    double value = loss.penalty(theta, gradient);
    double squares = 0;
    for (int j = 0; j < FEATURES; j++) {
      assertEquals(LAMBDA * theta[j], gradient[j], 1e-15);
      squares += theta[j] * theta[j];
    }
    assertEquals(0, gradient[FEATURES]);
    assertEquals(0.5 * LAMBDA * squares, value, 1e-15);
  }

  /**
   * The partition's inner loop allocates nothing per row: after the evaluator is made (and its
   * stacks have grown once), a pullback over 4,096 rows allocates less than a single byte a row.
   */
  @Test
  void evaluatorAllocatesNothingPerRow() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Block block = data.chunk(0, 4096);
    BlockLoss.Evaluator evaluator = loss.at(randomPoint(loss.dimension(), 4));
    for (int warm = 0; warm < 200; warm++) {
      evaluator.add(block);
    }
    // The least of five rounds: a round that meets a JIT recompilation or a deoptimization on
    // a busy machine allocates in the interpreter, which says nothing about the generated code.
    long id = Thread.currentThread().getId();
    long perCall = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long before = threads.getThreadAllocatedBytes(id);
      for (int k = 0; k < 10; k++) {
        evaluator.add(block);
      }
      perCall = Math.min(perCall, (threads.getThreadAllocatedBytes(id) - before) / 10);
    }
    assertTrue(perCall < block.rows(), perCall + " bytes allocated per block of " + block.rows());
  }

  /** The generated data follows its model: the mean label is the mean of σ(z). */
  @Test
  void labelsFollowTheTrueModel() {
    double[] truth = LogisticRegression.trueModel(FEATURES, 3);
    Block block = data.chunk(2, 20_000);
    double labels = 0;
    double probabilities = 0;
    for (int i = 0; i < block.rows(); i++) {
      double z = truth[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        z += truth[j] * block.features()[i][j];
      }
      probabilities += 1 / (1 + Math.exp(-z));
      labels += block.labels()[i];
    }
    // Binomial noise: standard deviation at most 0.5 / sqrt(20,000) ≈ 0.0035.
    assertEquals(probabilities / block.rows(), labels / block.rows(), 0.015);
  }

  /** A chunk depends on its index only. */
  @Test
  void chunksAreReproducible() {
    Block a = data.chunk(5, 10);
    Block b = data.chunk(5, 10);
    Block c = data.chunk(6, 10);
    assertEquals(a.features()[3][2], b.features()[3][2]);
    assertTrue(a.features()[3][2] != c.features()[3][2]);
  }
}
