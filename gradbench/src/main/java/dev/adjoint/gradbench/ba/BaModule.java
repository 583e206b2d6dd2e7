package dev.adjoint.gradbench.ba;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Module;
import java.util.Arrays;

/**
 * GradBench's {@code ba}: the input is one camera, point, weight and feature with the counts
 * {@code n, m, p} to replicate them to; {@code objective} computes every error and
 * {@code jacobian} the whole sparse Jacobian (one pullback per error row), and both answer in
 * the abridged form GradBench's reference tool sends (the replication undone).
 */
public final class BaModule implements Module {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BLOCK = Ba.CAMERA_PARAMETERS + 3 + 1;
  /** How many leading entries of each list the abridged Jacobian keeps (then the last one). */
  private static final int KEPT = 2 * BLOCK;

  /** The eval's input; the {@code Runs} fields are the protocol's business. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Input(Integer n, Integer m, Integer p, double[] cam, double[] x, Double w, double[] feat) {
    Input {
      if (n == null || m == null || p == null || cam == null || x == null || w == null
          || feat == null) {
        throw new IllegalArgumentException("ba input needs n, m, p, cam, x, w and feat");
      }
      if (n < 1 || m < 1 || p < 1 || cam.length != Ba.CAMERA_PARAMETERS || x.length != 3
          || feat.length != 2) {
        throw new IllegalArgumentException(
            "ba input needs n, m, p >= 1, 11 camera parameters, a 3-D point and a 2-D feature");
      }
    }
  }

  /** The replicated problem: {@code p} observations of {@code m} points by {@code n} cameras. */
  record Problem(double[][] cams, double[][] points, double[] weights, int[] cameraOf,
      int[] pointOf, double[][] features) {
    static Problem of(Input in) {
      double[][] cams = new double[in.n()][];
      for (int i = 0; i < cams.length; i++) {
        cams[i] = in.cam().clone();
      }
      double[][] points = new double[in.m()][];
      for (int i = 0; i < points.length; i++) {
        points[i] = in.x().clone();
      }
      int p = in.p();
      double[] weights = new double[p];
      Arrays.fill(weights, in.w());
      int[] cameraOf = new int[p];
      int[] pointOf = new int[p];
      double[][] features = new double[p][];
      for (int i = 0; i < p; i++) {
        cameraOf[i] = i % in.n();
        pointOf[i] = i % in.m();
        features[i] = in.feat().clone();
      }
      return new Problem(cams, points, weights, cameraOf, pointOf, features);
    }

    int observations() {
      return weights.length;
    }
  }

  /** The errors, abridged: every observation has the same two, every weight the same one. */
  record ObjectiveOutput(
      @JsonProperty("reproj_error") RepeatedPair reprojError,
      @JsonProperty("w_err") Repeated wErr) {
  }

  record RepeatedPair(double[] elements, int repeated) {
  }

  record Repeated(double element, int repeated) {
  }

  /** The first 30 entries of the compressed-row lists and the last one. */
  record JacobianOutput(int[] rows, int[] cols, double[] vals) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode input) {
    return switch (function) {
      case "objective" -> objective(Problem.of(read(input)));
      case "jacobian" -> jacobian(Problem.of(read(input)));
      default -> null;
    };
  }

  static Input read(JsonNode input) {
    try {
      return JSON.treeToValue(input, Input.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed ba input: " + e.getMessage(), e);
    }
  }

  private static Evaluation objective(Problem problem) {
    int p = problem.observations();
    double[] reprojection = new double[2 * p];
    double[] weight = new double[p];
    return new Evaluation() {
      @Override
      public void run() {
        for (int i = 0; i < p; i++) {
          double[] e = Ba.reprojectionError(problem.cams()[problem.cameraOf()[i]],
              problem.points()[problem.pointOf()[i]], problem.weights()[i],
              problem.features()[i]);
          reprojection[2 * i] = e[0];
          reprojection[2 * i + 1] = e[1];
        }
        for (int i = 0; i < p; i++) {
          weight[i] = Ba.weightError(problem.weights()[i]);
        }
      }

      @Override
      public Object output() {
        return new ObjectiveOutput(
            new RepeatedPair(new double[] {reprojection[0], reprojection[1]}, p),
            new Repeated(weight[0], p));
      }
    };
  }

  private static Evaluation jacobian(Problem problem) {
    return new Evaluation() {
      private final SparseJacobian jacobian = new SparseJacobian(problem);

      @Override
      public void run() {
        jacobian.compute();
      }

      @Override
      public Object output() {
        return new JacobianOutput(abridged(jacobian.rows()), abridged(jacobian.cols()),
            abridged(jacobian.vals()));
      }
    };
  }

  static int[] abridged(int[] all) {
    int kept = Math.min(KEPT, all.length - 1);
    int[] out = Arrays.copyOf(all, kept + 1);
    out[kept] = all[all.length - 1];
    return out;
  }

  static double[] abridged(double[] all) {
    int kept = Math.min(KEPT, all.length - 1);
    double[] out = Arrays.copyOf(all, kept + 1);
    out[kept] = all[all.length - 1];
    return out;
  }
}
