package dev.adjoint.processor.forward;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What forward mode and second order do not support is an {@code [adjoint.mode]} error at the
 * construct, naming the mode and what to do, never generated code with wrong numbers.
 */
class ModeDiagnosticsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("@Differentiable(modes = FORWARD) static double f(double[] x) {"
            + " return LinearAlgebra.dot(x, x); }", "LinearAlgebra.dot(x, x)",
            "the call of LinearAlgebra.dot, which has a pullback (a kernel's or a @DerivativeOf)"
            + " but no tangent rule, is not supported by Mode.FORWARD"),
        Arguments.of("@Differentiable(modes = FORWARD) static double f(double x) {"
            + " return cube(x) + x; }", "return cube(x)",
            "the call of R.cube, which has a pullback (a kernel's or a @DerivativeOf) but no"
            + " tangent rule, is not supported by Mode.FORWARD"),
        Arguments.of("@Differentiable(modes = FORWARD) static double f(double x) {"
            + " return plain(x) * x; }", "return plain(x)",
            "the call of plain, which does not generate its Mode.FORWARD methods (add FORWARD"
            + " to the modes of its @Differentiable), is not supported by Mode.FORWARD"),
        Arguments.of("@Differentiable(modes = HESSIAN) static double f(double x) {"
            + " return onlyForward(x) * x; }", "return onlyForward(x)",
            "the call of onlyForward, which does not generate its Mode.HESSIAN methods (add"
            + " HESSIAN to the modes of its @Differentiable), is not supported by Mode.HESSIAN"),
        Arguments.of("@Differentiable(modes = HESSIAN) static double[] f(double[] x) {"
            + " return x; }", "static double[] f",
            "a result that is not a double (a Hessian is of a scalar function) is not supported"
            + " by Mode.HESSIAN"),
        Arguments.of("record P(double a) {} @Differentiable(modes = FORWARD) static double"
            + " f(P p) { return p.a(); }", "static double f(P p)",
            "a record parameter is not supported by Mode.FORWARD"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void reportedAtTheConstruct(String member, String line, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("adjtest.modes.R",
        "package adjtest.modes;\n"
            + "import static dev.adjoint.Differentiable.Mode.*;\n"
            + "import dev.adjoint.DerivativeOf;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "import dev.adjoint.runtime.LinearAlgebra;\n"
            + "public class R {\n"
            + "  static double cube(double x) { return x * x * x; }\n"
            + "  @DerivativeOf(value = R.class, method = \"cube\")\n"
            + "  static double cubePullback(double x, double result, double resultBar) {\n"
            + "    return resultBar * 3 * x * x;\n"
            + "  }\n"
            + "  @Differentiable static double plain(double x) { return x * x; }\n"
            + "  @Differentiable(modes = FORWARD) static double onlyForward(double x) {"
            + " return x * x; }\n"
            + "  " + member + "\n"
            + "}\n");
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[adjoint.mode] " + message).inFile(source)
        .onLineContaining(line);
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }
}
