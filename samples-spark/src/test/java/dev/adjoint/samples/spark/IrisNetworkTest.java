package dev.adjoint.samples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.samples.iris.IrisClassifier;
import dev.adjoint.samples.iris.IrisClassifier.Mlp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Iris network's loss as a {@link BlockLoss}, on one machine. */
class IrisNetworkTest {

  private final IrisNetwork loss = new IrisNetwork(5);
  private final DataSource data = IrisNetwork.data(IrisNetwork.teacher(5, 7), 7);

  @Test
  void dimensionIsTheRecordsParameterCount() {
    assertEquals(5 * 4 + 5 + 3 * 5 + 3, loss.dimension());
  }

  /** The mean loss over blocks of different sizes, against finite differences. */
  @Test
  void objectiveGradientMatchesFiniteDifferences() {
    LocalObjective f = new LocalObjective(loss, List.of(data.chunk(0, 50), data.chunk(1, 17)));
    for (long seed = 1; seed <= 3; seed++) {
      double[] theta = LogisticRegressionTest.randomPoint(loss.dimension(), seed);
      double[] gradient = new double[theta.length];
      f.evaluate(theta, gradient);
      double error =
          GradientCheck.maxRelativeError(
              t -> f.evaluate(t, new double[t.length]), theta, gradient);
      assertTrue(error < LogisticRegressionTest.FINITE_DIFFERENCES, "seed " + seed + ": " + error);
    }
  }

  /** The value is the samples' own primal mean loss, and the evaluator sums over blocks. */
  @Test
  void valueIsTheSamplesMeanLoss() {
    Block a = data.chunk(0, 40);
    Block b = data.chunk(1, 60);
    double[] theta = LogisticRegressionTest.randomPoint(loss.dimension(), 4);
    Mlp p = loss.network(theta);
    double expected =
        IrisClassifier.batchLoss(p, a.features(), a.labels(), 0, 40) * 40
            + IrisClassifier.batchLoss(p, b.features(), b.labels(), 0, 60) * 60;
    double value = new LocalObjective(loss, List.of(a, b)).evaluate(theta, new double[theta.length]);
    assertEquals(expected / 100, value, 1e-12);
  }

  /** Every class occurs: the teacher's labels are not degenerate. */
  @Test
  void teacherLabelsUseEveryClass() {
    int[] counts = new int[IrisClassifier.CLASSES];
    for (int label : data.chunk(3, 3000).labels()) {
      counts[label]++;
    }
    for (int count : counts) {
      assertTrue(count > 150, java.util.Arrays.toString(counts));
    }
  }
}
