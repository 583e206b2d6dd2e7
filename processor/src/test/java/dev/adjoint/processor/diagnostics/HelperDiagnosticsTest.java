package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A plain helper Adjoint cannot differentiate as if it were annotated: the error is at the
 * construct inside the helper, and at every call of it an error names the helper and that
 * construct's file and line; a chain of helpers names the root; a helper of a class with other
 * errors is named at calls from clean classes; a library method (no source) asks for
 * {@code @DerivativeOf}. Nothing generated fails to compile, nothing crashes.
 */
class HelperDiagnosticsTest {

  private static final JavaFileObject SHAPES = JavaFileObjects.forSourceString("test.Shapes",
      "package test;\n"
          + "class Shapes {\n"
          + "  static double bad(double y) {\n"
          + "    try { return 2 * y; } catch (RuntimeException e) { return y; }\n"
          + "  }\n"
          + "  static double viaBad(double y) { return bad(y) * y; }\n"
          + "  private static double hidden(double y) { return y; }\n"
          + "  static double viaHidden(double y) { return hidden(y); }\n"
          + "  static double named(double y, float s) { return y; }\n"
          + "  static double many(double... y) { return y[0]; }\n"
          + "  static double ping(double y, int n) { return n == 0 ? y : pong(y, n - 1); }\n"
          + "  static double pong(double y, int n) {\n"
          + "    synchronized (Shapes.class) { return ping(y, n); }\n"
          + "  }\n"
          + "}\n");

  /** The calling class of the test. */
  private JavaFileObject user;

  private Compilation compile(String body, JavaFileObject... more) {
    user = user(body);
    JavaFileObject[] all = new JavaFileObject[more.length + 1];
    all[0] = user;
    System.arraycopy(more, 0, all, 1, more.length);
    return Compiler.javac().withProcessors(new AdjointProcessor()).compile(all);
  }

  private static JavaFileObject user(String body) {
    return JavaFileObjects.forSourceString("test.User",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class User {\n"
            + "  @Differentiable\n"
            + "  static double f(double x) {\n"
            + "    " + body + "\n"
            + "  }\n"
            + "}\n");
  }

  @Test
  void helperOutsideTheSubsetIsAnErrorThereAndAtTheCall() {
    Compilation c = compile("return 2 * Shapes.bad(x);", SHAPES);
    assertThat(c).hadErrorContaining("try is not supported").inFile(SHAPES)
        .onLine(4);
    assertThat(c).hadErrorContaining("[adjoint.helper] bad is not annotated, so Adjoint"
        + " differentiates it as if it were @Differentiable (its source is being compiled), but"
        + " cannot: Shapes.java:4: [adjoint.unsupported] try is not supported")
        .inFile(user).onLineContaining("Shapes.bad(x)");
    assertThat(c.errors()).hasSize(2);
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void aChainOfHelpersNamesTheRootAtEveryCall() {
    Compilation c = compile("return Shapes.viaBad(x);", SHAPES);
    assertThat(c).hadErrorContaining("bad is not annotated").inFile(SHAPES).onLine(6);
    assertThat(c).hadErrorContaining("viaBad is not annotated, so Adjoint differentiates it as"
        + " if it were @Differentiable (its source is being compiled), but cannot: it calls bad"
        + " (Shapes.java:6), and Shapes.java:4: [adjoint.unsupported] try is not supported")
        .inFile(user).onLineContaining("Shapes.viaBad(x)");
    assertThat(c.errors()).hasSize(3);
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void mutualRecursionWithAnErrorEnds() {
    Compilation c = compile("return Shapes.ping(x, 3);", SHAPES);
    assertThat(c).hadErrorContaining("synchronized is not supported").inFile(SHAPES).onLine(13);
    assertThat(c).hadErrorContaining("pong is not annotated").inFile(SHAPES).onLine(11);
    assertThat(c).hadErrorContaining("ping is not annotated, so Adjoint differentiates it as"
        + " if it were @Differentiable (its source is being compiled), but cannot: it calls pong"
        + " (Shapes.java:11), and Shapes.java:13: [adjoint.unsupported] synchronized")
        .inFile(user).onLineContaining("Shapes.ping(x, 3)");
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void privateHelperIsAnErrorAtItsCall() {
    Compilation c = compile("return Shapes.viaHidden(x);", SHAPES);
    assertThat(c).hadErrorContaining("hidden is private, so the generated adjoint cannot call"
        + " it").inFile(SHAPES).onLine(8);
    assertThat(c).hadErrorContaining("viaHidden is not annotated").inFile(user)
        .onLineContaining("Shapes.viaHidden(x)");
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void helperWithAParameterTypeAdjointCannotModelIsAnErrorAtTheCall() {
    Compilation c = compile("return Shapes.named(x, 1);", SHAPES);
    assertThat(c).hadErrorContaining("its parameter s has type float, and a helper"
        + " Adjoint differentiates takes only double").inFile(user)
        .onLineContaining("Shapes.named");
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void varargsHelperIsAnErrorAtTheCall() {
    Compilation c = compile("return Shapes.many(x);", SHAPES);
    assertThat(c).hadErrorContaining("many takes varargs, which a helper Adjoint differentiates"
        + " may not").inFile(user).onLineContaining("Shapes.many(x)");
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void helperOfAClassWithOtherErrorsIsNamedAtCallsFromCleanClasses() {
    JavaFileObject other = JavaFileObjects.forSourceString("test.Other",
        "package test;\n"
            + "import dev.adjoint.Differentiable;\n"
            + "class Other {\n"
            + "  static double fine(double y) { return y * y; }\n"
            + "  @Differentiable static double broken(double y) {\n"
            + "    synchronized (Other.class) { return y; } }\n"
            + "}\n");
    Compilation c = compile("return Other.fine(x);", other);
    assertThat(c).hadErrorContaining("synchronized is not supported").inFile(other).onLine(6);
    assertThat(c).hadErrorContaining("fine is not annotated, so Adjoint differentiates it as if"
        + " it were @Differentiable (its source is being compiled), but cannot: its class"
        + " test.Other has errors, so its adjoint is not generated (Other.java:6:")
        .inFile(user).onLineContaining("Other.fine(x)");
    assertThat(c.errors()).hasSize(2);
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  @Test
  void libraryMethodAsksForDerivativeOf() {
    Compilation c = compile("return Double.sum(x, 1) + Math.ulp(x);");
    assertThat(c).hadErrorContaining("[adjoint.call] no derivative rule for Double.sum(double,"
        + " int): the source of java.lang.Double.sum is not part of this compilation (it is a"
        + " library's), so Adjoint cannot differentiate it; give it a pullback with"
        + " @DerivativeOf").inFile(user).onLineContaining("Double.sum");
    // Math's functions without a rule keep the message that lists the ones with a rule.
    assertThat(c).hadErrorContaining("no derivative rule for Math.ulp(double): Adjoint"
        + " differentiates the functions of java.lang.Math");
    assertNoBrokenGeneratedCodeAndNoInternalError(c);
  }

  private static void assertNoBrokenGeneratedCodeAndNoInternalError(Compilation c) {
    assertThat(c).failed();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      assertThat(d.getSource().getName()).doesNotContain("Adjoint.java");
    }
  }
}
