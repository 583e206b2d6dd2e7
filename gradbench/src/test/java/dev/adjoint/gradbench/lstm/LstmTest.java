package dev.adjoint.gradbench.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adjoint.gradbench.Evaluation;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LstmTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LAYERS = 2;
  private static final int BITS = 3;
  private static final int CHARS = 5;

  private final Random random = new Random(11);
  private final double[][] main = matrix(2 * LAYERS, 4 * BITS);
  private final double[][] extra = matrix(3, BITS);
  private final double[][] state = matrix(2 * LAYERS, BITS);
  private final double[][] sequence = bits(CHARS, BITS);

  private double[][] matrix(int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextDouble();
      }
    }
    return m;
  }

  private double[][] bits(int rows, int columns) {
    double[][] m = new double[rows][columns];
    for (double[] row : m) {
      for (int j = 0; j < columns; j++) {
        row[j] = random.nextBoolean() ? 1 : 0;
      }
    }
    return m;
  }

  private JsonNode input() {
    ObjectNode node = JSON.createObjectNode();
    node.set("main_params", JSON.valueToTree(main));
    node.set("extra_params", JSON.valueToTree(extra));
    node.set("state", JSON.valueToTree(state));
    node.set("sequence", JSON.valueToTree(sequence));
    node.put("min_runs", 1);
    node.put("min_seconds", 0);
    return node;
  }

  private Object run(String function) {
    Evaluation e = new LstmModule().prepare(function, input());
    e.run();
    e.run(); // a second run must not accumulate into the first one's gradient
    return e.output();
  }

  @Test
  void objectiveMatchesTheReference() {
    double expected = LstmReference.loss(main, extra, state, sequence, -1).v();
    assertEquals(expected, (Double) run("objective"), 1e-14);
  }

  @Test
  void jacobianMatchesTheHandWrittenReference() {
    assertArrayEquals(
        LstmReference.gradient(main, extra, state, sequence), (double[]) run("jacobian"), 1e-13);
  }

  @Test
  void jacobianMatchesCentralDifferences() {
    double[] g = (double[]) run("jacobian");
    double h = 1e-6;
    int k = 0;
    for (double[][] m : new double[][][] {main, extra}) {
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++, k++) {
          double saved = row[j];
          row[j] = saved + h;
          double plus = Lstm.objective(main, extra, state, sequence);
          row[j] = saved - h;
          double minus = Lstm.objective(main, extra, state, sequence);
          row[j] = saved;
          double fd = (plus - minus) / (2 * h);
          assertEquals(fd, g[k], 1e-8, "parameter " + k);
        }
      }
    }
    assertEquals(g.length, k);
  }

  @Test
  void objectiveLeavesTheStateAlone() {
    double[][] before = new double[state.length][];
    for (int i = 0; i < state.length; i++) {
      before[i] = state[i].clone();
    }
    run("jacobian");
    assertArrayEquals(before, state);
  }

  @Test
  void unknownFunctionIsNullAndMalformedInputThrows() throws Exception {
    assertNull(new LstmModule().prepare("gradient", input()));
    ObjectNode wrong = (ObjectNode) input();
    wrong.set("extra_params", JSON.valueToTree(matrix(2, BITS)));
    assertThrows(IllegalArgumentException.class,
        () -> new LstmModule().prepare("objective", wrong));
    assertThrows(IllegalArgumentException.class,
        () -> new LstmModule().prepare("objective", JSON.readTree("{\"state\": 1}")));
  }
}
