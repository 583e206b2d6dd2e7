package dev.adjoint.gradbench.ba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import org.junit.jupiter.api.Test;

class BaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** ADBench's ba1 camera, point, weight and feature. */
  private static final String INPUT = "{\"n\": 3, \"m\": 4, \"p\": 12,"
      + " \"cam\": [-0.016, 0.0111, -0.00256, 0.738, -0.341, 1.55, 400.5, 0.01, 0.02, -3.2e-7,"
      + " 1.9e-11], \"x\": [-0.613, 1.43, -3.52], \"w\": 0.9, \"feat\": [-332.65, 262.09],"
      + " \"min_runs\": 1, \"min_seconds\": 0}";

  private static JsonNode input(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static Object run(String function) throws Exception {
    Evaluation e = new BaModule().prepare(function, input(INPUT));
    e.run();
    e.run(); // a second run must not accumulate into the first one's Jacobian
    return e.output();
  }

  private static BaModule.Problem problem() throws Exception {
    return BaModule.Problem.of(BaModule.read(input(INPUT)));
  }

  @Test
  void objectiveIsTheWeightedReprojectionError() throws Exception {
    BaModule.ObjectiveOutput out = (BaModule.ObjectiveOutput) run("objective");
    BaModule.Problem problem = problem();
    double[] cam = problem.cams()[0];
    double[] x = problem.points()[0];
    var reference = BaReference.error(cam, x, 0.9, problem.features()[0], -1);
    assertEquals(reference[0].v(), out.reprojError().elements()[0], 1e-9);
    assertEquals(reference[1].v(), out.reprojError().elements()[1], 1e-9);
    assertEquals(12, out.reprojError().repeated());
    assertEquals(1 - 0.81, out.wErr().element(), 1e-15);
    assertEquals(12, out.wErr().repeated());
  }

  @Test
  void everyBlockMatchesTheHandWrittenReference() throws Exception {
    BaModule.Problem problem = problem();
    SparseJacobian jacobian = new SparseJacobian(problem);
    jacobian.compute();
    int k = 0;
    for (int i = 0; i < problem.observations(); i++) {
      double[][] block = BaReference.block(problem.cams()[problem.cameraOf()[i]],
          problem.points()[problem.pointOf()[i]], problem.weights()[i], problem.features()[i]);
      for (int r = 0; r < 2; r++) {
        assertEquals(k, jacobian.rows()[2 * i + r]);
        for (int j = 0; j < 15; j++, k++) {
          double scale = Math.max(1, Math.abs(block[r][j]));
          assertEquals(block[r][j], jacobian.vals()[k], 1e-10 * scale, "row " + r + " col " + j);
        }
      }
    }
    for (int i = 0; i < problem.observations(); i++, k++) {
      assertEquals(-2 * 0.9, jacobian.vals()[k], 1e-15);
    }
    assertEquals(k, jacobian.rows()[jacobian.rows().length - 1]);
  }

  @Test
  void firstBlockMatchesCentralDifferences() throws Exception {
    BaModule.Problem problem = problem();
    SparseJacobian jacobian = new SparseJacobian(problem);
    jacobian.compute();
    double[] cam = problem.cams()[0].clone();
    double[] x = problem.points()[0].clone();
    double[] feat = problem.features()[0];
    for (int j = 0; j < 15; j++) {
      double[] inputs = new double[15];
      System.arraycopy(cam, 0, inputs, 0, 11);
      System.arraycopy(x, 0, inputs, 11, 3);
      inputs[14] = 0.9;
      double h = 1e-6 * Math.max(1, Math.abs(inputs[j]));
      double[] plus = inputs.clone();
      double[] minus = inputs.clone();
      plus[j] += h;
      minus[j] -= h;
      for (int r = 0; r < 2; r++) {
        double fd = (error(plus)[r] - error(minus)[r]) / (2 * h);
        double scale = Math.max(1, Math.abs(fd));
        assertEquals(fd, jacobian.vals()[15 * r + j], 1e-5 * scale, "row " + r + " col " + j);
      }
    }
  }

  private static double[] error(double[] inputs) {
    double[] cam = java.util.Arrays.copyOfRange(inputs, 0, 11);
    double[] x = java.util.Arrays.copyOfRange(inputs, 11, 14);
    return Ba.reprojectionError(cam, x, inputs[14], new double[] {-332.65, 262.09});
  }

  @Test
  void jacobianIsAbridgedAsTheReferenceToolSendsIt() throws Exception {
    BaModule.JacobianOutput out = (BaModule.JacobianOutput) run("jacobian");
    assertEquals(31, out.rows().length);
    assertEquals(31, out.cols().length);
    assertEquals(31, out.vals().length);
    int[] expectedRows = new int[31];
    for (int i = 0; i < 30; i++) {
      expectedRows[i] = i < 24 ? 15 * i : 360 + (i - 24);
    }
    expectedRows[30] = 12 * 31;
    assertArrayEquals(expectedRows, out.rows());
    // Observation 0: camera 0's 11 columns, point 0's 3 (after 3 cameras), weight 0's column.
    int[] firstRow = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 33, 34, 35, 45};
    for (int j = 0; j < 15; j++) {
      assertEquals(firstRow[j], out.cols()[j]);
      assertEquals(firstRow[j], out.cols()[15 + j]);
    }
    assertEquals(33 + 12 + 11, out.cols()[30]);
    assertEquals(-1.8, out.vals()[30], 1e-15);
  }

  @Test
  void unknownFunctionIsNullAndMalformedInputThrows() throws Exception {
    assertNull(new BaModule().prepare("gradient", input(INPUT)));
    assertThrows(IllegalArgumentException.class,
        () -> new BaModule().prepare("objective", input("{\"n\": 1, \"m\": 1, \"p\": 1}")));
    assertThrows(IllegalArgumentException.class, () -> new BaModule().prepare("objective",
        input(INPUT.replace("[-0.613, 1.43, -3.52]", "[1, 2]"))));
  }
}
