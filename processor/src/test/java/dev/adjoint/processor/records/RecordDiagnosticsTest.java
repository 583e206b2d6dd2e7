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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a record parameter may not be or do: a positioned error naming it, no generated code. */
class RecordDiagnosticsTest {
  private static final String RECORDS = ""
      + "  public record Named(double a, Object label) {}\n"
      + "  public record Box<T>(T v, double a) {}\n"
      + "  public record Layer(double[] w) {}\n"
      + "  public record Ints(int n) {}\n"
      + "  public record Listy(java.util.List<Double> xs, double a) {}\n"
      + "  public record Self(double a, Self next) {}\n"
      + "  private record Hidden(double a) {}\n"
      + "  static double g(Layer p) { return p.w()[0]; }\n";

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("Object component", "static double f(Named p) { return p.a(); }",
            "static double f(Named p)", "component label has type java.lang.Object"),
        Arguments.of("List component", "static double f(Listy p) { return p.a(); }",
            "static double f(Listy p)", "component xs has type java.util.List<java.lang.Double>"),
        Arguments.of("generic record", "static double f(Box<Double> p) { return p.a(); }",
            "static double f(Box<Double> p)", "test.R.Box, which is generic"),
        Arguments.of("record containing itself", "static double f(Self p) { return p.a(); }",
            "static double f(Self p)", "contains itself"),
        Arguments.of("private record", "static double f(Hidden p) { return p.a(); }",
            "static double f(Hidden p)", "cannot see (Hidden is private)"),
        Arguments.of("array of records", "static double f(Layer[] ls) { return 0; }",
            "static double f(Layer[] ls)", "pass an array of records as the arrays of their"),
        Arguments.of("record passed to a function of numbers",
            "static double f(Layer p) { return Math.sin(p); }",
            "return Math.sin(p)", "p is a record; a @Differentiable method reads its components"
            + " (p.w())"),
        Arguments.of("record returned as a number",
            "static double f(Layer p) { double s = p; return s; }", "double s = p",
            "local s of type double is initialized with the record test.R.Layer"),
        Arguments.of("other method of the record",
            "static double f(Layer p) { return p.hashCode(); }", "return p.hashCode()",
            "calling hashCode on the record R.Layer"),
        Arguments.of("record reassigned",
            "static double f(Layer p, Layer q) { p = q; return p.w()[0]; }", "p = q;",
            "assigning to the record p"),
        Arguments.of("wrt on a record without doubles",
            "@Differentiable(wrt = {\"q\"}) static double h(double x, Ints q) { return x; }",
            "static double h(double x, Ints q)", "wrt names q of type test.R.Ints"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejectedAtItsLine(String name, String member, String line, String message) {
    String annotated = member.startsWith("@") ? member : "@Differentiable " + member;
    JavaFileObject source = JavaFileObjects.forSourceString("test.R",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "public class R {\n"
            + RECORDS
            + "  " + annotated + "\n"
            + "}\n");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source)
        .onLineContaining(line);
    assertClean(compilation);
  }

  /** A class of yours named like a record's storage: an error, not a second class. */
  @Test
  void storageNameTakenIsAnError() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.R",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "public class R {\n"
            + "  public record Layer(double[] w) {}\n"
            + "  @Differentiable static double f(Layer p) { return p.w()[0]; }\n"
            + "}\n");
    JavaFileObject taken = JavaFileObjects.forSourceString("test.R_LayerBar",
        "package test;\npublic class R_LayerBar {}\n");
    Compilation compilation = compile(source, taken);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[adjoint.generated-name] the adjoint of record"
        + " test.R.Layer would be generated as test.R_LayerBar").inFile(source)
        .onLineContaining("static double f(Layer p)");
    assertClean(compilation);
  }

  /** Two classes of one compilation using one record share one storage class. */
  @Test
  void storageGeneratedOnceForTwoClasses() {
    JavaFileObject a = JavaFileObjects.forSourceString("test.A",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "public class A {\n"
            + "  public record Layer(double[] w, double b) {}\n"
            + "  @Differentiable static double f(Layer p) { return p.w()[0] * p.b(); }\n"
            + "}\n");
    JavaFileObject b = JavaFileObjects.forSourceString("test.B",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "public class B {\n"
            + "  @Differentiable static double g(A.Layer p) { return p.b() * p.b(); }\n"
            + "  static double use(A.Layer p) {\n"
            + "    A_LayerBar bar = A_LayerBar.zerosLike(p);\n"
            + "    BAdjoint.gPullback(p, 1.0, bar);\n"
            + "    AAdjoint.fPullback(p, 1.0, bar);\n"
            + "    return bar.b;\n"
            + "  }\n"
            + "}\n");
    Compilation compilation = compile(a, b);
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.A_LayerBar");
  }

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new AdjointProcessor()).compile(sources);
  }

  private static void assertClean(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
        assertThat(d.getSource().getName()).doesNotContain("Bar.java");
      }
    }
  }
}
