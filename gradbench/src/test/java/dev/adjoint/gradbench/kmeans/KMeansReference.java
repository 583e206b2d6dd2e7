package dev.adjoint.gradbench.kmeans;

/**
 * k-means by hand: the cost, its gradient 2 Σ (c_j − p_i) over the points closest to c_j, and
 * the Newton direction J / diag(H) = c_j − mean of those points (H = 2 · their count).
 */
public final class KMeansReference {
  private KMeansReference() {
  }

  public static double cost(double[][] points, double[][] centroids) {
    double cost = 0;
    for (double[] p : points) {
      cost += distance(p, centroids[closest(p, centroids)]);
    }
    return cost;
  }

  public static double[][] gradient(double[][] points, double[][] centroids) {
    double[][] g = new double[centroids.length][centroids[0].length];
    for (double[] p : points) {
      int j = closest(p, centroids);
      for (int l = 0; l < p.length; l++) {
        g[j][l] += 2 * (centroids[j][l] - p[l]);
      }
    }
    return g;
  }

  public static double[][] dir(double[][] points, double[][] centroids) {
    int k = centroids.length;
    int d = centroids[0].length;
    double[][] sums = new double[k][d];
    int[] counts = new int[k];
    for (double[] p : points) {
      int j = closest(p, centroids);
      counts[j]++;
      for (int l = 0; l < d; l++) {
        sums[j][l] += p[l];
      }
    }
    double[][] dir = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int l = 0; l < d; l++) {
        dir[j][l] = centroids[j][l] - sums[j][l] / counts[j];
      }
    }
    return dir;
  }

  private static int closest(double[] p, double[][] centroids) {
    int best = 0;
    for (int j = 1; j < centroids.length; j++) {
      if (distance(p, centroids[j]) < distance(p, centroids[best])) {
        best = j;
      }
    }
    return best;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s;
  }
}
