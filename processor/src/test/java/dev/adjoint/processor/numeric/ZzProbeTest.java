package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZzProbeTest {
  static int counter = 0;

  static void probe(GradientCase c) {
    CaseSuite s = CaseSuite.of("adjtest.probe.P" + (counter++), c);
    StringBuilder out = new StringBuilder("=== " + c.name() + "\n" + c.declaration());
    try {
      s.compiled();
    } catch (AssertionError e) {
      String m = e.getMessage();
      int i = m.indexOf("---- diagnostics ----");
      int j = m.indexOf("---- input");
      out.append("COMPILE FAILED: ").append(i >= 0 && j > i ? m.substring(i, j) : m);
      System.out.println(out);
      return;
    }
    List<String> fails = new ArrayList<>();
    try { s.checkSignature(c); } catch (Throwable t) { fails.add(t.toString()); }
    for (GradientCase.Point p : c.points()) {
      try { s.checkRecord(c, p); } catch (Throwable t) { fails.add(t.toString()); }
      try { s.checkPullback(c, p); } catch (Throwable t) { fails.add(t.toString()); }
    }
    out.append(fails.isEmpty() ? "OK\n" : "FAILURES:\n" + String.join("\n", fails) + "\n");
    if (!fails.isEmpty()) {
      out.append(s.compiled().describeGenerated());
    }
    System.out.println(out);
  }

  static void raw(String name, dev.adjoint.processor.testing.JavaSource... sources) {
    System.out.println("=== " + name);
    var c = dev.adjoint.processor.testing.InProcessCompiler.create().withOptions("-Xlint:all").compileRaw(sources);
    System.out.println("status " + c.status());
    for (var d : c.diagnostics()) System.out.println("  " + d.getKind() + " " + (d.getSource()==null?"":d.getSource().getName()+":"+d.getLineNumber()) + " " + d.getMessage(null));
    if (c.status() == com.google.testing.compile.Compilation.Status.SUCCESS) {
      for (var f : c.generatedSourceFiles()) { try { System.out.println(f.getCharContent(true)); } catch (Exception e) {} }
    }
  }

  static dev.adjoint.processor.testing.JavaSource src(String qn, String... lines) {
    return dev.adjoint.processor.testing.JavaSource.of(qn, lines);
  }

  @Test
  void probes() {
    raw("userMethodShadowsStaticImport", src("q1.A", "package q1;", "import static java.lang.Math.*;", "import dev.adjoint.Differentiable;",
        "public class A {", "  static double sin(double x) { return 2 * x; }",
        "  @Differentiable public static double f(double x) { return sin(x); }", "}"));
    raw("userMethodShadowsSingleImport", src("q2.A", "package q2;", "import static java.lang.Math.sin;", "import dev.adjoint.Differentiable;",
        "public class A {", "  static double sin(double x) { return 2 * x; }",
        "  @Differentiable public static double f(double x) { return sin(x); }", "}"));
    raw("fieldShadowsPI", src("q3.A", "package q3;", "import static java.lang.Math.*;", "import dev.adjoint.Differentiable;",
        "public class A {", "  static final double PI = 3;",
        "  @Differentiable public static double f(double x) { return PI * x; }", "}"));
    raw("userClassNamedMath", src("q4.Math", "package q4;", "public class Math {", "  public static double sin(double x) { return 2 * x; }", "  public static final double PI = 3;", "}"),
        src("q4.A", "package q4;", "import dev.adjoint.Differentiable;",
        "public class A {",
        "  @Differentiable public static double f(double x) { return Math.sin(x) + Math.PI * x; }", "}"));
    raw("nestedClassNamedMath", src("q5.A", "package q5;", "import dev.adjoint.Differentiable;",
        "public class A {", "  static class Math { static double exp(double x) { return 3 * x; } }",
        "  @Differentiable public static double f(double x) { return Math.exp(x); }", "}"));
    raw("fullyQualified", src("q6.A", "package q6;", "import dev.adjoint.Differentiable;",
        "public class A {",
        "  @Differentiable public static double f(double x) { return java.lang.Math.sin(x) * java.lang.Math.PI; }", "}"));
    raw("overloads", src("q7.A", "package q7;", "import dev.adjoint.Differentiable;",
        "public class A {",
        "  @Differentiable public static double f(double x) { return x * x; }",
        "  @Differentiable public static double f(double x, double y) { return x * y; }", "}"));
    raw("caseClash", src("q8.A", "package q8;", "import dev.adjoint.Differentiable;",
        "public class A {",
        "  @Differentiable public static double f(double x) { return x * x; }",
        "  @Differentiable public static double F(double x) { return x * 3; }", "}"));
    raw("defaultPackage", src("DefPkg", "import dev.adjoint.Differentiable;",
        "public class DefPkg {",
        "  @Differentiable public static double f(double x) { return x * x; }", "}"));
    raw("nestedClass", src("q9.Outer", "package q9;", "import dev.adjoint.Differentiable;",
        "public class Outer {", "  public static class Inner {",
        "  @Differentiable public static double f(double x) { return x * x; }", "} }"));
    raw("ifTrue", src("q10.A", "package q10;", "import dev.adjoint.Differentiable;",
        "public class A {",
        "  @Differentiable public static double f(double x, double y) { if (true) { return x * y; } return y; }", "}"));
    probe(GradientCase.of("resultTemplatesOverwritten", "double x, double y",
        "double t = Math.exp(x);\nt = t * y;\ndouble u = Math.tan(y);\nu = u + x;\ndouble q = x / y;\nq = q * q;\ndouble s = Math.sqrt(x * x + 1);\ns = s * 3;\nreturn t + u + q + s;")
        .at(0.5, 0.7));
    probe(GradientCase.of("selfResultChain", "double x", "x = Math.exp(x);\nx = Math.sqrt(x);\nx = Math.tanh(x);\nx = Math.cbrt(x);\nreturn x;").at(0.5));
    probe(GradientCase.of("divisorOverwritten", "double x, double y", "double q = x / y;\ny = y * 2;\nreturn q + y;").at(0.5, 0.7));
    probe(GradientCase.of("powOverwritten", "double x, double y", "double p = Math.pow(x, y);\nx = p * 2;\ny = x + y;\nreturn p * y;").at(0.5, 0.7));
    probe(GradientCase.of("hypotOverwritten", "double x, double y", "double h = Math.hypot(x, y);\nh = h * h * x;\nx = h;\nreturn x + h;").at(0.5, 0.7));
    probe(GradientCase.of("branchConditionTernaryInIf", "double x, double y", "if ((x > 0 ? y : -y) > 1) { return x * y; }\nreturn x - y;").at(1.0, 2.0).at(-1.0, 2.0).at(-1.0, -2.0));
    probe(GradientCase.of("mixedIntLong", "double x, int n, long m", "long p = n * m;\nreturn x * p + x * (n / m);").at(1.5, 3, 2L));
    probe(GradientCase.of("booleanCompare", "double x, boolean f", "if (f == true && !!f) return x * x;\nreturn x;").at(1.5, true).at(1.5, false));
    probe(GradientCase.of("subSelfNeg", "double x", "x -= -x;\nreturn x * x;").at(1.5));
    probe(GradientCase.of("sameCallTwice", "double x", "return Math.sin(x) * Math.sin(x) + Math.exp(x) / Math.exp(x);").at(1.5));
    probe(GradientCase.of("nestedReturns", "double x, double y",
        "double r = x;\nif (x > 0) {\n if (y > 0) {\n  r = r * y;\n  if (r > 1) return r;\n } else {\n  return -r;\n }\n r = r + 1;\n} else if (y > 0) {\n return y * y;\n}\nreturn r * x;")
        .at(2.0, 1.5).at(0.5, 0.5).at(1.0, -1.0).at(-1.0, 2.0).at(-1.0, -2.0));
  }
}
