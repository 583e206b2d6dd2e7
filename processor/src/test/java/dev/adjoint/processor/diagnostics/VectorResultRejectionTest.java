package dev.adjoint.processor.diagnostics;

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
 * What stays rejected of methods returning arrays (supported: {@code
 * numeric.VectorResultTest}): a {@code double[][]} result, and writes into the result of a call
 * of a {@code double[]} method or into its arguments after the call (the callee's pullback runs
 * its forward sweep again on them, and the result may be one of them). One error, at the
 * construct, with analyses on and off.
 */
class VectorResultRejectionTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a matrix result",
            "static double[][] f(double[][] W, double[] x, int n)",
            "return W;",
            "static double[][] f(",
            "[adjoint.return] @Differentiable method f returns double[][]; it must return double"
                + " or double[] (a matrix result has no pullback yet: return its rows' values in"
                + " one row-major double[], or split it into one method per row)"),
        Arguments.of("the result of a call written",
            "static double f(double[][] W, double[] x, int n)",
            """
            double[] h = layer(W, x);
            h[0] = h[0] * 2;
            return h[0] + h[1];""",
            "h[0] = h[0] * 2;",
            "array h is written after it was passed to layer, whose derivative reads it again;"
                + " copy it into a new array before writing"),
        Arguments.of("an argument written after the call",
            "static double f(double[][] W, double[] x, int n)",
            """
            double[] y = x.clone();
            double[] h = layer(W, y);
            y[0] = 3;
            return h[0] + y[0];""",
            "y[0] = 3;",
            "array y is written after it was passed to layer"),
        // Writing each iteration's own row m[i] before the call is accepted (RowwisePeersTest);
        // after the call, or into an earlier iteration's row, is not.
        Arguments.of("the iteration's row written after the call",
            "static double f(double[][] W, double[] x, int n)",
            """
            double[][] m = new double[n][x.length];
            double s = 0;
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < x.length; j++) { m[i][j] = x[j] * (i + 1); }
              double[] h = layer(W, m[i]);
              m[i][0] = 0;
              s += h[0];
            }
            return s;""",
            "m[i][0] = 0;",
            "array m is written after it was passed to layer"),
        Arguments.of("an earlier iteration's row written",
            "static double f(double[][] W, double[] x, int n)",
            """
            double[][] m = new double[n][x.length];
            double s = 0;
            for (int i = 0; i < n; i++) {
              for (int j = 0; j < x.length; j++) { m[i][j] = x[j] * (i + 1); }
              double[] h = layer(W, m[i]);
              if (i > 0) { m[i - 1][0] = 0; }
              s += h[0];
            }
            return s;""",
            "m[i - 1][0] = 0;",
            "array m is written after it was passed to layer"),
        Arguments.of("a parameter's row written before the call",
            "static double f(double[][] W, double[] x, int n)",
            """
            double s = 0;
            for (int i = 0; i < W.length; i++) {
              W[i][0] = W[i][0] * 2;
              s += layer(W, W[i])[0];
            }
            return s;""",
            "W[i][0] = W[i][0] * 2;",
            "array W is written after it was passed to layer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedAtItsLine(String name, String signature, String body, String line,
      String message) {
    JavaSource source = JavaSource.of("adjtest.vector.rejected.R",
        "package adjtest.vector.rejected;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.runtime.LinearAlgebra;",
        "class R {",
        "  @Differentiable",
        "  static double[] layer(double[][] W, double[] x) {",
        "    return LinearAlgebra.tanh(LinearAlgebra.matVec(W, x));",
        "  }",
        "  @Differentiable(wrt = {\"W\", \"x\"})",
        "  " + signature + " {",
        "    " + body.replace("\n", "\n    "),
        "  }",
        "}");
    InProcessCompiler[] compilers = {
        InProcessCompiler.create(), InProcessCompiler.create().withOptions("-Aadjoint.analyses=off")
    };
    for (InProcessCompiler compiler : compilers) {
      Compilation c = compiler.compileRaw(source);
      assertThat(c).failed();
      assertThat(c).hadErrorContaining(message).inFile(source.toFileObject())
          .onLineContaining(line);
      assertThat(c.errors()).hasSize(1);
      for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
        assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      }
    }
  }
}
