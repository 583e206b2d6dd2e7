package dev.adjoint.gradbench.det;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.gradbench.EvalRunner;
import dev.adjoint.gradbench.Numeric;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetTest {
  @Test
  void primalAndGradientForSeveralSizes() {
    Random random = new Random(7);
    for (int ell = 1; ell <= 5; ell++) {
      double[] a = Numeric.matrix(random, 1, ell * ell, -1, 1)[0];
      Map<String, Object> input = Map.of("A", a, "ell", ell);
      double value = EvalRunner.output("det", "primal", input).asDouble();
      assertEquals(DetReference.value(a, ell), value, 1e-12, "det at ell = " + ell);
      double[] generated = EvalRunner.as(EvalRunner.output("det", "gradient", input),
          double[].class);
      int size = ell;
      Numeric.assertClose(Numeric.gradient(m -> Det.det(m, size), a.clone()), generated, 1e-6,
          "finite differences at ell = " + ell);
      Numeric.assertClose(DetReference.gradient(a, ell), generated, 1e-10,
          "reference at ell = " + ell);
    }
  }

  @Test
  void aOfTheWrongLengthIsABadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> EvalRunner.output("det", "primal", Map.of("A", new double[5], "ell", 2)));
  }
}
