package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The references themselves: accurate enough to pass correct gradients, sharp enough to fail wrong ones. */
class FiniteDifferencesTest {

  @Test
  void richardsonIsAccurateOnKnownGradients() {
    double[] x = {1.3, -0.7, 4.0};
    double[] fd =
        FiniteDifferences.gradient(
            v -> Math.sin(v[0] * v[1]) + Math.exp(v[2] / 4) * v[0] + Math.log(v[2]), x);
    double[] exact = {
      Math.cos(x[0] * x[1]) * x[1] + Math.exp(x[2] / 4),
      Math.cos(x[0] * x[1]) * x[0],
      Math.exp(x[2] / 4) * x[0] / 4 + 1 / x[2]
    };
    for (int i = 0; i < x.length; i++) {
      assertTrue(FiniteDifferences.relativeError(exact[i], fd[i]) < 1e-9,
          "component " + i + ": " + fd[i] + " vs " + exact[i]);
    }
  }

  @Test
  void largeArgumentsUseAScaledStep() {
    double[] x = {1e6};
    double[] fd = FiniteDifferences.gradient(v -> v[0] * v[0] * 1e-6, x);
    assertEquals(2.0, fd[0], 1e-8);
  }

  @Test
  void wrongGradientsAreRejected() {
    // the mistakes a transformer makes: a wrong sign, a dropped term, a missed chain factor
    double x = 0.8;
    double y = 1.7;
    double[] fd = FiniteDifferences.gradient(v -> v[0] * v[1] + Math.sin(v[0] * v[1]),
        new double[] {x, y});
    double right = y + Math.cos(x * y) * y;
    List<Double> wrong = List.of(-right, y, Math.cos(x * y) * y, y + Math.cos(x * y),
        right * (1 + 1e-5));
    assertTrue(FiniteDifferences.relativeError(right, fd[0]) <= Tolerances.FINITE_DIFFERENCES);
    for (double w : wrong) {
      assertTrue(FiniteDifferences.relativeError(w, fd[0]) > Tolerances.FINITE_DIFFERENCES,
          "should reject " + w);
    }
  }

  @Test
  void relativeErrorTreatsNaNAsMismatch() {
    assertEquals(Double.POSITIVE_INFINITY, FiniteDifferences.relativeError(Double.NaN, 1));
    assertEquals(0, FiniteDifferences.relativeError(0.0, -0.0));
    assertEquals(0.5, FiniteDifferences.relativeError(0.5, 1.0), 1e-15);
  }

  @Test
  void caseRejectsArgumentsOfTheWrongShape() {
    assertThrows(IllegalArgumentException.class,
        () -> GradientCase.of("f", "double x, int n", "return x;").at(1.0));
    assertThrows(IllegalArgumentException.class,
        () -> GradientCase.of("f", "double x, int n", "return x;").at(1.0, 1.5));
  }

  @Test
  void caseNamesDifferentiatedParametersInDeclarationOrder() {
    GradientCase c =
        GradientCase.of("f", "double x, int n, double learningRate, boolean b", "return x;");
    assertEquals(List.of("x", "learningRate"), c.differentiated());
    assertEquals(List.of("dX", "dLearningRate"), c.expectedComponents());
    GradientCase w = GradientCase.of("g", "double a, double b, double c", "return a;")
        .wrt("c", "a");
    assertEquals(List.of("a", "c"), w.differentiated());
  }
}
