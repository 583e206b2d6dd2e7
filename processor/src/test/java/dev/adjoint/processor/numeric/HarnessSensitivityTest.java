package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The harness can fail: deliberately wrong references (not wrong generated code) must be caught by
 * the oracle, pinned and signature checks (finite differences: see {@link FiniteDifferencesTest}), so a passing suite means the generated gradients agree with independent
 * references rather than that the checks are vacuous.
 */
class HarnessSensitivityTest {

  private static final GradientCase WRONG_ORACLE =
      GradientCase.of("square", "double x", "return x * x;")
          .oracle(d -> d.v("x").pow(3)) // wrong on purpose
          .noFiniteDifferences()
          .at(1.5);

  private static final GradientCase WRONG_PIN =
      GradientCase.of("cube", "double x", "return x * x * x;").pinned(args(2.0), 11.0); // 12

  private static final GradientCase WRONG_COMPONENTS =
      GradientCase.of("pair", "double x, double y", "return x * y;").wrt("x").at(1.0, 2.0);

  /** Correct everywhere: must pass, so the three failures above are about the wrong references. */
  private static final GradientCase RIGHT =
      GradientCase.of("product", "double x, double y", "return x * Math.sin(y);")
          .oracle(d -> d.v("x").multiply(d.v("y").sin()))
          .at(1.5, 0.3);

  private static final CaseSuite SUITE =
      CaseSuite.of("adjtest.sens.Sensitivity", WRONG_ORACLE, WRONG_PIN, RIGHT,
          // compiled with wrt = {"x", "y"} but described to the harness as wrt = {"x"}
          GradientCase.of("pair", "double x, double y", "return x * y;").at(1.0, 2.0));

  @Test
  void oracleMismatchFails() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> SUITE.checkRecord(WRONG_ORACLE, WRONG_ORACLE.points().get(0)));
    assertTrue(e.getMessage().contains("DerivativeStructure"), e.getMessage());
    assertThrows(AssertionError.class,
        () -> SUITE.checkPullback(WRONG_ORACLE, WRONG_ORACLE.points().get(0)));
  }

  @Test
  void pinnedMismatchFails() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> SUITE.checkRecord(WRONG_PIN, WRONG_PIN.points().get(0)));
    assertTrue(e.getMessage().contains("pinned"), e.getMessage());
  }

  @Test
  void correctCasePasses() {
    SUITE.checkSignature(RIGHT);
    SUITE.checkRecord(RIGHT, RIGHT.points().get(0));
    SUITE.checkPullback(RIGHT, RIGHT.points().get(0));
  }

  @Test
  void componentMismatchFails() {
    assertThrows(AssertionError.class,
        () -> SUITE.checkSignature(WRONG_COMPONENTS));
  }
}
