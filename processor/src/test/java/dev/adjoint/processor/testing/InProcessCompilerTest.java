package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The compile-and-load utility itself. */
class InProcessCompilerTest {

  private static final JavaSource FOO =
      JavaSource.of(
          "adjtest.util.Foo",
          "package adjtest.util;",
          "",
          "import dev.adjoint.Differentiable;",
          "",
          "public final class Foo {",
          "  private Foo() {}",
          "",
          "  @Differentiable",
          "  public static double f(double x, int n, double y) {",
          "    return x * n + y * y;",
          "  }",
          "}");

  @Test
  void compilesLoadsAndCalls() {
    Compiled c = InProcessCompiler.create().compile(FOO);
    assertTrue(c.classNames().contains("adjtest.util.Foo"), c.classNames().toString());
    assertTrue(c.classNames().contains("adjtest.util.FooAdjoint"), c.classNames().toString());
    assertTrue(c.generatedSourceNames().contains("adjtest.util.FooAdjoint"),
        c.generatedSourceNames().toString());
    String text = c.generatedSource("adjtest.util.FooAdjoint");
    assertTrue(text.contains("FGradient"), text);
    assertTrue(text.contains("fPullback"), text);

    AdjointMethod f = c.method("adjtest.util.Foo", "f");
    assertEquals(java.util.List.of("x", "n", "y"), f.parameterNames());
    assertEquals(1.5 * 3 + 4.0, f.call(1.5, 3, 2.0));
    ValueAndGradient vg = f.valueAndGradient(1.5, 3, 2.0);
    assertEquals(1.5 * 3 + 4.0, vg.value());
    assertEquals(java.util.List.of("dX", "dY"), vg.componentNames());
    assertEquals(3.0, vg.components()[0]);
    assertEquals(4.0, vg.components()[1]);
    double[] grad = {1, 1};
    assertEquals(8.5, f.pullback(2.0, grad, 1.5, 3, 2.0));
    assertEquals(1 + 6.0, grad[0]);
    assertEquals(1 + 8.0, grad[1]);
    assertTrue(f.generatedSnippet().contains("fPullback"), f.generatedSnippet());
  }

  @Test
  void everyCompilationGetsAFreshLoader() {
    Compiled a = InProcessCompiler.create().compile(FOO);
    Compiled b = InProcessCompiler.create().compile(FOO);
    assertNotSame(a.loadClass("adjtest.util.Foo"), b.loadClass("adjtest.util.Foo"));
    assertNotSame(a.classLoader(), InProcessCompilerTest.class.getClassLoader());
  }

  @Test
  void optionsArePassedThrough() {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=off").compile(FOO);
    // x * n + y * y at (1, 3, 2): dY = 2 y
    assertEquals(4.0, c.method("adjtest.util.Foo", "f").valueAndGradient(1.0, 3, 2.0).components()[1]);
    assertTrue(c.compilation().compiler().options().contains("-Aadjoint.analyses=off"));
  }

  @Test
  void failureReportsDiagnosticsAndSources() {
    JavaSource broken =
        JavaSource.of("adjtest.util.Broken", "package adjtest.util;", "public class Broken {",
            "  static double f(double x) { return y; }", "}");
    AssertionError e =
        assertThrows(AssertionError.class, () -> InProcessCompiler.create().compile(broken));
    assertTrue(e.getMessage().contains("cannot find symbol"), e.getMessage());
    assertTrue(e.getMessage().contains("return y;"), e.getMessage());
  }

  @Test
  void missingGeneratedSourceIsAnAssertion() {
    Compiled c = InProcessCompiler.create().compile(FOO);
    assertThrows(AssertionError.class, () -> c.generatedSource("adjtest.util.Nope"));
  }
}
