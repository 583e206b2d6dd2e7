package dev.adjoint.gradbench.ba;

import java.util.Arrays;

/**
 * The Jacobian of every error of a {@link BaModule.Problem} in compressed-row form, as ADBench
 * lays it out: 2p reprojection rows of 15 entries (the camera's 11 columns, the point's 3, the
 * weight's 1), then p weight rows of one entry. Columns are the n·11 camera parameters, then
 * the m·3 point coordinates, then the p weights. Each reprojection row is one generated
 * pullback, seeded with that row's one-hot.
 */
final class SparseJacobian {
  private static final int CAM = Ba.CAMERA_PARAMETERS;
  private final BaModule.Problem problem;
  private final int[] rows;
  private final int[] cols;
  private final double[] vals;
  private final double[][] seeds = {{1, 0}, {0, 1}};
  private final double[] camBar = new double[CAM];
  private final double[] pointBar = new double[3];
  private final double[] grad = new double[1];

  SparseJacobian(BaModule.Problem problem) {
    this.problem = problem;
    int p = problem.observations();
    rows = new int[3 * p + 1];
    cols = new int[2 * p * (CAM + 4) + p];
    vals = new double[cols.length];
  }

  void compute() {
    int p = problem.observations();
    int pointColumns = CAM * problem.cams().length;
    int weightColumns = pointColumns + 3 * problem.points().length;
    int row = 0;
    int k = 0;
    for (int i = 0; i < p; i++) {
      int camera = problem.cameraOf()[i];
      int point = problem.pointOf()[i];
      for (double[] seed : seeds) {
        Arrays.fill(camBar, 0);
        Arrays.fill(pointBar, 0);
        grad[0] = 0;
        BaAdjoint.reprojectionErrorPullback(problem.cams()[camera], problem.points()[point],
            problem.weights()[i], problem.features()[i], seed, grad, camBar, pointBar);
        for (int j = 0; j < CAM; j++) {
          cols[k] = CAM * camera + j;
          vals[k++] = camBar[j];
        }
        for (int j = 0; j < 3; j++) {
          cols[k] = pointColumns + 3 * point + j;
          vals[k++] = pointBar[j];
        }
        cols[k] = weightColumns + i;
        vals[k++] = grad[0];
        rows[++row] = k;
      }
    }
    for (int i = 0; i < p; i++) {
      grad[0] = 0;
      BaAdjoint.weightErrorPullback(problem.weights()[i], 1.0, grad);
      cols[k] = weightColumns + i;
      vals[k++] = grad[0];
      rows[++row] = k;
    }
  }

  int[] rows() {
    return rows;
  }

  int[] cols() {
    return cols;
  }

  double[] vals() {
    return vals;
  }
}
