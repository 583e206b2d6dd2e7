package dev.adjoint.processor.deep;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.adjoint.processor.AdjointProcessor;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long and deeply nested expressions (issue 8): a 1,500-term sum overflowed the stack in {@code
 * Expr.Binary.type}, recomputed down the whole chain at every level. Each method is now
 * processed on a thread with a large stack, types are computed once, and an overflow that still
 * happens is a positioned error, never a crash.
 *
 * <p>The gradient checks use {@value #DEFAULT_TERMS} terms by default: the simplifier is
 * super-linear on long chains (a separate issue), so 1,500 terms take minutes rather than
 * seconds; {@code -Dadjoint.deep.terms=1500} runs them at the size.
 */
class DeepExpressionTest {
  static final int DEFAULT_TERMS = 60;
  static final int TERMS = Integer.getInteger("adjoint.deep.terms", DEFAULT_TERMS);

  @ParameterizedTest
  @ValueSource(strings = {"on", "off"})
  void longSum(String analyses) {
    // x + x*x + x*x + ... : f = x + (n-1)x², f' = 1 + 2(n-1)x.
    String body = chain(TERMS, k -> k == 0 ? "x" : "x * x", " + ");
    int n = TERMS;
    check(analyses, body, 0.75, x -> x + (n - 1) * x * x, x -> 1 + 2 * (n - 1) * x);
  }

  @ParameterizedTest
  @ValueSource(strings = {"on", "off"})
  void longProduct(String analyses) {
    // x * x * ... near 1 so xⁿ stays finite: f = xⁿ, f' = n xⁿ⁻¹.
    String body = chain(TERMS, k -> "x", " * ");
    int n = TERMS;
    check(analyses, body, 1 + 0.5 / n, x -> Math.pow(x, n), x -> n * Math.pow(x, n - 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"on", "off"})
  void deeplyNestedParentheses(String analyses) {
    // ((((x + 1) * 0.5) + 1) * 0.5) ... : f = 2⁻ⁿx + 1 - 2⁻ⁿ, f' = 2⁻ⁿ (exact in binary).
    String e = "x";
    for (int k = 0; k < TERMS; k++) {
      e = "((" + e + ") + 1) * 0.5";
    }
    double scale = Math.pow(0.5, TERMS);
    check(analyses, e, 0.3, x -> scale * x + 1 - scale, x -> scale);
  }

  /** Without the cached type this overflows the test's stack, not just javac's. */
  @Test
  void typeOfAVeryLongChainIsComputedOnce() {
    Expr sum = Exprs.ref(new Var("x", Type.DOUBLE, Var.Role.PARAM));
    for (int k = 0; k < 200_000; k++) {
      sum = new Expr.Binary(Op.ADD, sum, Expr.Const.ofInt(k));
    }
    assertEquals(Type.DOUBLE, sum.type());
    Expr comparison = new Expr.Binary(Op.LT, sum, Expr.Const.ofDouble(0));
    assertEquals(Type.BOOLEAN, comparison.type());
  }

  /** The last line of defence: an overflow is an error at the method saying what to write. */
  @Test
  void stackOverflowIsAPositionedErrorNotACrash() {
    String previous = System.setProperty("adjoint.processor.stackBytes", String.valueOf(1 << 16));
    Compilation compilation;
    JavaFileObject source = source(chain(1_000, k -> "x * " + (k + 1), " + ")).toFileObject();
    try {
      compilation = Compiler.javac().withProcessors(new AdjointProcessor()).compile(source);
    } finally {
      if (previous == null) {
        System.clearProperty("adjoint.processor.stackBytes");
      } else {
        System.setProperty("adjoint.processor.stackBytes", previous);
      }
    }
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[adjoint.depth] an expression in f is too deeply nested")
        .inFile(source)
        .onLine(6);
    assertThat(compilation).hadErrorContaining("split it into several statements");
    assertThat(compilation).hadErrorCount(1);
  }

  /**
   * A method whose adjoint would pass the JVM's 64 KB for one method is an error at the method,
   * never javac's "code too large" inside a generated file.
   */
  @Test
  void adjointOverTheMethodSizeLimitIsAPositionedError() {
    // Terms whose like factors do not collect: the optimizer folds x * x * c sums well enough
    // that 1,500 of them now fit.
    JavaFileObject source = source(
        chain(1_500, k -> "Math.exp(x * " + (k + 0.5) + ") * Math.sin(x)", " + ")).toFileObject();
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[adjoint.size] the generated fPullback of f would take about")
        .inFile(source)
        .onLine(6);
    assertThat(compilation).hadErrorContaining("more than the JVM's 64 KB for one method");
    assertThat(compilation).hadErrorCount(1);
  }

  /**
   * A body that on its own sizes past 64 KB (a 2,000-statement recurrence) is refused before it
   * is differentiated: the same positioned error, at the method.
   */
  @Test
  void methodWhoseOwnBodyIsOverTheLimitIsRefusedAtTheMethod() {
    List<String> lines = new ArrayList<>(List.of("package adjtest.deep;",
        "import dev.adjoint.Differentiable;",
        "public final class Deep {",
        "  private Deep() {}",
        "  @Differentiable",
        "  static double f(double x) {",
        "    double a0 = x;"));
    for (int k = 1; k <= 2_000; k++) {
      lines.add("    double a" + k + " = Math.sin(a" + (k - 1) + ") * x + a" + (k - 1)
          + " * 0.5 - x / (1 + a" + (k - 1) + " * a" + (k - 1) + ");");
    }
    lines.add("    return a2000;");
    lines.add("  }");
    lines.add("}");
    JavaFileObject source = JavaSource.of("adjtest.deep.Deep", lines.toArray(new String[0]))
        .toFileObject();
    Compilation compilation = Compiler.javac().withProcessors(new AdjointProcessor())
        .compile(source);
    assertThat(compilation)
        .hadErrorContaining("[adjoint.size] the generated fPullback of f would take about")
        .inFile(source)
        .onLine(6);
    assertThat(compilation).hadErrorContaining("more than the JVM's 64 KB for one method");
  }

  private static void check(String analyses, String body, double x, DoubleUnaryOperator value,
      DoubleUnaryOperator derivative) {
    AdjointMethod f = InProcessCompiler.create()
        .withOptions("-Aadjoint.analyses=" + analyses)
        .compile(source(body))
        .method("adjtest.deep.Deep", "f");
    ValueAndGradient vg = f.valueAndGradient(x);
    assertEquals(f.call(x), vg.value(), 0, "value bit for bit as the original");
    double tolerance = 1e-12 * Math.max(1, Math.abs(derivative.applyAsDouble(x)));
    assertEquals(value.applyAsDouble(x), vg.value(), 1e-12 * Math.max(1, Math.abs(vg.value())));
    assertEquals(derivative.applyAsDouble(x), vg.gradient()[0], tolerance);
    double[] grad = {0.25};
    f.pullback(2.0, grad, x);
    assertEquals(0.25 + 2 * derivative.applyAsDouble(x), grad[0], 2 * tolerance, "pullback");
  }

  private static String chain(int terms, IntFunction<String> term, String operator) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < terms; k++) {
      parts.add(term.apply(k));
    }
    return String.join(operator, parts);
  }

  private static JavaSource source(String expression) {
    return JavaSource.of("adjtest.deep.Deep",
        "package adjtest.deep;",
        "import dev.adjoint.Differentiable;",
        "public final class Deep {",
        "  private Deep() {}",
        "  @Differentiable",
        "  static double f(double x) {",
        "    return " + expression + ";",
        "  }",
        "}");
  }
}
