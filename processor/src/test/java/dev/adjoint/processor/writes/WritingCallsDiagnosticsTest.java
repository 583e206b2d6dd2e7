package dev.adjoint.processor.writes;

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
 * What a call read into the caller may not do: each is one error at the user's call, naming
 * the callee and saying what to write instead, with analyses on and off; nothing generated.
 */
class WritingCallsDiagnosticsTest {

  private static final String AXPY = "static void axpy(double a, double[] x, double[] y) {"
      + " for (int i = 0; i < y.length; i++) { y[i] += a * x[i]; } }";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("recursion",
            "static void grow(double[] v, int n) { if (n > 0) { v[0] *= 2; grow(v, n - 1); } }",
            "grow(y, 3);", "grow(y, 3)", "may not call itself, directly or through such"
                + " methods; write the recursion as a loop"),
        Arguments.of("mutual recursion",
            "static void ping(double[] v, int n) { if (n > 0) { v[0] *= 2; pong(v, n - 1); } }"
                + "\n  static void pong(double[] v, int n) { ping(v, n); }",
            "ping(y, 3);", "ping(y, 3)", "may not call itself"),
        Arguments.of("early return",
            "static void clip(double[] v) { if (v[0] > 1) { v[0] = 1; return; } v[0] *= 2; }",
            "clip(y);", "clip(y)", "calling clip, which returns before its end, is not"
                + " supported in a @Differentiable method; let clip end in its only return"),
        Arguments.of("assigns its array parameter",
            "static void reset(double[] v) { v = new double[2]; v[0] = 1; }",
            "reset(y);", "reset(y)", "calling reset, which assigns its array parameter v, is"
                + " not supported"),
        Arguments.of("a conditional array",
            AXPY, "axpy(w, y, w > 0 ? y : z);", "axpy(w, y,",
            "passing this array to axpy (it writes into its array parameter y) is not supported"
                + " in a @Differentiable method; declare it as a local"),
        Arguments.of("returns an argument array",
            "static double[] same(double[] v) { v[0] = 1; return v; }",
            "double[] s = same(y);", "same(y)", "calling same, which returns an array and it"
                + " writes into its array parameter v, is not supported"),
        Arguments.of("a body with an error",
            "static void log(double[] v) { System.out.println(v[0]); v[0] = 1; }",
            "log(y);", "log(y)", "calling log here (it writes into its array parameter v, so"
                + " Adjoint reads its body into this method) is not supported in a"
                + " @Differentiable method; in log:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void errorAtTheCall(String name, String helpers, String statement, String line,
      String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Calls", String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "class Calls {",
        "  " + helpers,
        "  @Differentiable",
        "  static double f(double w, double[] y, double[] z) {",
        "    " + statement,
        "    return w * y[0] + z[0];",
        "  }",
        "}"));
    for (Compilation c : new Compilation[] {compile(source), compile(source,
        "-Aadjoint.analyses=off")}) {
      assertThat(c).hadErrorContaining(message).inFile(source).onLineContaining(line);
      assertThat(c).hadErrorCount(1);
      for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
        assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
        if (d.getSource() != null) {
          assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
        }
      }
    }
  }

  static Stream<Arguments> voidMethods() {
    return Stream.of(
        Arguments.of("writes nothing", "static void f(double w, double[] y) {",
            "double t = w * y[0];", "static void f", "a void @Differentiable method that writes"
                + " into no double[] parameter is not supported"),
        Arguments.of("writes two", "static void f(double w, double[] y, double[] z) {",
            "y[0] = w; z[0] = w;", "static void f", "writes into several (y, z)"),
        Arguments.of("returns early", "static void f(double w, double[] y) {",
            "if (w > 0) { return; } y[0] = w;", "return;", "a return before the end of a void"
                + " @Differentiable method is not supported"));
  }

  /** A void @Differentiable method: its pullback's seed is the one array it writes. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("voidMethods")
  void voidDifferentiable(String name, String signature, String body, String line,
      String message) {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Voids", String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "class Voids {",
        "  @Differentiable",
        "  " + signature,
        "    " + body,
        "  }",
        "}"));
    Compilation c = compile(source);
    assertThat(c).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(c).hadErrorCount(1);
  }

  private static Compilation compile(JavaFileObject source, String... options) {
    return Compiler.javac().withProcessors(new AdjointProcessor()).withOptions(
        (Object[]) options).compile(source);
  }
}
