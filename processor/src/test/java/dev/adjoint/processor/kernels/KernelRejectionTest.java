package dev.adjoint.processor.kernels;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where kernel calls are not allowed, the error is on the offending line: writes into an array a
 * kernel's pullback reads again (its argument or its result) after the call, in the same
 * iteration of a loop that creates the array too. Both with analyses on and off.
 */
class KernelRejectionTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("array-valued kernel's result written in its loop",
            """
            double s = 0;
            for (int i = 0; i < 3; i++) {
              double[] e = LinearAlgebra.exp(x);
              e[0] = s;
              s += LinearAlgebra.sum(e);
            }
            return s;""",
            "e[0] = s;",
            "array e is written after it was passed to exp"),
        Arguments.of("argument written after the call",
            """
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i];
            }
            double s = LinearAlgebra.squaredNorm(y);
            y[0] = 2 * x[0];
            return s + y[0];""",
            "y[0] = 2 * x[0];",
            "array y is written after it was passed to squaredNorm"),
        Arguments.of("result written after the call",
            """
            double[] e = LinearAlgebra.exp(x);
            e[0] = x[0];
            return LinearAlgebra.sum(e);""",
            "e[0] = x[0];",
            "array e is written after it was passed to exp"),
        Arguments.of("argument written in the loop around a scalar kernel",
            """
            double[] y = new double[x.length];
            double s = 0;
            for (int k = 0; k < 2; k++) {
              s += LinearAlgebra.dot(y, x);
              y[0] = x[0] * k;
            }
            return s;""",
            "y[0] = x[0] * k;",
            "array y is written after it was passed to dot"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedAtItsLine(String name, String body, String line, String message) {
    JavaSource source = source(body);
    InProcessCompiler[] compilers = {
        InProcessCompiler.create(), InProcessCompiler.create().withOptions("-Aadjoint.analyses=off")
    };
    for (InProcessCompiler compiler : compilers) {
      Compilation c = compiler.compileRaw(source);
      assertThat(c).failed();
      assertThat(c).hadErrorContaining(message).inFile(source.toFileObject())
          .onLineContaining(line);
      assertThat(c).hadErrorContaining("[adjoint.unsupported]");
      for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
        assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      }
    }
  }

  static JavaSource source(String body) {
    return JavaSource.rejectedMethod("adjtest.kernels.rejected", "@Differentiable",
        "static double f(double[] x)", body);
  }
}
