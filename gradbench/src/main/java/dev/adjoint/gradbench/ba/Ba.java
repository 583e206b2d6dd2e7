package dev.adjoint.gradbench.ba;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * GradBench's {@code ba} (bundle adjustment, from ADBench): the reprojection error of one
 * observation of a 3-D point by one camera, and the weight's regularization error.
 *
 * <p>A camera is 11 numbers: Rodrigues rotation (3), centre (3), focal length, principal point
 * (2) and two radial distortion coefficients.
 */
public final class Ba {
  /** Number of parameters of one camera. */
  public static final int CAMERA_PARAMETERS = 11;

  private Ba() {
  }

  /** {@code p} rotated by the angle-axis vector {@code cam[0..2]} (Rodrigues' formula). */
  static double[] rotate(double[] cam, double[] p) {
    double sqTheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
    double[] r = new double[3];
    if (sqTheta != 0) {
      double theta = Math.sqrt(sqTheta);
      double cos = Math.cos(theta);
      double sin = Math.sin(theta);
      double w0 = cam[0] / theta;
      double w1 = cam[1] / theta;
      double w2 = cam[2] / theta;
      double tmp = (w0 * p[0] + w1 * p[1] + w2 * p[2]) * (1 - cos);
      r[0] = p[0] * cos + (w1 * p[2] - w2 * p[1]) * sin + w0 * tmp;
      r[1] = p[1] * cos + (w2 * p[0] - w0 * p[2]) * sin + w1 * tmp;
      r[2] = p[2] * cos + (w0 * p[1] - w1 * p[0]) * sin + w2 * tmp;
    } else {
      // First order near the identity, as ADBench does.
      r[0] = p[0] + cam[1] * p[2] - cam[2] * p[1];
      r[1] = p[1] + cam[2] * p[0] - cam[0] * p[2];
      r[2] = p[2] + cam[0] * p[1] - cam[1] * p[0];
    }
    return r;
  }

  /** The weighted reprojection error {@code w · (project(cam, x) − feat)}, two numbers. */
  @Differentiable
  public static double[] reprojectionError(
      double[] cam, double[] x, double w, @NoDerivative double[] feat) {
    double[] centred = {x[0] - cam[3], x[1] - cam[4], x[2] - cam[5]};
    double[] seen = rotate(cam, centred);
    double u = seen[0] / seen[2];
    double v = seen[1] / seen[2];
    double rsq = u * u + v * v;
    double distortion = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
    double projectedU = u * distortion * cam[6] + cam[7];
    double projectedV = v * distortion * cam[6] + cam[8];
    return new double[] {w * (projectedU - feat[0]), w * (projectedV - feat[1])};
  }

  /** The weight's error {@code 1 − w²}. */
  @Differentiable
  public static double weightError(double w) {
    return 1 - w * w;
  }
}
