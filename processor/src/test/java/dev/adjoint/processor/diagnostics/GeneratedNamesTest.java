package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the generated code could not be (issue 8): a class name that is taken, two methods with
 * one signature, a class it cannot see, a signature over the JVM's limit, a class it cannot name,
 * records below source level 16. Each is a positioned Adjoint error, never a Filer crash nor a
 * javac error inside a generated file; and the generated code compiles under -Xlint:all -Werror.
 */
class GeneratedNamesTest {

  @Test
  void userClassNamedLikeTheGeneratedOne() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "}");
    JavaFileObject fooAdjoint = source("p.FooAdjoint", "package p;", "class FooAdjoint {}");
    Compilation c = compile(List.of(), foo, fooAdjoint);
    assertThat(c).hadErrorContaining("[adjoint.generated-name] the adjoint of p.Foo would be"
        + " generated as p.FooAdjoint, but FooAdjoint.java already declares that class")
        .inFile(foo).onLineContaining("class Foo");
    assertThat(c).hadErrorCount(1);
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  @Test
  void nestedClassAndTopLevelClassMappingToOneName() {
    JavaFileObject outer = source("p.Outer",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Outer {",
        "  static class Inner {",
        "    @Differentiable static double f(double x) { return x * x; }",
        "  }",
        "}");
    JavaFileObject flat = source("p.Outer_Inner",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Outer_Inner {",
        "  @Differentiable static double g(double x) { return x * x; }",
        "}");
    Compilation c = compile(List.of(), outer, flat);
    assertThat(c).hadErrorContaining("the adjoints of p.Outer.Inner and p.Outer_Inner would both"
        + " be generated as p.Outer_InnerAdjoint").inFile(outer).onLineContaining("class Inner");
    assertThat(c).hadErrorContaining("the adjoints of p.Outer_Inner and p.Outer.Inner would both"
        + " be generated as p.Outer_InnerAdjoint").inFile(flat).onLineContaining("class Outer_");
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /** A previous build's output handed back as a source (no clean): say so. */
  @Test
  void staleGeneratedClassAmongTheSources() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "}");
    JavaFileObject stale = source("p.FooAdjoint",
        "package p;",
        "@javax.annotation.processing.Generated(\"dev.adjoint.processor.AdjointProcessor\")",
        "final class FooAdjoint {}");
    Compilation c = compile(List.of(), foo, stale);
    assertThat(c).hadErrorContaining("p.FooAdjoint, which Adjoint generated for p.Foo in an"
        + " earlier build, is among the sources").inFile(foo).onLineContaining("class Foo");
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /** The pullback of f(double) and the value-and-gradient call of fPullback(double, ...). */
  @Test
  void twoGeneratedMethodsWithOneSignature() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "  @Differentiable static double fPullback(double x, double s, double[] g) {",
        "    return x * s * g[0];",
        "  }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("the code generated for fPullback(double, double, double[])"
        + " includes fPullback(double, double, double[]), which the code generated for f(double)"
        + " also declares; rename one of the two methods")
        .inFile(foo).onLineContaining("static double fPullback");
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  @Test
  void privateNestedClass() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  private static class Hidden {",
        "    @Differentiable static double f(double x) { return x * x; }",
        "  }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("[adjoint.private] @Differentiable method f is in the"
        + " private class p.Foo.Hidden, which the generated Foo_HiddenAdjoint cannot see; make"
        + " Hidden package-private").inFile(foo).onLineContaining("static double f");
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /** The generated code calls helpers to compute values: a private one it cannot call. */
  @Test
  void privateHelpers() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  private static int times(double x) { return 2; }",
        "  static class In { private static int twice(double x) { return 2; } }",
        "  private static class Hidden { static int thrice(double x) { return 3; } }",
        "  @Differentiable static double f(double x) { return x * times(x); }",
        "  @Differentiable static double g(double x) { return x * In.twice(x); }",
        "  @Differentiable static double h(double x) { return x * Hidden.thrice(x); }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("times is private, so the generated adjoint cannot call it")
        .inFile(foo).onLineContaining("x * times(x)");
    assertThat(c).hadErrorContaining("twice is private, so the generated adjoint cannot call it")
        .inFile(foo).onLineContaining("In.twice(x)");
    assertThat(c).hadErrorContaining("its class p.Foo.Hidden is private")
        .inFile(foo).onLineContaining("Hidden.thrice(x)");
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /** A @DerivativeOf pullback in a private nested class: its top-level class alone sees it. */
  @Test
  void derivativeInAPrivateNestedClass() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.DerivativeOf;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  static double cube(double x) { return x * x * x; }",
        "  private static class Derivatives {",
        "    @DerivativeOf(value = Foo.class, method = \"cube\")",
        "    static double cubePullback(double x, double result, double resultBar) {",
        "      return resultBar * 3 * x * x;",
        "    }",
        "  }",
        "  @Differentiable static double f(double x) { return cube(x) * x; }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("its pullback p.Foo.Derivatives.cubePullback is not public,"
        + " so the adjoint generated in package p cannot call it")
        .inFile(foo).onLineContaining("return cube(x) * x");
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /** 127 doubles: 254 slots, plus seed and grad in the pullback, is over the JVM's 255. */
  @Test
  void tooManyParametersForTheGeneratedSignature() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double wide(" + doubles(127) + ") { return x0 * x1; }",
        "  @Differentiable(wrt = \"x0\")",
        "  static double one(" + doubles(127) + ") { return x0 * x1; }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("[adjoint.parameters] the generated widePullback of wide"
        + " would take 257 slots of parameters").inFile(foo).onLineContaining("double wide(");
    assertThat(c).hadErrorContaining("the generated onePullback of one would take 257 slots")
        .inFile(foo).onLineContaining("double one(");
    assertThat(c).hadErrorCount(2);
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /** 126 doubles fit exactly: 252 + seed + grad = 255, record 1 + 2 + 252 = 255. */
  @Test
  void widestSignatureThatFitsCompiles() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double wide(" + doubles(126) + ") { return x0 * x125; }",
        "}");
    assertThat(compile(List.of(), foo)).succeededWithoutWarnings();
  }

  @Test
  void localAndAnonymousClasses() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "  static Object g() {",
        "    class Local {",
        "      @Differentiable static double inLocal(double x) { return x; }",
        "      static class Member {",
        "        @Differentiable static double inMemberOfLocal(double x) { return x; }",
        "      }",
        "    }",
        "    return new Object() {",
        "      @Differentiable double inAnonymous(double x) { return x; }",
        "    };",
        "  }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("[adjoint.nesting] @Differentiable method inLocal must be"
        + " declared in a top-level or member class, not in a local class")
        .inFile(foo).onLineContaining("double inLocal");
    assertThat(c).hadErrorContaining("@Differentiable method inAnonymous must be declared in a"
        + " top-level or member class, not in an anonymous class")
        .inFile(foo).onLineContaining("double inAnonymous");
    assertThat(c).hadErrorContaining("@Differentiable method inMemberOfLocal must be declared in"
        + " a top-level or member class, not in a local class")
        .inFile(foo).onLineContaining("double inMemberOfLocal");
    assertThat(c).hadErrorCount(3);
  }

  /** Without any other annotation javac does not call the processor: still reported. */
  @Test
  void localClassAloneInItsFile() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.*;",
        "class Foo {",
        "  static double g(double y) {",
        "    class Local {",
        "      @Differentiable static double inLocal(double x) { return x; }",
        "    }",
        "    return y;",
        "  }",
        "}");
    Compilation c = compile(List.of(), foo);
    assertThat(c).hadErrorContaining("@Differentiable method inLocal must be declared in a"
        + " top-level or member class, not in a local class")
        .inFile(foo).onLineContaining("double inLocal");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void sourceLevelBelowRecords() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "  @Differentiable static double g(double x) { return x * x; }",
        "}");
    JavaFileObject bar = source("p.Bar",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Bar {",
        "  @Differentiable static double h(double x) { return x * x; }",
        "}");
    Compilation c = compile(List.of("--release", "11"), foo, bar);
    assertThat(c).hadErrorContaining("[adjoint.source] Adjoint generates records, which need"
        + " source level 16 or later, but this compilation is at source level 11; compile with"
        + " --release 17");
    assertThat(c).hadErrorCount(1);
    assertNoInternalErrorAndNoBrokenGeneratedCode(c);
  }

  /**
   * Loops (stacks), arrays, a kernel, a callee, a helper: the output is warning-free under every
   * lint, and "No processor claimed" does not fire for our annotations nor for @Generated.
   */
  @Test
  void compilesUnderXlintAllWerror() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "import dev.adjoint.runtime.LinearAlgebra;",
        "public class Foo {",
        "  static int n(double x) { return 3; }",
        "  @Differentiable static double sq(double x) { return x * x; }",
        "  @Differentiable static double f(double x, double[] a) {",
        "    double s = 0;",
        "    for (int i = 0; i < n(x); i++) {",
        "      s = s * x + sq(a[0]) + LinearAlgebra.dot(a, a);",
        "    }",
        "    return s > 1 ? s : Math.sin(s);",
        "  }",
        "}");
    assertThat(compile(List.of("-Xlint:all", "-Werror"), foo)).succeededWithoutWarnings();
  }

  /**
   * Instance methods of generic classes (a generic class, a generic static nested class, an
   * inner class of a generic class, a generic record): the receiver parameter is {@code Box<?>},
   * not the raw {@code Box} whose {@code [rawtypes]} warning failed -Xlint:all -Werror builds.
   */
  @Test
  void genericReceiversCompileUnderXlintAllWerror() {
    JavaFileObject box = source("p.Box",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "public class Box<T> {",
        "  final double k = 3;",
        "  @Differentiable double f(double x) { return k * x * x; }",
        "  public class Inner<U> {",
        "    final double j = 2;",
        "    @Differentiable double g(double x) { return j * x; }",
        "  }",
        "  public static final class Nested<K, V> {",
        "    final double k = 4;",
        "    @Differentiable double h(double x) { return k * x; }",
        "    @Differentiable double twice(double x) { return h(x) * x; }",
        "  }",
        "  public record Pair<A>(double a, double b) {",
        "    @Differentiable double line(double x) { return a * x + b; }",
        "  }",
        "}");
    Compilation c = compile(List.of("-Xlint:all", "-Werror"), box);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.BoxAdjoint").contentsAsUtf8String()
        .contains("fPullback(Box<?> box, double x");
    assertThat(c).generatedSourceFile("p.Box_InnerAdjoint").contentsAsUtf8String()
        .contains("Box<?>.Inner<?> inner");
    assertThat(c).generatedSourceFile("p.Box_NestedAdjoint").contentsAsUtf8String()
        .contains("Box.Nested<?, ?> nested");
  }

  /**
   * Another tool's {@code @Generated} class in the same compilation is not claimed: a processor
   * running after ours still sees it.
   */
  @Test
  void leavesOtherToolsGeneratedClassesToLaterProcessors() {
    JavaFileObject foo = source("p.Foo",
        "package p;",
        "import dev.adjoint.Differentiable;",
        "class Foo {",
        "  @Differentiable static double f(double x) { return x * x; }",
        "}");
    JavaFileObject other = source("p.Other",
        "package p;",
        "@javax.annotation.processing.Generated(\"some.other.Tool\")",
        "class Other {}");
    GeneratedWatcher watcher = new GeneratedWatcher();
    Compilation c = Compiler.javac().withProcessors(new AdjointProcessor(), watcher)
        .compile(foo, other);
    assertThat(c).succeeded();
    assertThat(watcher.seen).contains("p.Other");
  }

  /** Records the classes marked {@code @Generated} it is handed. */
  @javax.annotation.processing.SupportedAnnotationTypes("javax.annotation.processing.Generated")
  private static final class GeneratedWatcher extends javax.annotation.processing.AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public javax.lang.model.SourceVersion getSupportedSourceVersion() {
      return javax.lang.model.SourceVersion.latestSupported();
    }

    @Override
    public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> types,
        javax.annotation.processing.RoundEnvironment round) {
      for (javax.lang.model.element.TypeElement t : types) {
        round.getElementsAnnotatedWith(t).forEach(e -> seen.add(e.toString()));
      }
      return false;
    }
  }

  private static String doubles(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("double x" + i);
    }
    return String.join(", ", out);
  }

  private static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceString(name, String.join("\n", lines) + "\n");
  }

  private static Compilation compile(List<String> options, JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new AdjointProcessor()).withOptions(options)
        .compile(sources);
  }

  private static void assertNoInternalErrorAndNoBrokenGeneratedCode(Compilation compilation) {
    assertThat(compilation).failed();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(null)).contains("[adjoint.");
      assertThat(d.getMessage(null)).doesNotContain("[adjoint.internal]");
      if (d.getSource() != null) {
        assertThat(d.getSource().toUri().getPath()).doesNotContain("SOURCE_OUTPUT");
      }
    }
  }
}
