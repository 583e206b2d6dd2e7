package dev.adjoint.samples.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.GradientReport;
import dev.adjoint.runtime.LinearAlgebra;
import dev.adjoint.samples.iris.IrisClassifier.Mlp;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IrisClassifierTest {

  /** Tolerance against finite differences; a wrong sign or a missing term gives about 1. */
  private static final double FINITE_DIFFERENCES = 1e-6;

  /** Tolerance against closed forms and between the generated entry points: rounding only. */
  private static final double EXACT = 1e-12;

  private static final int HIDDEN = IrisClassifier.HIDDEN;

  private final IrisData.Split split = IrisData.load().split(IrisClassifier.TRAIN_SIZE, 11);
  private final IrisData train = IrisData.Standardizer.of(split.train()).apply(split.train());

  /** A random initialization, with non-zero biases so that their terms are exercised too. */
  private static Mlp randomParameters(long seed) {
    Random random = new Random(seed);
    Mlp p = Mlp.random(HIDDEN, random);
    for (int j = 0; j < HIDDEN; j++) {
      p.b1()[j] = 0.5 * random.nextGaussian();
    }
    for (int k = 0; k < IrisClassifier.CLASSES; k++) {
      p.b2()[k] = 0.5 * random.nextGaussian();
    }
    return p;
  }

  /** GradientCheck's record overload over the generated storage, naming a wrong element. */
  @Test
  void recordCheckThroughTheGeneratedStorage() {
    Mlp p = randomParameters(5);
    double[][] X = train.features();
    int[] labels = train.labels();
    IrisClassifier_MlpBar gradient = IrisClassifierAdjoint.batchLoss(p, X, labels, 0, 12).dP();
    GradientReport report = GradientCheck.check(
        theta -> IrisClassifier.batchLoss(theta.toRecord(), X, labels, 0, 12),
        IrisClassifier_MlpBar.copyOf(p), gradient,
        IrisClassifier_MlpBar::size, IrisClassifier_MlpBar::writeTo,
        IrisClassifier_MlpBar::readFrom);
    assertTrue(report.within(FINITE_DIFFERENCES), report.toString());

    gradient.W2[1][2] += 0.5;
    report = GradientCheck.check(
        theta -> IrisClassifier.batchLoss(theta.toRecord(), X, labels, 0, 12),
        IrisClassifier_MlpBar.copyOf(p), gradient,
        IrisClassifier_MlpBar::size, IrisClassifier_MlpBar::writeTo,
        IrisClassifier_MlpBar::readFrom);
    assertEquals("W2[1][2]", report.worst(), report.toString());
    assertTrue(report.maxRelativeError() > 0.3, report.toString());
  }

  @Test
  void exampleLossGradientAgreesWithFiniteDifferences() {
    Mlp p = randomParameters(1);
    // One example of each class, so every label's term of the loss is checked.
    for (int label = 0; label < IrisClassifier.CLASSES; label++) {
      int i = indexOfLabel(train, label);
      double[] x = train.features()[i];
      int y = label;
      var g = IrisClassifierAdjoint.loss(p, x, y);
      assertEquals(IrisClassifier.loss(p, x, y), g.value(), EXACT);
      double[] gradient = g.dP().toRecord().flatten();
      assertTrue(norm(gradient) > 1e-3, "gradient is not trivially zero");
      double error =
          GradientCheck.maxRelativeError(
              v -> {
                Mlp q = Mlp.unflatten(v, HIDDEN);
                return IrisClassifier.loss(q, x, y);
              },
              p.flatten(),
              gradient);
      assertTrue(error < FINITE_DIFFERENCES, "label " + label + ": max relative error " + error);
    }
  }

  /**
   * The output layer's gradient has a closed form: with {@code h = σ(W1 x + b1)} and {@code p =
   * softmax(W2 h + b2)}, {@code ∂ℓ/∂b2 = p − e_y} and {@code ∂ℓ/∂W2 = (p − e_y) hᵀ}; and the
   * hidden layer's is {@code ∂ℓ/∂b1 = (W2ᵀ (p − e_y)) ⊙ h ⊙ (1 − h)}, {@code ∂ℓ/∂W1 = ∂ℓ/∂b1 xᵀ}.
   */
  @Test
  void exampleLossGradientMatchesTheClosedForm() {
    Mlp p = randomParameters(2);
    for (int i = 0; i < 10; i++) {
      double[] x = train.features()[i];
      int y = train.labels()[i];
      var g = IrisClassifierAdjoint.loss(p, x, y).dP();

      double[] h =
          LinearAlgebra.sigmoid(LinearAlgebra.add(LinearAlgebra.matVec(p.W1(), x), p.b1()));
      double[] delta2 =
          LinearAlgebra.softmax(LinearAlgebra.add(LinearAlgebra.matVec(p.W2(), h), p.b2()));
      delta2[y] -= 1;
      double[] delta1 = LinearAlgebra.vecMat(delta2, p.W2());
      for (int j = 0; j < HIDDEN; j++) {
        delta1[j] *= h[j] * (1 - h[j]);
      }
      assertClose(delta2, g.b2, "dB2");
      assertClose(LinearAlgebra.outer(delta2, h), g.W2, "dW2");
      assertClose(delta1, g.b1, "dB1");
      assertClose(LinearAlgebra.outer(delta1, x), g.W1, "dW1");
    }
  }

  @Test
  void batchLossPullbackAgreesWithFiniteDifferencesAndAccumulates() {
    Mlp p = randomParameters(3);
    int start = 5;
    int end = 17;
    double[][] X = train.features();
    int[] labels = train.labels();

    // A non-unit seed into arrays that already hold something: the pullback must add.
    double seed = -2.5;
    Random random = new Random(4);
    double[] prefill = new double[p.count()];
    for (int k = 0; k < prefill.length; k++) {
      prefill[k] = random.nextGaussian();
    }
    IrisClassifier_MlpBar bar = IrisClassifier_MlpBar.copyOf(Mlp.unflatten(prefill, HIDDEN));
    double value =
        IrisClassifierAdjoint.batchLossPullback(p, X, labels, start, end, seed, bar);
    assertEquals(IrisClassifier.batchLoss(p, X, labels, start, end), value, EXACT);

    double[] gradient = new double[bar.size()];
    bar.writeTo(gradient, 0);
    for (int k = 0; k < gradient.length; k++) {
      gradient[k] = (gradient[k] - prefill[k]) / seed;
    }
    double error =
        GradientCheck.maxRelativeError(
            v -> IrisClassifier.batchLoss(Mlp.unflatten(v, HIDDEN), X, labels, start, end),
            p.flatten(),
            gradient);
    assertTrue(error < FINITE_DIFFERENCES, "max relative error " + error);

    // The record entry point gives the same gradient, in storage of the record's shape.
    var record = IrisClassifierAdjoint.batchLoss(p, X, labels, start, end);
    assertEquals(value, record.value(), EXACT);
    double[] fromRecord = new double[record.dP().size()];
    record.dP().writeTo(fromRecord, 0);
    assertClose(fromRecord, gradient, "record vs pullback");

    // And it is the mean of the example gradients.
    Mlp sum = Mlp.zeros(HIDDEN);
    IrisClassifier_MlpBar into = sum.storage();
    for (int i = start; i < end; i++) {
      IrisClassifierAdjoint.lossPullback(p, X[i], labels[i], 1.0 / (end - start), into);
    }
    assertClose(sum.flatten(), gradient, "mean of example pullbacks");
  }

  /** Adam's first step moves every parameter with a gradient by the step size, downhill. */
  @Test
  void adamsFirstStepIsTheStepSizeAgainstTheGradientsSign() {
    Mlp p = randomParameters(6);
    double[] before = p.flatten();
    IrisClassifier_MlpBar grad = IrisClassifier_MlpBar.zerosLike(p);
    IrisClassifierAdjoint.batchLossPullback(p, train.features(), train.labels(), 0, 20, 1.0,
        grad);
    double[] g = new double[grad.size()];
    grad.writeTo(g, 0);
    new IrisClassifier.Adam(p, 0.01).step(grad);
    double[] after = p.flatten();
    for (int k = 0; k < g.length; k++) {
      double expected = Math.abs(g[k]) > 1e-6 ? -0.01 * Math.signum(g[k]) : after[k] - before[k];
      assertEquals(expected, after[k] - before[k], 1e-6, "parameter " + k);
    }
  }

  @Test
  void theSamplesOwnGradientCheckPasses() {
    assertTrue(IrisClassifier.gradientCheck(randomParameters(5), train) < FINITE_DIFFERENCES);
  }

  @Test
  void trainingReaches90PercentHeldOutAccuracyWithTheFixedSeed() {
    long started = System.nanoTime();
    IrisClassifier.Result result = IrisClassifier.run(line -> {});
    double seconds = (System.nanoTime() - started) / 1e9;

    assertEquals(120, result.trainSize());
    assertEquals(30, result.testSize());
    assertTrue(
        result.testAccuracy() >= 0.9,
        () -> "held-out accuracy " + result.testAccuracy() + "\n" + String.join("\n", result.lines()));
    assertTrue(result.trainAccuracy() >= 0.9, () -> "training accuracy " + result.trainAccuracy());
    assertTrue(result.initialGradientError() < FINITE_DIFFERENCES);

    double[] losses = result.epochLosses();
    assertEquals(IrisClassifier.EPOCHS, losses.length);
    assertTrue(losses[losses.length - 1] < 0.2 * losses[0], () -> Arrays.toString(losses));
    assertTrue(seconds < 10, () -> "training took " + seconds + " s");
  }

  @Test
  void reportHasAHandfulOfLinesEndingWithTheAccuracies() {
    List<String> lines = IrisClassifier.runAll();
    assertTrue(lines.size() >= 5 && lines.size() <= 20, () -> String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("Iris: 150 flowers (50 setosa, 50 versicolor, 50 virginica)"));
    assertTrue(lines.get(lines.size() - 1).startsWith("Accuracy: training "));
    // The same report both ways, but for the elapsed times the epoch lines end with.
    assertEquals(withoutTimes(String.join(System.lineSeparator(), lines) + System.lineSeparator()),
        withoutTimes(IrisClassifier.run()));
    for (String line : lines) {
      if (line.startsWith("  epoch ") && !line.contains("before training")) {
        assertTrue(line.matches(".*\\)  \\d[0-9.]* (ns|us|ms|s)"), line);
      }
    }
  }

  private static String withoutTimes(String report) {
    return report.replaceAll("\\)  \\d[0-9.]* (ns|us|ms|s)", ")");
  }

  private static int indexOfLabel(IrisData data, int label) {
    for (int i = 0; i < data.size(); i++) {
      if (data.labels()[i] == label) {
        return i;
      }
    }
    throw new AssertionError("no example of label " + label);
  }

  private static double norm(double[] v) {
    return Math.sqrt(LinearAlgebra.squaredNorm(v));
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], EXACT * Math.max(1, Math.abs(expected[i])),
          what + "[" + i + "]");
    }
  }

  private static void assertClose(double[][] expected, double[][] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }
}
