package dev.adjoint.processor.records;

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
 * What passing a record on still refuses: a callee writing into the record's arrays (its
 * pullback would run on what it wrote), a callee not differentiating a record that is
 * differentiated here, a record given to something other than a method taking it, and a record
 * built in the method. Each a positioned error at the call, no generated code.
 */
class RecordPassingDiagnosticsTest {
  private static final String HELPERS = ""
      + "  public record Layer(double[] w, double b) {}\n"
      + "  static double writes(Layer p) { p.w()[0] *= 2; return p.w()[0]; }\n"
      + "  static double writesAlias(Layer p) { var l = p; double[] w = l.w(); w[0] = 1;"
      + " return p.b(); }\n"
      + "  static double frozen(@NoDerivative Layer p, double x) { return p.b() * x; }\n";

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("callee writes a component array",
            "static double f(Layer p) { return writes(p); }", "return writes(p)",
            "calling writes, which writes into its array parameter p"),
        Arguments.of("callee writes through an alias",
            "static double f(Layer p) { return writesAlias(p); }", "return writesAlias(p)",
            "calling writesAlias, which writes into its array parameter p"),
        Arguments.of("callee does not differentiate it",
            "static double f(Layer p, double x) { return frozen(p, x) + p.b(); }",
            "return frozen(p, x)", "the record p of frozen depends on what is differentiated"
            + " here, but frozen does not differentiate with respect to that parameter"),
        Arguments.of("record built in the method",
            "static double f(double[] w) { return frozen(new Layer(w, 1.0), 2.0); }",
            "return frozen(new Layer", "object creation (new) is not supported in a"
            + " @Differentiable method; a differentiated method works on primitives, arrays and"
            + " the records it is given"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedAtTheCall(String name, String member, String line, String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.R",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "import dev.adjoint.NoDerivative;\n"
            + "public class R {\n"
            + HELPERS
            + "  @Differentiable " + member + "\n"
            + "}\n");
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
      }
    }
  }
}
