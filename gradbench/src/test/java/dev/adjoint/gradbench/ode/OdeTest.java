package dev.adjoint.gradbench.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import org.junit.jupiter.api.Test;

class OdeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double[] X = {0.3, 0.8, 0.45, 0.9, 0.6, 0.2};

  private static JsonNode input(int s) throws Exception {
    return JSON.readTree("{\"x\": " + JSON.writeValueAsString(X) + ", \"s\": " + s
        + ", \"min_runs\": 1, \"min_seconds\": 0}");
  }

  private static double[] run(String function, int s) throws Exception {
    Evaluation e = new OdeModule().prepare(function, input(s));
    e.run();
    e.run(); // a second run must not accumulate into the first one's gradient
    return (double[]) e.output();
  }

  @Test
  void primalMatchesTheExactSolutionForOneStepPolynomials() throws Exception {
    // y0 = x0·t exactly; y1' = x1·x0·t gives y1 = x1·x0·t²/2, which RK4 also gets exactly.
    double[] y = run("primal", 3);
    assertEquals(2 * X[0], y[0], 1e-14);
    assertEquals(X[1] * X[0] * 2, y[1], 1e-13);
  }

  @Test
  void gradientMatchesTheHandWrittenTangent() throws Exception {
    for (int s : new int[] {1, 4, 10}) {
      assertArrayEquals(OdeReference.gradientOfLast(X, s), run("gradient", s), 1e-12);
    }
  }

  @Test
  void gradientMatchesCentralDifferences() throws Exception {
    int s = 7;
    double[] g = run("gradient", s);
    double h = 1e-6;
    for (int j = 0; j < X.length; j++) {
      double[] plus = X.clone();
      double[] minus = X.clone();
      plus[j] += h;
      minus[j] -= h;
      double fd = (Ode.last(plus, s) - Ode.last(minus, s)) / (2 * h);
      assertEquals(fd, g[j], 1e-7 * Math.max(1, Math.abs(fd)), "coordinate " + j);
    }
  }

  @Test
  void lastIsThePrimalsLastElement() {
    double[] y = Ode.primal(X, 5);
    assertEquals(y[y.length - 1], Ode.last(X, 5));
    assertArrayEquals(OdeReference.gradientOfLast(X, 5), OdeAdjoint.last(X, 5).dX(), 1e-12);
  }

  @Test
  void unknownFunctionIsNullAndMalformedInputThrows() throws Exception {
    assertNull(new OdeModule().prepare("hessian", input(2)));
    assertThrows(IllegalArgumentException.class,
        () -> new OdeModule().prepare("primal", JSON.readTree("{\"x\": [1, 2]}")));
    assertThrows(IllegalArgumentException.class,
        () -> new OdeModule().prepare("primal", JSON.readTree("{\"x\": \"no\", \"s\": 2}")));
  }
}
