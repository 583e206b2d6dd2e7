package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What stays rejected of whole rows assigned (supported: {@code numeric.RowAssignmentTest}):
 * a row given an array that has another name (Java would share it), a row of an input, a row
 * assigned inside an expression, an alias used after its row is replaced, a write into a row
 * holding a kernel's result, a fill of a matrix. One error, at the construct, naming what the
 * user wrote, with analyses on and off.
 */
class RowAssignmentRejectionTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a parameter's array as a row", """
            double[][] h = new double[2][];
            h[0] = x;
            return h[0][0];""", "h[0] = x;",
            "assigning an existing array to a row (h[0] = x) is not supported in a"
                + " @Differentiable method; Java would make the row and x one array; assign a"
                + " copy (x.clone()) or a new array"),
        Arguments.of("another row as a row", """
            double[][] h = new double[2][2];
            h[0] = h[1];
            return h[0][0] * x[0];""", "h[0] = h[1];",
            "assigning an existing array to a row (h[0] = h[1])"),
        Arguments.of("a row of a parameter", """
            m[0] = LinearAlgebra.scale(2, x);
            return m[0][0];""", "m[0] = LinearAlgebra.scale(2, x);",
            "assigning a row of parameter m is not supported: the caller's matrix would change"
                + " under the backward sweep; build a matrix of your own (new double[n][]) and"
                + " assign its rows"),
        Arguments.of("a row assigned inside an expression", """
            double[][] h = new double[2][];
            double[] r = h[0] = x.clone();
            return r[0];""", "double[] r = h[0] = x.clone();",
            "assigning a row inside an expression (h[0] = x.clone()) is not supported in a"
                + " @Differentiable method; assign the row in a statement of its own"),
        Arguments.of("an alias used after its row is replaced", """
            double[][] h = new double[2][];
            h[0] = x.clone();
            double[] first = h[0];
            h[0] = LinearAlgebra.scale(2, x);
            return first[0] + h[0][0];""", "return first[0] + h[0][0];",
            "array first aliases h[0], and a row of that matrix is assigned before this use,"
                + " which Java's alias would not see; use the alias before assigning the row,"
                + " or keep a copy (.clone())"),
        Arguments.of("a write into a row holding a kernel's result", """
            double[][] h = new double[1][];
            h[0] = LinearAlgebra.tanh(x);
            h[0][0] = 2 * h[0][0];
            return h[0][0];""", "h[0][0] = 2 * h[0][0];",
            "a row of h is written after it was assigned the result of tanh, whose derivative"
                + " reads that result again; assign a copy (.clone()) to the row"),
        Arguments.of("a fill of a matrix", """
            double[][] h = new double[2][];
            java.util.Arrays.fill(h, x.clone());
            return h[0][0];""", "java.util.Arrays.fill(h, x.clone());",
            "Arrays.fill of a double[][] is not supported in a @Differentiable method; it makes"
                + " every row one array; give each row its own: for (int i = 0; i < h.length;"
                + " i++) h[i] = row.clone(); or fill each row's elements: Arrays.fill(h[i], v)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejectedAtItsLine(String name, String body, String line, String message) {
    JavaSource source = JavaSource.of("adjtest.rows.rejected.R",
        "package adjtest.rows.rejected;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.runtime.LinearAlgebra;",
        "class R {",
        "  @Differentiable",
        "  static double f(double[][] m, double[] x) {",
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
    }
  }
}
