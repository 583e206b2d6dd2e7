package dev.adjoint.gradbench.ht;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Module;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;

/**
 * GradBench's {@code ht}: {@code objective} is the 3 errors of every correspondence,
 * {@code jacobian} their Jacobian, assembled from generated pullbacks (see {@link #jacobian}):
 * the columns are ∂/∂u₀ and ∂/∂u₁ of the correspondence's own barycentric coordinates when the
 * input has {@code us} (the "complicated" variant), then ∂/∂theta.
 */
public final class HtModule implements Module {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The eval's input; the {@code Runs} fields are the protocol's business. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Input(double[] theta, Data data, double[][] us) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Data(ModelInput model, int[] correspondences, double[][] points) {
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ModelInput(
      int[] parents,
      @JsonProperty("base_relatives") double[][][] baseRelatives,
      @JsonProperty("inverse_base_absolutes") double[][][] inverseBaseAbsolutes,
      @JsonProperty("base_positions") double[][] basePositions,
      double[][] weights,
      int[][] triangles,
      @JsonProperty("is_mirrored") boolean mirrored) {
  }

  /** One correspondence: the mesh point as three vertices and weights, and what was seen. */
  record Correspondence(int[] verts, double[] u, double[] observed) {
  }

  /** The problem as the objective reads it. */
  record Problem(double[] theta, Ht.Model model, Correspondence[] correspondences,
      boolean complicated) {
  }

  @Override
  public Evaluation prepare(String function, JsonNode input) {
    return switch (function) {
      case "objective" -> objective(problem(read(input)));
      case "jacobian" -> jacobian(problem(read(input)));
      default -> null;
    };
  }

