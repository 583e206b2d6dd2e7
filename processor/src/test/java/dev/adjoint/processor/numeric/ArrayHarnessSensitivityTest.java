package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The array harness can fail: a wrong closed form, a gradient that finite differences disagree
 * with, and a wrong description of the differentiated parameters are all caught, so a passing
 * {@link ArraySuite} means the generated gradients agree with independent references.
 */
class ArrayHarnessSensitivityTest {

  private static final String SUM_SQUARES =
      """
      double s = 0;
      for (double v : x) {
        s += v * v * w;
      }
      return s;""";

  /** Correct everywhere: must pass, so the failures below are about the wrong references. */
  private static final ArrayCase RIGHT =
      ArrayCase.of("sumSquares", "double[] x, double w", SUM_SQUARES)
          .closedForm(a -> {
            double[] x = (double[]) a[0];
            double w = (Double) a[1];
            double[] dx = new double[x.length];
            double dw = 0;
            for (int i = 0; i < x.length; i++) {
              dx[i] = 2 * x[i] * w;
              dw += x[i] * x[i];
            }
            return args(dx, dw);
          })
          .at(new double[] {0.5, -1.5, 2.0}, 0.75);

  private static final ArrayCase WRONG_CLOSED_FORM =
      ArrayCase.of("sumSquaresWrong", "double[] x, double w", SUM_SQUARES)
          .closedForm(a -> {
            double[] x = ((double[]) a[0]).clone(); // missing the factor 2 w
            return args(x, 0.0);
          })
          .noFiniteDifferences()
          .at(new double[] {0.5, -1.5, 2.0}, 0.75);

  /** withoutDerivative: the generated gradient is x, finite differences of the primal see 2x. */
  private static final ArrayCase FD_DISAGREES =
      ArrayCase.of("stopped", "double[] x",
              """
              double s = 0;
              for (int i = 0; i < x.length; i++) {
                s += x[i] * Gradients.withoutDerivative(x[i]);
              }
              return s;""")
          .at(new double[] {0.5, -1.5});

  private static final ArraySuite SUITE =
      ArraySuite.of("adjtest.arrsens.ArraySensitivity", RIGHT, WRONG_CLOSED_FORM, FD_DISAGREES)
          .imports("import dev.adjoint.runtime.Gradients;");

  /** Described as differentiated only in x, but compiled (as RIGHT) in x and w. */
  private static final ArrayCase WRONG_WRT =
      ArrayCase.of("sumSquares", "double[] x, double w", SUM_SQUARES).wrt("x")
          .at(new double[] {0.5}, 1.0);

  @Test
  void correctCasePasses() {
    SUITE.checkSignature(RIGHT);
    SUITE.checkRecord(RIGHT, RIGHT.points().get(0));
    SUITE.checkPullback(RIGHT, RIGHT.points().get(0));
  }

  @Test
  void wrongClosedFormFails() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> SUITE.checkRecord(WRONG_CLOSED_FORM, WRONG_CLOSED_FORM.points().get(0)));
    assertTrue(e.getMessage().contains("closed form"), e.getMessage());
    assertThrows(AssertionError.class,
        () -> SUITE.checkPullback(WRONG_CLOSED_FORM, WRONG_CLOSED_FORM.points().get(0)));
  }

  @Test
  void finiteDifferencesDisagreementFails() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> SUITE.checkRecord(FD_DISAGREES, FD_DISAGREES.points().get(0)));
    assertTrue(e.getMessage().contains("finite differences"), e.getMessage());
    assertTrue(e.getMessage().contains("x[1]"), e.getMessage());
    assertThrows(AssertionError.class,
        () -> SUITE.checkPullback(FD_DISAGREES, FD_DISAGREES.points().get(0)));
  }

  @Test
  void wrongComponentsFail() {
    assertThrows(AssertionError.class, () -> SUITE.checkSignature(WRONG_WRT));
    assertThrows(AssertionError.class,
        () -> SUITE.checkRecord(WRONG_WRT, WRONG_WRT.points().get(0)));
  }
}
