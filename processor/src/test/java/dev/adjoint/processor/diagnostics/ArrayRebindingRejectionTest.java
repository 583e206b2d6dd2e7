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
 * What stays rejected of rebinding array variables (supported outside loops, {@code
 * numeric.ArrayRebindingTest}): an array that lives across a loop's iterations rebound inside
 * it (stacked layers {@code h = tanh(matVec(W, h))}, re-allocation, an {@code int[]}, inside an
 * {@code if}), an if inside a loop choosing between arrays, and writes into an array that may be
 * a parameter after an if. One error, at the statement, naming the user's variable (never a
 * version such as {@code y2}), with analyses on and off.
 */
class ArrayRebindingRejectionTest {

  private static final String LOOP = "is rebound inside a loop, which is not supported; ";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("stacked layers in a loop",
            """
            double[] h = LinearAlgebra.scale(1.0, x);
            for (int i = 0; i < n; i++) {
              h = LinearAlgebra.tanh(LinearAlgebra.matVec(W, h));
            }
            return LinearAlgebra.sum(h);""",
            "h = LinearAlgebra.tanh",
            "array variable h " + LOOP + "keep each step as a row of a matrix (double[][] hs ="
                + " new double[steps + 1][]; hs[0] = h.clone(); then hs[t + 1] = ... in the"
                + " loop, reading hs[t]), or allocate the array once before the loop and write"
                + " its elements"),
        Arguments.of("time-step buffers swapped in a loop",
            """
            double[] u = x.clone();
            for (int t = 0; t < n; t++) {
              double[] next = new double[u.length];
              for (int i = 1; i + 1 < u.length; i++) {
                next[i] = u[i] + 0.5 * (u[i - 1] - 2 * u[i] + u[i + 1]);
              }
              u = next;
            }
            return LinearAlgebra.sum(u);""",
            "u = next;",
            "array variable u " + LOOP + "copy the values instead (System.arraycopy(next, 0, u,"
                + " 0, u.length)), or keep each step as a row of a matrix (double[][] us = new"
                + " double[steps + 1][]; us[0] = u.clone(); then us[t + 1] = next.clone() in the"
                + " loop)"),
        Arguments.of("parameter rebound in a loop",
            """
            for (int i = 0; i < n; i++) {
              x = LinearAlgebra.tanh(x);
            }
            return LinearAlgebra.sum(x);""",
            "x = LinearAlgebra.tanh(x);",
            "array variable x " + LOOP),
        Arguments.of("matrix rebound in a loop",
            """
            double[][] M = LinearAlgebra.scaleMatrix(1.0, W);
            for (int i = 0; i < n; i++) {
              M = LinearAlgebra.matMul(M, W);
            }
            return LinearAlgebra.trace(M);""",
            "M = LinearAlgebra.matMul(M, W);",
            "array variable M " + LOOP + "write each step with its own variable (double[][] M2"),
        Arguments.of("re-allocated in a loop",
            """
            double[] a = new double[3];
            double s = 0;
            for (int i = 0; i < n; i++) {
              a = new double[2];
              a[0] = x[0] * i;
              s += a[0];
            }
            return s + a[1];""",
            "a = new double[2];",
            "array variable a " + LOOP),
        // generated code that did not compile before (an int[] pushed on the int stack)
        Arguments.of("int array re-allocated in a loop",
            """
            int[] k = new int[2];
            double s = 0;
            for (int i = 0; i < n; i++) {
              k = new int[1];
              k[0] = i % x.length;
              s += x[k[0]];
            }
            return s;""",
            "k = new int[1];",
            "array variable k " + LOOP + "write each step with its own variable (int[] k2"),
        Arguments.of("rebound in an if in a loop",
            """
            double[] y = LinearAlgebra.exp(x);
            double s = 0;
            for (int i = 0; i < n; i++) {
              if (i == 1) {
                y = LinearAlgebra.scale(2.0, y);
              }
              s += y[0];
            }
            return s;""",
            "y = LinearAlgebra.scale(2.0, y);",
            "array variable y " + LOOP),
        Arguments.of("array chosen by an if in a loop",
            """
            double s = 0;
            for (int i = 0; i < n; i++) {
              double[] r = x;
              if (i == 1) {
                r = W[0];
              }
              s += r[0];
            }
            return s;""",
            "r = W[0];",
            "array variable r is bound to different arrays by the branches of an if inside a"
                + " loop, which is not supported; give each branch's array its own variable"),
        Arguments.of("write through a join that may be an array a kernel read",
            """
            double[] y = LinearAlgebra.scale(2.0, x);
            double d = LinearAlgebra.dot(y, y);
            if (n > 0) {
              y = LinearAlgebra.scale(3.0, y);
            }
            y[0] += 1;
            return d + y[0];""",
            "y[0] += 1;",
            "array y is written after it was passed to dot, whose derivative reads it again"),
        Arguments.of("rebound array written after a kernel read it",
            """
            double[] y = LinearAlgebra.exp(x);
            if (n > 1) {
              y = LinearAlgebra.scale(2.0, y);
            }
            y[0] = 1;
            return LinearAlgebra.sum(y);""",
            "y[0] = 1;",
            "array y is written after it was passed to "),
        // tanh's pullback reads its result again (scale's does not: numeric.ArrayRebindingTest)
        Arguments.of("rebound to a kernel that reads its result, then written",
            """
            double[] y = LinearAlgebra.scale(2.0, x);
            y = LinearAlgebra.tanh(y);
            y[0] = y[0] * n;
            return LinearAlgebra.sum(y);""",
            "y[0] = y[0] * n;",
            "array y is written after it was passed to tanh"));
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
      assertThat(c.errors()).hasSize(1);
      for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
        assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
        assertThat(d.getMessage(null)).doesNotContainMatch("\\b[a-zA-Z]+2\\b is|\\(which \\w+2");
      }
    }
  }

  static JavaSource source(String body) {
    return JavaSource.rejectedMethod("adjtest.rebinding.rejected",
        "@Differentiable(wrt = {\"x\", \"W\"})", "static double f(double[] x, double[][] W, int n)",
        body);
  }
}
