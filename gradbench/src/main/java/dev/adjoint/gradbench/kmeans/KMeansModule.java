package dev.adjoint.gradbench.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Evaluations;
import dev.adjoint.gradbench.Inputs;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;

/**
 * {@code kmeans}: {@code cost}, and {@code dir}, the Newton direction J ./ diag(H). Adjoint has
 * no second-order mode yet, so {@code H·1} (which is diag(H): H is diagonal) is the difference
 * of two generated gradients of {@link KMeans#assignedCost}, at the centroids and at the
 * centroids shifted by one, with the points' assignments kept; exact, the cost being quadratic
 * in the centroids while the assignments stay.
 */
public final class KMeansModule implements Module {
  /** GradBench's KMeansInput. */
  record Input(double[][] points, double[][] centroids) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode json) {
    Input in = Inputs.read(json, Input.class);
    Inputs.requireRectangular(in.points(), "points");
    Inputs.requireRectangular(in.centroids(), "centroids");
    Inputs.require(in.points()[0].length == in.centroids()[0].length,
        "points and centroids must have the same dimension");
    double[][] points = in.points();
    double[][] centroids = in.centroids();
    Stacks stacks = new Stacks();
    return switch (function) {
      case "cost" -> Evaluations.ofDouble(() -> KMeans.cost(points, centroids));
      case "dir" -> Evaluations.of(() -> direction(points, centroids, stacks));
      default -> null;
    };
  }

  static double[][] direction(double[][] points, double[][] centroids, Stacks stacks) {
    int k = centroids.length;
    int d = centroids[0].length;
    double[][] jacobian = new double[k][d];
    KMeansAdjoint.costPullback(points, centroids, 1.0, jacobian, stacks);
    double[][] shifted = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int l = 0; l < d; l++) {
        shifted[j][l] = centroids[j][l] + 1.0;
      }
    }
    double[][] atShifted = new double[k][d];
    KMeansAdjoint.assignedCostPullback(points, shifted, centroids, 1.0, atShifted, stacks);
    double[][] dir = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int l = 0; l < d; l++) {
        dir[j][l] = jacobian[j][l] / (atShifted[j][l] - jacobian[j][l]);
      }
    }
    return dir;
  }
}
