package dev.adjoint.gradbench.ht;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * GradBench's {@code ht} (hand tracking, from ADBench): a skinned hand mesh posed by 26
 * parameters {@code theta} (global rotation, translation, then finger joint angles), and the
 * distance of an observed point from a point of the mesh.
 *
 * <p>4 × 4 transforms are {@code double[16]}, row-major.
 */
public final class Ht {
  /** Number of pose parameters. */
  public static final int THETA = 26;

  private Ht() {
  }

  /**
   * The skinning model; none of it is differentiated. {@code baseRelatives} and
   * {@code inverseBaseAbsolutes} hold one 4 × 4 transform per bone, {@code basePositions} one
   * homogeneous position per vertex, {@code weights} one row of bone weights per vertex.
   */
  public record Model(int[] parents, double[][] baseRelatives, double[][] inverseBaseAbsolutes,
      double[][] basePositions, double[][] weights, boolean mirrored) {
  }

  /** The 4 × 4 product {@code a · b}. */
  static double[] times(double[] a, double[] b) {
    double[] c = new double[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
          s += a[4 * i + k] * b[4 * k + j];
        }
        c[4 * i + j] = s;
      }
    }
    return c;
  }

  /**
   * The joint transform of Euler angles {@code (x, z, y)}: {@code Rz · Ry · Rx} in the upper
   * left 3 × 3 block of a 4 × 4 identity.
   */
  static double[] joint(double ax, double az, double ay) {
    double cx = Math.cos(ax);
    double sx = Math.sin(ax);
    double cy = Math.cos(ay);
    double sy = Math.sin(ay);
    double cz = Math.cos(az);
    double sz = Math.sin(az);
    return new double[] {
      cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx, 0,
      sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx, 0,
      -sy, cy * sx, cy * cx, 0,
      0, 0, 0, 1};
  }

  /** Number of entries {@link #posed} returns for a model of {@code bones} bones. */
  public static int posedLength(int bones) {
    return 16 * bones + 12;
  }

  /**
   * The pose applied to the model: each bone's skinning transform (its posed absolute times its
   * inverse base absolute, 16 numbers), then the global rotation (9, row-major) and the global
   * translation (3).
   */
  @Differentiable
  public static double[] posed(double[] theta, @NoDerivative Model model) {
    int bones = model.parents().length;
    // Pose parameters: one (x, z, y) angle triple per bone after the global rotation, scale
    // and translation; each finger's base joint bends two ways, its other joints one.
    double[][] pose = new double[bones + 3][3];
    for (int r = 0; r < 3; r++) {
      pose[0][r] = theta[r];
      pose[2][r] = theta[3 + r];
    }
    int t = 6;
    int column = 5;
    for (int finger = 0; finger < 5; finger++) {
      for (int joint = 2; joint <= 4; joint++) {
        pose[column][0] = theta[t];
        t++;
        if (joint == 2) {
          pose[column][1] = theta[t];
          t++;
        }
        column++;
      }
      column++;
    }
    double[] result = new double[posedLength(bones)];
    double[][] absolutes = new double[bones][];
    for (int i = 0; i < bones; i++) {
      double[] relative = times(
          model.baseRelatives()[i], joint(pose[i + 3][0], pose[i + 3][1], pose[i + 3][2]));
      if (model.parents()[i] == -1) {
        absolutes[i] = relative.clone();
      } else {
        absolutes[i] = times(absolutes[model.parents()[i]], relative);
      }
      double[] transform = times(absolutes[i], model.inverseBaseAbsolutes()[i]);
      for (int k = 0; k < 16; k++) {
        result[16 * i + k] = transform[k];
      }
    }
    double[] global = globalRotation(pose[0][0], pose[0][1], pose[0][2]);
    for (int k = 0; k < 9; k++) {
      result[16 * bones + k] = global[k];
    }
    for (int r = 0; r < 3; r++) {
      result[16 * bones + 9 + r] = pose[2][r];
    }
    return result;
  }

  /**
   * {@code observed − (u₀·V(v₀) + u₁·V(v₁) + (1 − u₀ − u₁)·V(v₂))}, with V the mesh skinned by
   * {@code posed} (what {@link #posed} returns) and {@code verts = (v₀, v₁, v₂)}: three errors.
   * (ADBench also scales by a global scale, which its pose fixes at 1.)
   */
  @Differentiable
  public static double[] posedError(double[] posed, double[] u, @NoDerivative Model model,
      int[] verts, @NoDerivative double[] observed) {
    int bones = model.parents().length;
    int global = 16 * bones;
    double[] error = new double[3];
    for (int r = 0; r < 3; r++) {
      error[r] = observed[r];
    }
    for (int k = 0; k < 3; k++) {
      double weight = k == 0 ? u[0] : k == 1 ? u[1] : 1 - u[0] - u[1];
      int v = verts[k];
      double[] skinned = new double[3];
      for (int bone = 0; bone < bones; bone++) {
        double w = model.weights()[v][bone];
        for (int r = 0; r < 3; r++) {
          double s = 0;
          for (int c = 0; c < 4; c++) {
            s += posed[16 * bone + 4 * r + c] * model.basePositions()[v][c];
          }
          skinned[r] += w * s;
        }
      }
      if (model.mirrored()) {
        skinned[0] = -skinned[0];
      }
      for (int r = 0; r < 3; r++) {
        double moved = posed[global + 9 + r];
        for (int c = 0; c < 3; c++) {
          moved += posed[global + 3 * r + c] * skinned[c];
        }
        error[r] -= weight * moved;
      }
    }
    return error;
  }

  /** The three errors of one correspondence straight from the pose. */
  @Differentiable
  public static double[] pointError(double[] theta, double[] u, @NoDerivative Model model,
      int[] verts, @NoDerivative double[] observed) {
    return posedError(posed(theta, model), u, model, verts, observed);
  }

  /** The rotation by the angle-axis vector {@code (x, y, z)}, 3 × 3 row-major. */
  static double[] globalRotation(double x, double y, double z) {
    double norm = Math.sqrt(x * x + y * y + z * z);
    if (norm < 1e-4) {
      return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }
    double a = x / norm;
    double b = y / norm;
    double d = z / norm;
    double s = Math.sin(norm);
    double c = Math.cos(norm);
    return new double[] {
      a * a + (1 - a * a) * c, a * b * (1 - c) - d * s, a * d * (1 - c) + b * s,
      a * b * (1 - c) + d * s, b * b + (1 - b * b) * c, b * d * (1 - c) - a * s,
      a * d * (1 - c) - b * s, d * b * (1 - c) + a * s, d * d + (1 - d * d) * c};
  }
}
