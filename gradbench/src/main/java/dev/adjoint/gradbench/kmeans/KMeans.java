package dev.adjoint.gradbench.kmeans;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * GradBench's {@code kmeans}: the sum over the points of the squared distance to the closest
 * centroid, differentiated with respect to the centroids.
 */
public final class KMeans {
  private KMeans() {
  }

  @Differentiable
  public static double cost(@NoDerivative double[][] points, double[][] centroids) {
    double cost = 0.0;
    for (int i = 0; i < points.length; i++) {
      double closest = Double.POSITIVE_INFINITY;
      for (int j = 0; j < centroids.length; j++) {
        closest = Math.min(closest, squaredDistance(points[i], centroids[j]));
      }
      cost += closest;
    }
    return cost;
  }

  /**
   * The cost with each point assigned to the centroid closest to its {@code anchors} row: equal
   * to {@link #cost} at {@code centroids == anchors}, and quadratic in {@code centroids}, so the
   * difference of two of its gradients is an exact Hessian–vector product.
   */
  @Differentiable
  public static double assignedCost(@NoDerivative double[][] points, double[][] centroids,
      @NoDerivative double[][] anchors) {
    double cost = 0.0;
    for (int i = 0; i < points.length; i++) {
      cost += squaredDistance(points[i], centroids[closest(points[i], anchors)]);
    }
    return cost;
  }

  /** The index of the row of {@code centroids} closest to {@code point} (the first of ties). */
  static int closest(double[] point, double[][] centroids) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int j = 0; j < centroids.length; j++) {
      double distance = squaredDistance(point, centroids[j]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    return best;
  }

  static double squaredDistance(double[] a, double[] b) {
    double sum = 0.0;
    for (int i = 0; i < a.length; i++) {
      double diff = a[i] - b[i];
      sum += diff * diff;
    }
    return sum;
  }
}
