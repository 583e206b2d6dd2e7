package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The smoothness screen rejects a point where an operation's local partial overflows even
 * though its value is finite (fuzz seed -1377115331495841385: a dead {@code 1.0 / x0} of
 * {@code x0 ≈ 1e-305} made the analyses-off gradient {@code 0 * -inf}).
 */
class TraceScreenTest {

  private static boolean singular(DoubleSupplier op) {
    Trace.reset();
    op.getAsDouble();
    return Trace.singular();
  }

  @Test
  void aFiniteQuotientWithAnOverflowingPartialIsSingular() {
    assertTrue(singular(() -> Trace.div(1.0, 1e-305)));
    assertTrue(singular(() -> Trace.div(1e200, 1e-60)));
    assertFalse(singular(() -> Trace.div(1.0, 1e-100)));
  }

  @Test
  void logAndSqrtOfSubnormalsAndAtan2NearTheOriginAreSingular() {
    assertTrue(singular(() -> Trace.log(Double.MIN_VALUE)));
    assertTrue(singular(() -> Trace.atan2(1e-170, 1e-170)));
    assertTrue(singular(() -> Trace.pow(1e-200, -1.0)));
    assertFalse(singular(() -> Trace.log(1e-300)));
    assertFalse(singular(() -> Trace.atan2(1e-100, 1e-100)));
    assertFalse(singular(() -> Trace.pow(2.0, 0.5)));
  }
}
