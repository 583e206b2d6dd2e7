package dev.adjoint.samples.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on Spark in {@code local[2]} (two executor threads in this JVM, so every job really
 * runs partitions in parallel and ships closures, broadcasts and partial sums through Spark's
 * serialization) against the single-machine {@link LocalObjective} on the same data.
 */
class SparkTrainingTest {

  /**
   * Between a Spark sum and the single-machine one: the partitions and the tree add the same
   * terms in another order, so they differ by rounding only. A missing block or a partition
   * counted twice changes the loss by about 1/blocks.
   */
  private static final double ROUNDING = 1e-11;

  private static final int FEATURES = 5;
  private static final long ROWS = 12_000;
  /** Chunks of 1,000 over 3 partitions: partitions hold 4 blocks each, one evaluator for all. */
  private static final int CHUNK = 1_000;
  private static final int PARTITIONS = 3;

  private static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    long start = System.nanoTime();
    spark =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2]")
                .setAppName("SparkTrainingTest")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    spark.setLogLevel("WARN");
    // The start-up cost every Spark test run pays once (the README quotes it).
    System.out.printf("SparkTrainingTest: local[2] context started in %.1f s%n",
        (System.nanoTime() - start) / 1e9);
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  private static final LogisticRegression LOGISTIC = new LogisticRegression(FEATURES, 1e-3);
  private static final double[] TRUTH = LogisticRegression.trueModel(FEATURES, 17);
  private static final DataSource LOGISTIC_DATA = LogisticRegression.data(TRUTH, 17);

  private static final IrisNetwork IRIS = new IrisNetwork(4);
  private static final DataSource IRIS_DATA = IrisNetwork.data(IrisNetwork.teacher(4, 5), 5);

  private static SparkObjective onSpark(BlockLoss loss, DataSource data, long rows) {
    return SparkObjective.of(spark, loss, data, Chunks.of(rows, CHUNK), PARTITIONS, 2);
  }

  private static LocalObjective onOneMachine(BlockLoss loss, DataSource data, long rows) {
    return LocalObjective.of(loss, data, rows, CHUNK);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, ROUNDING * Math.max(1, Math.abs(expected)), what);
  }

  /** Value and gradient of one job equal the single-machine ones, for both models. */
  @Test
  void oneEvaluationEqualsTheSingleMachineOne() {
    for (BlockLoss loss : List.of(LOGISTIC, IRIS)) {
      DataSource data = loss == LOGISTIC ? LOGISTIC_DATA : IRIS_DATA;
      SparkObjective distributed = onSpark(loss, data, ROWS);
      LocalObjective local = onOneMachine(loss, data, ROWS);
      assertEquals(PARTITIONS, distributed.partitions());
      double[] theta = LogisticRegressionTest.randomPoint(loss.dimension(), 8);
      double[] g1 = new double[theta.length];
      double[] g2 = new double[theta.length];
      assertClose(local.evaluate(theta, g1), distributed.evaluate(theta, g2), "value");
      for (int k = 0; k < theta.length; k++) {
        assertClose(g1[k], g2[k], "gradient " + k);
      }
      assertEquals(ROWS, distributed.cost().rows());
      assertTrue(distributed.cost().pullbackNanos() > 0);
      distributed.release();
    }
  }

  /** The gradient a Spark job returns against central finite differences of Spark's values. */
  @Test
  void sparkGradientMatchesFiniteDifferencesOfSparkValues() {
    SparkObjective f = onSpark(LOGISTIC, LOGISTIC_DATA, 3_000);
    double[] theta = LogisticRegressionTest.randomPoint(LOGISTIC.dimension(), 2);
    double[] gradient = new double[theta.length];
    f.evaluate(theta, gradient);
    double error =
        GradientCheck.maxRelativeError(t -> f.evaluate(t, new double[t.length]), theta, gradient);
    assertTrue(error < LogisticRegressionTest.FINITE_DIFFERENCES, "max relative error " + error);
    f.release();
  }

  /** Gradient descent on Spark follows the single-machine loss curve step for step. */
  @Test
  void gradientDescentLossCurveEqualsTheSingleMachineOne() {
    double[] start = new double[LOGISTIC.dimension()];
    SparkObjective distributed = onSpark(LOGISTIC, LOGISTIC_DATA, ROWS);
    Training.Result spark = Training.gradientDescent(distributed, start, 8, 1.0, step -> {});
    Training.Result local =
        Training.gradientDescent(onOneMachine(LOGISTIC, LOGISTIC_DATA, ROWS), start, 8, 1.0, s -> {});
    assertCurvesEqual(local, spark);
    assertTrue(spark.last().loss() < spark.steps().get(0).loss() - 0.1, "descends");
    distributed.release();
  }

  /** So does Breeze's L-BFGS, line searches included, on the Iris network. */
  @Test
  void lbfgsLossCurveEqualsTheSingleMachineOne() {
    double[] start = LogisticRegressionTest.randomPoint(IRIS.dimension(), 3);
    SparkObjective distributed = onSpark(IRIS, IRIS_DATA, ROWS);
    Training.Result spark = Training.lbfgs(distributed, start, 12, 10, 1e-12, step -> {});
    Training.Result local =
        Training.lbfgs(onOneMachine(IRIS, IRIS_DATA, ROWS), start, 12, 10, 1e-12, step -> {});
    assertEquals(13, spark.steps().size());
    assertCurvesEqual(local, spark);
    distributed.release();
  }

  private static void assertCurvesEqual(Training.Result local, Training.Result spark) {
    double[] expected = local.losses();
    double[] actual = spark.losses();
    assertEquals(expected.length, actual.length, "steps");
    for (int k = 0; k < expected.length; k++) {
      // Rounding compounds over steps; still far below a step's change of the loss.
      assertEquals(expected[k], actual[k], 1e-9, "loss after step " + k);
    }
    for (int k = 0; k < local.theta().length; k++) {
      assertEquals(local.theta()[k], spark.theta()[k], 1e-7, "theta " + k);
    }
  }

  /**
   * L-BFGS on Spark recovers the model the data came from. With 40,000 rows the maximum
   * likelihood estimate is within about 0.015 (one standard deviation) of it in each
   * coordinate, and λ = 1e-3 shrinks the weights by well under 0.01: 0.08 is five standard
   * deviations plus the shrinkage, and a wrong sign anywhere misses by at least 0.3.
   */
  @Test
  void lbfgsRecoversTheTrueLogisticModel() {
    SparkObjective f = onSpark(LOGISTIC, LOGISTIC_DATA, 40_000);
    Training.Result result =
        Training.lbfgs(f, new double[LOGISTIC.dimension()], 100, 10, 1e-10, step -> {});
    assertTrue(result.last().gradientNorm() < 1e-4, "converged: " + result.last().line());
    for (int k = 0; k < TRUTH.length; k++) {
      assertEquals(TRUTH[k], result.theta()[k], 0.08, "theta " + k);
    }
    f.release();
  }

  /**
   * The trained Iris network predicts as well as the teacher that labelled the data: its mean
   * cross-entropy is within 0.01 of the teacher's on the training rows (a network that had not
   * learnt the teacher's decision regions is 0.1 or more above it) and at most 0.02 below it
   * (what 67 parameters can fit of 12,000 noisy labels).
   */
  @Test
  void lbfgsTrainsTheIrisNetworkToItsTeacher() {
    SparkObjective f = onSpark(IRIS, IRIS_DATA, ROWS);
    double[] teacher = IrisNetwork.teacher(4, 5).flatten();
    double teacherLoss = f.evaluate(teacher, new double[teacher.length]);
    Training.Result result =
        Training.lbfgs(
            f, LogisticRegressionTest.randomPoint(IRIS.dimension(), 6), 150, 10, 1e-9, step -> {});
    double trained = result.last().loss();
    assertTrue(
        trained < teacherLoss + 0.01 && trained > teacherLoss - 0.02,
        "trained " + trained + ", teacher " + teacherLoss);
    f.release();
  }

  /** The command-line job prints one line per step while it trains, then its checks. */
  @Test
  void trainingReportsEveryStep() {
    List<String> lines = new ArrayList<>();
    SparkTraining.Options options =
        SparkTraining.Options.parse(
            "logistic", "--rows", "5000", "--features", "3", "--chunk", "700", "--steps", "4",
            "--optimizer", "gd", "--partitions", "2");
    Training.Result result = SparkTraining.train(spark, options, lines::add);
    assertEquals(5, result.steps().size());
    long stepLines = lines.stream().filter(line -> line.startsWith("step ")).count();
    assertEquals(5, stepLines, String.join("\n", lines));
    assertTrue(lines.get(0).contains("5,000 rows in 8 blocks over 2 partitions"), lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("true model recovered"), lines.toString());
  }
}
