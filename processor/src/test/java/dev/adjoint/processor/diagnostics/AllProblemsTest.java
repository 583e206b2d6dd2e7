package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every problem of a method is reported in one build, each construct once, at its own line and
 * column, whichever phase finds it (fence, reader, checks on the IR); and the processor goes on
 * to the other methods. No message repeats the line javac prints.
 */
class AllProblemsTest {

  /** The line of the first statement of the method {@link #compileMethod} writes. */
  private static final int BODY = 8;

  @Test
  void fourConstructsOfOneMethodAreFourErrors() {
    Compilation c = compile(
        "    double a = x;",
        "    try { a = Math.exp(x); } catch (RuntimeException e) { a = 0; }",
        "    synchronized (Holder.class) { a = a * 2; }",
        "    double b = a * scale;",
        "    double r = Math.random();",
        "    return a + b + r;");
    assertThat(c).failed();
    assertThat(c).hadErrorCount(4);
    List<Diagnostic<? extends JavaFileObject>> errors = sorted(c);
    assertError(errors.get(0), BODY + 1, 5, "[adjoint.unsupported] try is not supported");
    assertError(errors.get(1), BODY + 2, 5, "[adjoint.unsupported] synchronized is not supported");
    assertError(errors.get(2), BODY + 3, 20,
        "[adjoint.field] static field Holder.scale is not final");
    assertError(errors.get(3), BODY + 4, 27, "[adjoint.call] no derivative rule for Math.random()");
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void twoUnknownConstantsAreTwoErrors() {
    Compilation c = compile(
        "    return x * Integer.NOPE + Long.NADA;");
    assertThat(c).hadErrorCount(2);
    List<Diagnostic<? extends JavaFileObject>> errors = sorted(c);
    assertError(errors.get(0), BODY, 23, "cannot resolve Integer.NOPE");
    assertError(errors.get(1), BODY, 35, "cannot resolve Long.NADA");
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void anUnresolvedNameCausesNoTypeErrorOfItsOwn() {
    Compilation c = compile(
        "    int k = count;",
        "    double[] a = table;",
        "    return x * k + a[0];");
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("cannot resolve count");
    assertThat(c).hadErrorContaining("cannot resolve table");
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void problemsOfEveryMethodOfAClassAreReported() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Two", String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "class Two {",
        "  static double scale = 2;",
        "  @Differentiable static double f(double x) {",
        "    assert (x = 1) > 0;",
        "    return x * scale;",
        "  }",
        "  @Differentiable static double g(double x) {",
        "    double y = Math.nextUp(x);",
        "    Object s = null;",
        "    return y;",
        "  }",
        "  @Differentiable double h(double x) {",
        "    return x % 2.0;",
        "  }",
        "}"));
    Compilation c = Compiler.javac().withProcessors(new AdjointProcessor()).compile(source);
    assertThat(c).hadErrorCount(5);
    assertThat(c).hadErrorContaining("an assert whose condition assigns").inFile(source)
        .onLine(6);
    assertThat(c).hadErrorContaining("static field Two.scale is not final").inFile(source)
        .onLine(7);
    assertThat(c).hadErrorContaining("no derivative rule for Math.nextUp").inFile(source)
        .onLine(10);
    assertThat(c).hadErrorContaining("local s has type Object").inFile(source).onLine(11);
    assertThat(c).hadErrorContaining("remainder operator % on double").inFile(source)
        .onLine(15);
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void anIrProblemAndAFrontendProblemOfOneMethodAreBothReported() {
    Compilation c = compileArrays(
        "    double[] a = new double[2];",
        "    a[0] = x[0];",
        "    double s = LinearAlgebra.squaredNorm(a);",
        "    a[1] = s;",
        "    return s * a[1] * scale;");
    assertThat(c).hadErrorCount(2);
    List<Diagnostic<? extends JavaFileObject>> errors = sorted(c);
    assertError(errors.get(0), BODY + 3, 5,
        "[adjoint.unsupported] array a is written after it was passed to squaredNorm");
    assertError(errors.get(1), BODY + 4, 23, "static field Holder.scale is not final");
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void anArrayReboundInALoopAndAFrontendProblemAreBothReported() {
    Compilation c = compileArrays(
        "    double[] h = LinearAlgebra.scale(1.0, x);",
        "    for (int i = 0; i < 3; i++) {",
        "      h = LinearAlgebra.tanh(h);",
        "    }",
        "    return LinearAlgebra.sum(h) + (float) x[0];");
    assertThat(c).hadErrorCount(2);
    List<Diagnostic<? extends JavaFileObject>> errors = sorted(c);
    assertError(errors.get(0), BODY + 2, 7,
        "array variable h is rebound inside a loop, which is not supported");
    assertError(errors.get(1), BODY + 4, 36, "cast to float is not supported");
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void everyWriteAfterAKernelCallIsReportedNotOnlyTheFirst() {
    Compilation c = compileArrays(
        "    double s = LinearAlgebra.squaredNorm(x);",
        "    x[0] = 1;",
        "    s += x[1];",
        "    x[1] = s * 2;",
        "    return s;");
    assertThat(c).hadErrorCount(2);
    List<Diagnostic<? extends JavaFileObject>> errors = sorted(c);
    String message = "array x is written after it was passed to squaredNorm";
    assertError(errors.get(0), BODY + 1, 5, message);
    assertError(errors.get(1), BODY + 3, 5, message);
    assertNothingInternalOrGenerated(c);
  }

  @Test
  void aSignatureErrorAndABodyErrorAreBothReported() {
    JavaFileObject source = JavaFileObjects.forSourceString("test.Both", String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "class Both {",
        "  @Differentiable(wrt = \"y\") static double f(double x) {",
        "    return x * Math.ulp(x);",
        "  }",
        "}"));
    Compilation c = Compiler.javac().withProcessors(new AdjointProcessor()).compile(source);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("wrt names \"y\"").inFile(source)
        .onLine(4);
    assertThat(c).hadErrorContaining("no derivative rule for Math.ulp").inFile(source)
        .onLine(5);
    assertNothingInternalOrGenerated(c);
  }

  private static Compilation compile(String... body) {
    return compileMethod("static double f(double x) {", body);
  }

  private static Compilation compileArrays(String... body) {
    return compileMethod("static double f(double[] x) {", body);
  }

  private static Compilation compileMethod(String signature, String... body) {
    String source = String.join("\n",
        "package test;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.runtime.LinearAlgebra;",
        "class Holder {",
        "  static double scale = 2;",
        "  @Differentiable",
        "  " + signature,
        String.join("\n", body),
        "  }",
        "}");
    return Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(JavaFileObjects.forSourceString("test.Holder", source));
  }

  private static List<Diagnostic<? extends JavaFileObject>> sorted(Compilation c) {
    List<Diagnostic<? extends JavaFileObject>> out = new ArrayList<>(c.errors());
    out.sort(Comparator.comparingLong(Diagnostic::getPosition));
    return out;
  }

  private static void assertError(Diagnostic<? extends JavaFileObject> d, int line, int column,
      String message) {
    assertThat(d.getMessage(null)).contains(message);
    assertThat(d.getMessage(null)).doesNotContainMatch("line \\d+:");
    assertThat(d.getLineNumber()).isEqualTo(line);
    assertThat(d.getColumnNumber()).isEqualTo(column);
  }

  /** No internal error, and no error in generated code: nothing is generated for the class. */
  private static void assertNothingInternalOrGenerated(Compilation c) {
    assertThat(c).failed();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
    }
  }
}
