package dev.adjoint.gradbench.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.adjoint.gradbench.EvalRunner;
import dev.adjoint.gradbench.Numeric;
import org.junit.jupiter.api.Test;

class HelloTest {
  @Test
  void squareAndItsGeneratedDerivative() {
    for (double x : new double[] {-2.5, 0.0, 1.0, 3.0}) {
      assertEquals(x * x, EvalRunner.output("hello", "square", x).asDouble(), 0.0);
      double fd = Numeric.gradient(v -> Hello.square(v[0]), new double[] {x})[0];
      double generated = EvalRunner.output("hello", "double", x).asDouble();
      assertEquals(fd, generated, 1e-6);
      assertEquals(2 * x, generated, 0.0);
    }
  }

  @Test
  void unknownFunctionIsNull() {
    assertNull(new HelloModule().prepare("cube", EvalRunner.MAPPER.valueToTree(2.0)));
  }
}
