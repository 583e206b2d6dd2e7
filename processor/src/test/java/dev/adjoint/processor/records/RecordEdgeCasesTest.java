package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Record parameters of instance methods, records and components named like the generated code's
 * variables ({@code seed}, {@code grad}, {@code value}), a {@code @NoDerivative} record, and a
 * record of scalars only: exact gradients from closed forms.
 */
class RecordEdgeCasesTest {
  private static final JavaSource EDGE = JavaSource.of("adjtest.records.Edge", """
      package adjtest.records;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public class Edge {
        public record P(double value, double grad) {}
        public record Q(double[] seed, int n) {}
        final double lr = 2;

        @Differentiable
        public double inst(P seed, double x) {
          return lr * seed.value() * seed.grad() * x;
        }

        @Differentiable
        public static double names(P seed, Q grad) {
          double value = seed.value();
          for (int i = 0; i < grad.n(); i++) {
            value += grad.seed()[i] * seed.grad();
          }
          return value;
        }

        @Differentiable
        public static double nod(@NoDerivative P p, double x) {
          return p.value() * x * x;
        }

        public static double[] run() {
          P p = new P(1.5, -2);
          Q q = new Q(new double[] {1, 2, 3}, 3);
          var g = EdgeAdjoint.names(p, q);
          P back = g.dSeed().toRecord();
          var h = EdgeAdjoint.inst(new Edge(), p, 3);
          var n = EdgeAdjoint.nod(p, 3);
          return new double[] {g.value(), back.value(), back.grad(), g.dGrad().seed[0],
              g.dGrad().seed[2], h.value(), h.dSeed().value, h.dSeed().grad, h.dX(), n.value(),
              n.dX(), n.gradient().length};
        }
      }
      """);

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void exactGradients(String analyses) throws ReflectiveOperationException {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(EDGE);
    Method run = c.loadClass("adjtest.records.Edge").getMethod("run");
    double[] got = (double[]) run.invoke(null);
    // names = value + grad·Σ seed; inst = lr·value·grad·x; nod = value·x², only x differentiated
    assertArrayEquals(new double[] {1.5 - 2 * 6, 1, 6, -2, -2, 2 * 1.5 * -2 * 3, 2 * -2 * 3,
        2 * 1.5 * 3, 2 * 1.5 * -2, 1.5 * 9, 2 * 1.5 * 3, 1}, got, 1e-12);
  }
}