  static Input read(JsonNode input) {
    try {
      return JSON.treeToValue(input, Input.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed ht input: " + e.getMessage(), e);
    }
  }

  static Problem problem(Input in) {
    if (in.theta() == null || in.theta().length != Ht.THETA || in.data() == null
        || in.data().model() == null || in.data().correspondences() == null
        || in.data().points() == null) {
      throw new IllegalArgumentException("ht input needs 26 theta, data.model, "
          + "data.correspondences and data.points");
    }
    ModelInput m = in.data().model();
    if (m.parents() == null || m.baseRelatives() == null || m.inverseBaseAbsolutes() == null
        || m.basePositions() == null || m.weights() == null) {
      throw new IllegalArgumentException("ht model needs parents, base_relatives, "
          + "inverse_base_absolutes, base_positions and weights");
    }
    int bones = m.parents().length;
    if (bones + 3 < 25 || m.baseRelatives().length != bones
        || m.inverseBaseAbsolutes().length != bones) {
      throw new IllegalArgumentException("ht model needs at least 22 bones, with a base "
          + "relative and an inverse base absolute transform each");
    }
    for (int i = 0; i < bones; i++) {
      if (m.parents()[i] >= i || m.parents()[i] < -1) {
        throw new IllegalArgumentException("bone " + i + "'s parent must come before it");
      }
    }
    for (double[] row : m.basePositions()) {
      requireLength("base_positions", row, 4);
    }
    for (double[] row : m.weights()) {
      requireLength("weights", row, bones);
    }
    Ht.Model model = new Ht.Model(m.parents(), flatten(m.baseRelatives()),
        flatten(m.inverseBaseAbsolutes()), m.basePositions(), m.weights(), m.mirrored());
    boolean complicated = in.us() != null && in.us().length != 0;
    int[] corr = in.data().correspondences();
    if (in.data().points().length != corr.length
        || complicated && (in.us().length != corr.length || m.triangles() == null)) {
      throw new IllegalArgumentException(
          "ht input needs one point (and one us pair) per correspondence");
    }
    Correspondence[] correspondences = new Correspondence[corr.length];
    int vertices = m.basePositions().length;
    for (int i = 0; i < corr.length; i++) {
      requireLength("points", in.data().points()[i], 3);
      int[] verts;
      double[] u;
      if (complicated) {
        requireLength("us", in.us()[i], 2);
        if (corr[i] < 0 || corr[i] >= m.triangles().length) {
          throw new IllegalArgumentException("correspondence " + i + " names no triangle");
        }
        verts = m.triangles()[corr[i]];
        u = in.us()[i];
      } else {
        // The point itself: weight 1 on the vertex, 0 on two copies of it.
        verts = new int[] {corr[i], corr[i], corr[i]};
        u = new double[] {1, 0};
      }
      if (verts == null || verts.length != 3) {
        throw new IllegalArgumentException("triangles need three vertices");
      }
      for (int v : verts) {
        if (v < 0 || v >= vertices) {
          throw new IllegalArgumentException("vertex " + v + " out of range");
        }
      }
      correspondences[i] = new Correspondence(verts, u, in.data().points()[i]);
    }
    return new Problem(in.theta(), model, correspondences, complicated);
  }

  private static void requireLength(String name, double[] row, int length) {
    if (row == null || row.length != length) {
      throw new IllegalArgumentException(name + " rows must have " + length + " entries");
    }
  }

  /** Each 4 × 4 transform as 16 numbers, row-major. */
  private static double[][] flatten(double[][][] transforms) {
    double[][] flat = new double[transforms.length][16];
    for (int b = 0; b < transforms.length; b++) {
      if (transforms[b] == null || transforms[b].length != 4) {
        throw new IllegalArgumentException("transforms must be 4 x 4");
      }
      for (int r = 0; r < 4; r++) {
        requireLength("transform", transforms[b][r], 4);
        System.arraycopy(transforms[b][r], 0, flat[b], 4 * r, 4);
      }
    }
    return flat;
  }

  private static Evaluation objective(Problem problem) {
    Correspondence[] cs = problem.correspondences();
    double[] errors = new double[3 * cs.length];
    return new Evaluation() {
      @Override
      public void run() {
        double[] posed = Ht.posed(problem.theta(), problem.model());
        for (int i = 0; i < cs.length; i++) {
          double[] e = Ht.posedError(
              posed, cs[i].u(), problem.model(), cs[i].verts(), cs[i].observed());
          System.arraycopy(e, 0, errors, 3 * i, 3);
        }
      }

      @Override
      public Object output() {
        return errors;
      }
    };
  }

  /**
   * The chain rule across the two stages: the Jacobian of the pose (one {@code posed} pullback
   * per entry), then for each error row the {@code posedError} pullback, whose adjoint of the
   * pose times that Jacobian is the row's ∂/∂theta.
   */
  private static Evaluation jacobian(Problem problem) {
    Correspondence[] cs = problem.correspondences();
    int offset = problem.complicated() ? 2 : 0;
    int length = Ht.posedLength(problem.model().parents().length);
    double[][] jacobian = new double[3 * cs.length][offset + Ht.THETA];
    double[][] poseJacobian = new double[length][Ht.THETA];
    double[] poseSeed = new double[length];
    double[][] seeds = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double[] posedBar = new double[length];
    double[] uBar = new double[2];
    Stacks stacks = new Stacks();
    return new Evaluation() {
      @Override
      public void run() {
        double[] posed = null;
        for (int k = 0; k < length; k++) {
          Arrays.fill(poseJacobian[k], 0);
          poseSeed[k] = 1;
          posed = HtAdjoint.posedPullback(
              problem.theta(), problem.model(), poseSeed, poseJacobian[k], stacks);
          poseSeed[k] = 0;
        }
        for (int i = 0; i < cs.length; i++) {
          for (int r = 0; r < 3; r++) {
            Arrays.fill(posedBar, 0);
            Arrays.fill(uBar, 0);
            HtAdjoint.posedErrorPullback(posed, cs[i].u(), problem.model(), cs[i].verts(),
                cs[i].observed(), seeds[r], posedBar, uBar, stacks);
            double[] row = jacobian[3 * i + r];
            Arrays.fill(row, 0);
            if (problem.complicated()) {
              row[0] = uBar[0];
              row[1] = uBar[1];
            }
            for (int k = 0; k < length; k++) {
              double a = posedBar[k];
              if (a != 0) {
                double[] d = poseJacobian[k];
                for (int c = 0; c < Ht.THETA; c++) {
                  row[offset + c] += a * d[c];
                }
              }
            }
          }
        }
      }

      @Override
      public Object output() {
        return jacobian;
      }
    };
  }
}
