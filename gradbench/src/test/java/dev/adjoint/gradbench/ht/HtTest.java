package dev.adjoint.gradbench.ht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adjoint.gradbench.Evaluation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HtTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BONES = 22;
  private static final int VERTICES = 7;

  /** A small synthetic hand: 22 bones in a tree, 7 vertices, 4 triangles, 5 observations. */
  static ObjectNode input(boolean complicated, boolean mirrored, long seed) {
    Random random = new Random(seed);
    int[] parents = new int[BONES];
    for (int i = 0; i < BONES; i++) {
      parents[i] = i == 0 ? -1 : random.nextInt(i);
    }
    double[][][] relatives = new double[BONES][][];
    double[][][] inverses = new double[BONES][][];
    for (int b = 0; b < BONES; b++) {
      relatives[b] = transform(random);
      inverses[b] = transform(random);
    }
    double[][] positions = new double[VERTICES][];
    double[][] weights = new double[VERTICES][BONES];
    for (int v = 0; v < VERTICES; v++) {
      positions[v] = new double[] {gauss(random), gauss(random), gauss(random), 1};
      for (int k = 0; k < 3; k++) {
        weights[v][random.nextInt(BONES)] += random.nextDouble();
      }
    }
    int[][] triangles = {{0, 1, 2}, {2, 3, 4}, {4, 5, 6}, {6, 0, 3}};
    int points = 5;
    int[] correspondences = new int[points];
    double[][] observed = new double[points][];
    double[][] us = new double[points][];
    for (int i = 0; i < points; i++) {
      correspondences[i] = random.nextInt(complicated ? triangles.length : VERTICES);
      observed[i] = new double[] {gauss(random), gauss(random), gauss(random)};
      us[i] = new double[] {0.6 * random.nextDouble(), 0.4 * random.nextDouble()};
    }
    double[] theta = new double[Ht.THETA];
    for (int i = 0; i < theta.length; i++) {
      theta[i] = 0.4 * gauss(random);
    }
    ObjectNode model = JSON.createObjectNode();
    model.put("bone_count", BONES);
    model.set("parents", JSON.valueToTree(parents));
    model.set("base_relatives", JSON.valueToTree(relatives));
    model.set("inverse_base_absolutes", JSON.valueToTree(inverses));
    model.set("base_positions", JSON.valueToTree(positions));
    model.set("weights", JSON.valueToTree(weights));
    model.set("triangles", JSON.valueToTree(triangles));
    model.put("is_mirrored", mirrored);
    ObjectNode data = JSON.createObjectNode();
    data.set("model", model);
    data.set("correspondences", JSON.valueToTree(correspondences));
    data.set("points", JSON.valueToTree(observed));
    ObjectNode input = JSON.createObjectNode();
    input.set("theta", JSON.valueToTree(theta));
    input.set("data", data);
    input.set("us", JSON.valueToTree(complicated ? us : new double[0][]));
    input.put("min_runs", 1);
    input.put("min_seconds", 0);
    return input;
  }

  private static double gauss(Random random) {
    return random.nextGaussian();
  }

  /** A rotation-and-shift-like 4 × 4 transform with a homogeneous last row. */
  private static double[][] transform(Random random) {
    double[][] m = new double[4][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        m[r][c] = (r == c ? 1 : 0) + 0.3 * gauss(random);
      }
    }
    m[3][3] = 1;
    return m;
  }

  private static Object run(String function, JsonNode input) {
    Evaluation e = new HtModule().prepare(function, input);
    e.run();
    e.run(); // a second run must not accumulate into the first one's Jacobian
    return e.output();
  }

  private static void assertMatrixClose(double[][] expected, double[][] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected[r].length, actual[r].length);
      for (int c = 0; c < expected[r].length; c++) {
        double scale = Math.max(1, Math.abs(expected[r][c]));
        assertEquals(expected[r][c], actual[r][c], tol * scale, "row " + r + " column " + c);
      }
    }
  }

  @Test
  void objectiveMatchesTheWholeMeshReference() {
    for (boolean complicated : new boolean[] {false, true}) {
      JsonNode in = input(complicated, complicated, 3);
      HtModule.Problem p = HtModule.problem(HtModule.read(in));
      double[] errors = (double[]) run("objective", in);
      var reference = HtReference.errors(p, -1);
      assertEquals(reference.length, errors.length);
      for (int i = 0; i < errors.length; i++) {
        assertEquals(reference[i].v(), errors[i], 1e-12);
      }
    }
  }

  @Test
  void simpleJacobianMatchesTheHandWrittenReference() {
    for (boolean mirrored : new boolean[] {false, true}) {
      JsonNode in = input(false, mirrored, 5);
      double[][] j = (double[][]) run("jacobian", in);
      assertEquals(Ht.THETA, j[0].length);
      assertMatrixClose(HtReference.jacobian(HtModule.problem(HtModule.read(in))), j, 1e-11);
    }
  }

  @Test
  void complicatedJacobianMatchesTheHandWrittenReference() {
    for (boolean mirrored : new boolean[] {false, true}) {
      JsonNode in = input(true, mirrored, 7);
      double[][] j = (double[][]) run("jacobian", in);
      assertEquals(2 + Ht.THETA, j[0].length);
      assertMatrixClose(HtReference.jacobian(HtModule.problem(HtModule.read(in))), j, 1e-11);
    }
  }

  @Test
  void complicatedJacobianMatchesCentralDifferences() {
    JsonNode in = input(true, false, 9);
    HtModule.Problem p = HtModule.problem(HtModule.read(in));
    double[][] j = (double[][]) run("jacobian", in);
    double h = 1e-6;
    for (int i = 0; i < p.correspondences().length; i++) {
      HtModule.Correspondence c = p.correspondences()[i];
      for (int k = 0; k < 2 + Ht.THETA; k++) {
        double[] array = k < 2 ? c.u() : p.theta();
        int index = k < 2 ? k : k - 2;
        double saved = array[index];
        array[index] = saved + h;
        double[] plus = Ht.pointError(p.theta(), c.u(), p.model(), c.verts(), c.observed());
        array[index] = saved - h;
        double[] minus = Ht.pointError(p.theta(), c.u(), p.model(), c.verts(), c.observed());
        array[index] = saved;
        for (int r = 0; r < 3; r++) {
          double fd = (plus[r] - minus[r]) / (2 * h);
          assertEquals(fd, j[3 * i + r][k], 1e-6 * Math.max(1, Math.abs(fd)),
              "point " + i + " error " + r + " column " + k);
        }
      }
    }
  }

  @Test
  void unknownFunctionIsNullAndMalformedInputThrows() {
    assertNull(new HtModule().prepare("gradient", input(false, false, 1)));
    ObjectNode shortTheta = input(false, false, 1);
    shortTheta.set("theta", JSON.valueToTree(new double[3]));
    assertThrows(IllegalArgumentException.class,
        () -> new HtModule().prepare("objective", shortTheta));
    ObjectNode badVertex = input(false, false, 1);
    ((ObjectNode) badVertex.get("data")).set("correspondences",
        JSON.valueToTree(new int[] {0, 1, 2, 3, 99}));
    assertThrows(IllegalArgumentException.class,
        () -> new HtModule().prepare("jacobian", badVertex));
    ObjectNode noData = JSON.createObjectNode();
    noData.set("theta", JSON.valueToTree(new double[Ht.THETA]));
    assertThrows(IllegalArgumentException.class,
        () -> new HtModule().prepare("objective", noData));
  }
}
