package dev.adjoint.gradbench.lse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.gradbench.EvalRunner;
import dev.adjoint.gradbench.Numeric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LseTest {
  // The maximum in the middle, and a large value: the max-shift must be differentiated right.
  private static final double[] X = {0.5, -1.0, 30.0, 29.5, 2.0, -3.0};

  @Test
  void primalMatchesTheReference() {
    assertEquals(LseReference.value(X),
        EvalRunner.output("lse", "primal", Map.of("x", X)).asDouble(), 1e-12);
  }

  @Test
  void gradientMatchesFiniteDifferencesAndTheReference() {
    double[] generated = EvalRunner.as(EvalRunner.output("lse", "gradient", Map.of("x", X)),
        double[].class);
    Numeric.assertClose(Numeric.gradient(Lse::logsumexp, X.clone()), generated, 1e-6,
        "finite differences");
    Numeric.assertClose(LseReference.gradient(X), generated, 1e-12, "reference");
  }
}
