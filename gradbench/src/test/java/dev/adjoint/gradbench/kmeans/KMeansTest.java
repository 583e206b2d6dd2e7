package dev.adjoint.gradbench.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.gradbench.EvalRunner;
import dev.adjoint.gradbench.Numeric;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {
  private static final Random RANDOM = new Random(31337);
  private static final double[][] POINTS = Numeric.matrix(RANDOM, 40, 3, 0, 1);
  // As the eval does: the last k points are the centroids, so each has a point of its own.
  private static final double[][] CENTROIDS = Arrays.copyOfRange(POINTS, 36, 40);

  @Test
  void costMatchesTheReference() {
    double cost = EvalRunner.output("kmeans", "cost",
        Map.of("points", POINTS, "centroids", CENTROIDS)).asDouble();
    assertEquals(KMeansReference.cost(POINTS, CENTROIDS), cost, 1e-12);
  }

  @Test
  void generatedGradientMatchesFiniteDifferencesAndTheReference() {
    double[][] centroids = shifted(CENTROIDS, 0.01);
    double[][] generated = KMeansAdjoint.cost(POINTS, centroids).dCentroids();
    double[] flat = Numeric.flatten(centroids);
    double[] fd = Numeric.gradient(
        c -> KMeans.cost(POINTS, Numeric.unflatten(c, centroids, 0)), flat);
    Numeric.assertClose(fd, Numeric.flatten(generated), 1e-6, "finite differences");
    Numeric.assertClose(KMeansReference.gradient(POINTS, centroids), generated, 1e-12,
        "reference");
  }

  @Test
  void dirIsTheNewtonStepOfTheReference() {
    double[][] centroids = shifted(CENTROIDS, 0.01);
    double[][] dir = EvalRunner.as(EvalRunner.output("kmeans", "dir",
        Map.of("points", POINTS, "centroids", centroids)), double[][].class);
    Numeric.assertClose(KMeansReference.dir(POINTS, centroids), dir, 1e-12, "reference");
  }

  private static double[][] shifted(double[][] m, double by) {
    double[][] s = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      s[i] = m[i].clone();
      s[i][0] += by * (i + 1);
    }
    return s;
  }
}
