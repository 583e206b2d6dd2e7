package dev.adjoint.gradbench.llsq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.gradbench.EvalRunner;
import dev.adjoint.gradbench.Numeric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlsqTest {
  private static final double[] X = {0.3, -1.2, 0.7, 2.1, -0.4};
  private static final int N = 9;

  @Test
  void primalMatchesTheReference() {
    double value = EvalRunner.output("llsq", "primal", Map.of("x", X, "n", N)).asDouble();
    assertEquals(LlsqReference.value(X, N), value, 1e-12 * Math.abs(value));
  }

  @Test
  void gradientMatchesFiniteDifferencesAndTheReference() {
    double[] generated = EvalRunner.as(
        EvalRunner.output("llsq", "gradient", Map.of("x", X, "n", N)), double[].class);
    Numeric.assertClose(Numeric.gradient(x -> Llsq.primal(x, N), X.clone()), generated, 1e-6,
        "finite differences");
    Numeric.assertClose(LlsqReference.gradient(X, N), generated, 1e-12, "reference");
  }
}
