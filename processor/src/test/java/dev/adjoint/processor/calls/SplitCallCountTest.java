package dev.adjoint.processor.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Split reversal runs each call's forward sweep once: a gradient runs every helper's body as
 * often as the primal does (counted by a helper that counts its calls). A helper of an array in
 * a loop whose argument the caller writes again; a loop-free helper called by a loop-free
 * helper that a loop calls (the outer helper's halves use the inner one's, so its pullback gets
 * the exponential its forward sweep computed); a loop-free caller of a helper that records;
 * mutual recursion. Before, each call's pullback ran the callee's forward sweep again
 * (recursion: at every level above). Gradients against central differences.
 */
class SplitCallCountTest {

  private static final String CLASS = "adjtest.split.count.Counted";

  private static final String SOURCE = String.join("\n",
      "package adjtest.split.count;",
      "import dev.adjoint.Differentiable;",
      "public final class Counted {",
      "  static int calls;",
      "  static int tick(int n) { calls++; return n; }",
      "  static double lse(double[] v) {",
      "    double sum = tick(0);",
      "    for (int i = 0; i < v.length; i++) { sum += Math.exp(v[i]); }",
      "    return Math.log(sum); }",
      "  static double sigmoid(double v) { return tick(1) / (1.0 + Math.exp(-v)); }",
      "  static double cell(double x, double h) {",
      "    return sigmoid(x + h) * Math.tanh(x) + sigmoid(h) * sigmoid(x * h); }",
      "  static double even(double x, int n) {",
      "    return tick(n) == 0 ? Math.sin(x) : odd(x * 0.9 + 0.1, n - 1) * x; }",
      "  static double odd(double x, int n) {",
      "    return tick(n) == 0 ? Math.cos(x) : even(Math.tanh(x), n - 1) + x; }",
      "  @Differentiable",
      "  public static double scores(double[] a, double x) {",
      "    double[] t = new double[a.length];",
      "    double s = 0;",
      "    for (int k = 0; k < 4; k++) {",
      "      for (int j = 0; j < a.length; j++) { t[j] = a[j] * x + s * 0.1 + k; }",
      "      s += lse(t);",
      "    }",
      "    return s; }",
      "  @Differentiable",
      "  public static double cells(double x, int n) {",
      "    double h = 0.1;",
      "    for (int i = 0; i < n; i++) { h = cell(x, h); }",
      "    return h; }",
      "  @Differentiable",
      "  public static double loopFree(double[] a, double x) {",
      "    return lse(a) * x + cell(x, a[0]); }",
      "  @Differentiable",
      "  public static double parity(double x, int n) {",
      "    return even(x, n); }",
      "}");

  private static Compiled compile(String analyses) {
    return InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(new JavaSource(CLASS, SOURCE));
  }

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void gradientRunsEachCallOnce(String analyses) throws Exception {
    Compiled compiled = compile(analyses);
    Field calls = compiled.loadClass(CLASS).getDeclaredField("calls");
    calls.setAccessible(true);
    check(compiled, calls, "scores", new double[] {0.3, -0.7, 1.1}, 0.4);
    check(compiled, calls, "cells", 0.6, 5);
    check(compiled, calls, "loopFree", new double[] {0.2, -0.5}, 0.9);
    check(compiled, calls, "parity", 0.8, 30);
  }

  private static void check(Compiled compiled, Field calls, String name, Object... args)
      throws Exception {
    AdjointMethod m = compiled.method(CLASS, name);
    calls.setInt(null, 0);
    double value = m.call(args);
    int primal = calls.getInt(null);
    calls.setInt(null, 0);
    Object[] record = m.recordComponentValues(args);
    assertEquals(primal, calls.getInt(null), name + ": helper bodies run by the gradient");
    assertEquals(value, (double) record[0], 1e-12);
    double h = 1e-6;
    if (args[0] instanceof double[] a) { // (double[] a, double x): record (value, dA, dX)
      double x = (double) args[1];
      double fd = (m.call(a, x + h) - m.call(a, x - h)) / (2 * h);
      assertEquals(fd, (double) record[2], 1e-6 * Math.max(1, Math.abs(fd)), name + " d/dx");
      double[] da = (double[]) record[1];
      for (int i = 0; i < a.length; i++) {
        double[] ap = a.clone();
        double[] am = a.clone();
        ap[i] += h;
        am[i] -= h;
        double fdi = (m.call(ap, x) - m.call(am, x)) / (2 * h);
        assertEquals(fdi, da[i], 1e-6 * Math.max(1, Math.abs(fdi)), name + " d/da" + i);
      }
    } else { // (double x, int n): record (value, dX)
      double x = (double) args[0];
      double fd = (m.call(x + h, args[1]) - m.call(x - h, args[1])) / (2 * h);
      assertEquals(fd, (double) record[1], 1e-6 * Math.max(1, Math.abs(fd)), name + " d/dx");
    }
  }
}
