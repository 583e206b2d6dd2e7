package dev.adjoint.processor.numeric;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The programs most sensitive to the activity and to-be-recorded analyses (reassignment,
 * overwritten values, branches, composites), compiled again with {@code -Aadjoint.analyses=off}:
 * the gradients must not change.
 */
class AnalysesOffTest {

  private static final CaseSuite SUITE =
      CaseSuite.of("adjtest.off.AnalysesOff")
          .options("-Aadjoint.analyses=off")
          .add(ArithmeticGradientTest.ASSIGNMENTS.cases())
          .add(BranchGradientTest.BRANCHES.cases())
          .add(BranchGradientTest.GUARDED.cases())
          .add(CompositeFunctionGradientTest.CASES);

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return SUITE.tests();
  }
}
