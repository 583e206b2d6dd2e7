package dev.adjoint.processor.numeric;

import dev.adjoint.processor.numeric.ArrayCase.Values;
import dev.adjoint.processor.testing.AdjointMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loop and array case compiled again with {@code -Aadjoint.analyses=off} (every double
 * active, every overwrite recorded): checked against the same references, and against the
 * gradients of the compilation with analyses on, which must be the same numbers.
 */
class LoopAnalysesOffTest {

  private static final String OFF = "-Aadjoint.analyses=off";

  private static final CaseSuite SCALAR_OFF =
      CaseSuite.of("adjtest.loopsoff.LoopsOff", LoopGradientTest.CASES)
          .options(OFF)
          .imports("import dev.adjoint.runtime.Gradients;");

  private static final ArraySuite ARRAYS_OFF =
      ArraySuite.of("adjtest.arraysoff.ArraysOff")
          .options(OFF)
          .imports("import dev.adjoint.runtime.Gradients;")
          .add(ArrayGradientTest.SUITE.cases());

  /**
   * Includes the cases that found two bugs of analyses off: a {@code return} inside a loop
   * recorded the result slot and the backward sweep restored it, so the methods returned 0
   * (earlyReturnInLoop, returnFromWhile, returnFirstAbove); and {@code wrt} leaving out array
   * parameters wrote into their adjoints declared {@code double[] yBar = null}
   * (leastSquaresWrtW).
   */
  @TestFactory
  Stream<DynamicNode> scalarLoopsWithAnalysesOff() {
    return SCALAR_OFF.tests();
  }

  @TestFactory
  Stream<DynamicNode> arrayLoopsWithAnalysesOff() {
    return ARRAYS_OFF.tests();
  }

  /** Analyses on and off: the same value and gradient at every point (to rounding). */
  @TestFactory
  Stream<DynamicNode> sameGradientsAsWithAnalyses() {
    List<DynamicNode> nodes = new ArrayList<>();
    for (GradientCase c : LoopGradientTest.CASES) {
      List<DynamicNode> points = new ArrayList<>();
      for (GradientCase.Point p : c.points()) {
        points.add(DynamicTest.dynamicTest(c.label(p.args()), () -> {
          AdjointMethod on = LoopGradientTest.SUITE.method(c.name());
          AdjointMethod off = SCALAR_OFF.method(c.name());
          compare(c.name(), on.valueAndGradient(p.args()).components(),
              off.valueAndGradient(p.args()).components(),
              on.valueAndGradient(p.args()).value(), off.valueAndGradient(p.args()).value());
        }));
      }
      nodes.add(DynamicContainer.dynamicContainer(c.name(), points));
    }
    for (ArrayCase c : ArrayGradientTest.SUITE.cases()) {
      List<DynamicNode> points = new ArrayList<>();
      for (Object[] p : c.points()) {
        points.add(DynamicTest.dynamicTest(c.label(p), () -> {
          Object[] on = ArrayGradientTest.SUITE.method(c.name())
              .recordComponentValues(Values.deepCopyAll(p));
          Object[] off = ARRAYS_OFF.method(c.name()).recordComponentValues(Values.deepCopyAll(p));
          compare(c.name(), flatten(on), flatten(off), (Double) on[0], (Double) off[0]);
        }));
      }
      nodes.add(DynamicContainer.dynamicContainer(c.name(), points));
    }
    return nodes.stream();
  }

  private static double[] flatten(Object[] components) {
    int n = 0;
    for (int k = 1; k < components.length; k++) {
      n += Values.size(components[k]);
    }
    double[] out = new double[n];
    int at = 0;
    for (int k = 1; k < components.length; k++) {
      at = Values.flattenInto(components[k], out, at);
    }
    return out;
  }

  private static void compare(String name, double[] on, double[] off, double valueOn,
      double valueOff) {
    CaseSuite.Failures f = new CaseSuite.Failures();
    f.check("value, analyses off vs on", valueOn, valueOff, Tolerances.VALUE);
    if (on.length != off.length) {
      f.add("analyses on gives " + on.length + " coordinates, off " + off.length);
    } else {
      for (int i = 0; i < on.length; i++) {
        f.check(String.format(Locale.ROOT, "gradient coordinate %d, analyses off vs on", i), on[i],
            off[i], Tolerances.ACCUMULATION);
      }
    }
    f.throwIfAny(() -> name, () -> "");
  }
}
