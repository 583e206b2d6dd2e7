package dev.adjoint.processor.kernels;

import dev.adjoint.processor.numeric.ArraySuite;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradients of {@code @Differentiable} methods that call the {@code LinearAlgebra} kernels
 * ({@link KernelCases}): for each, the generated record and the generated pullback (seed 2.5 into
 * pre-filled adjoint arrays) against finite differences and closed forms, once with the analyses
 * and once with {@code -Aadjoint.analyses=off}.
 */
class KernelGradientTest {

  private static final String IMPORT = "import dev.adjoint.runtime.LinearAlgebra;";

  private static final ArraySuite WITH_ANALYSES =
      ArraySuite.of("adjtest.kernels.Kernels").imports(IMPORT).add(KernelCases.all());

  private static final ArraySuite ANALYSES_OFF =
      ArraySuite.of("adjtest.kernels.off.Kernels")
          .imports(IMPORT)
          .options("-Aadjoint.analyses=off")
          .add(KernelCases.all());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return WITH_ANALYSES.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return ANALYSES_OFF.tests();
  }
}
