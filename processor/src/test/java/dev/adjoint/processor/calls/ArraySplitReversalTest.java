package dev.adjoint.processor.calls;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.numeric.ArrayCase;
import dev.adjoint.processor.numeric.ArrayCase.Values;
import dev.adjoint.processor.numeric.ArraySuite;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Split reversal of helpers with {@code double[]} and {@code double[][]} parameters: the caller's
 * forward sweep runs {@code fRecord}, its backward sweep {@code fReverse}, which reads the array
 * arguments again, so a caller that writes them after the call (later, or in the next iteration
 * of a loop around it) gives the reverse half a copy of their values at the call. Read-only
 * arrays, a helper writing its own local arrays, arrays written by the caller after the call
 * (in loops, outside loops, a matrix's row), nested calls, recursion over an array. Gradients
 * against central finite differences, with the analyses on and off.
 */
class ArraySplitReversalTest {

  static final String[] HELPERS = {
      "static double lse(double[] v) {\n"
          + "    double max = v[0];\n"
          + "    for (int i = 1; i < v.length; i++) { max = Math.max(max, v[i]); }\n"
          + "    double sum = 0;\n"
          + "    for (int i = 0; i < v.length; i++) { sum += Math.exp(v[i] - max); }\n"
          + "    return Math.log(sum) + max; }",
      "static double weighted(double[] v, double[] w, double p) {\n"
          + "    double s = 0;\n"
          + "    for (int i = 0; i < v.length; i++) { s += Math.sin(p * v[i]) * w[i % w.length]; }\n"
          + "    return s * p; }",
      // Writes its own local arrays: a copy of v, and a scratch buffer of v's length.
      "static double smoothed(double[] v, double p) {\n"
          + "    double[] y = v.clone();\n"
          + "    double[] t = new double[v.length];\n"
          + "    for (int i = 0; i < y.length; i++) { y[i] = y[i] * p + y[(i + 1) % y.length]; }\n"
          + "    for (int i = 0; i < y.length; i++) { t[i] = Math.tanh(y[i]); y[i] = t[i] * v[i]; }\n"
          + "    double s = 0;\n"
          + "    for (int i = 0; i < y.length; i++) { s += y[i] * t[i]; }\n"
          + "    return s; }",
      "static double frobenius(double[][] m, double p) {\n"
          + "    double s = 0;\n"
          + "    for (int i = 0; i < m.length; i++) {\n"
          + "      for (int j = 0; j < m[i].length; j++) { s += m[i][j] * m[i][j] * p; }\n"
          + "    }\n"
          + "    return Math.sqrt(s + 1); }",
      // Calls other array helpers: nested halves on one stack.
      "static double nested(double[] v, double p) {\n"
          + "    double s = 0;\n"
          + "    for (int k = 0; k < 2; k++) { s += lse(v) * weighted(v, v, p + k); }\n"
          + "    return s + smoothed(v, p); }",
      // Recursion over an array, no loop: one call per element.
      "static double chainOver(double[] v, int i, double acc) {\n"
          + "    if (i == v.length) { return acc; }\n"
          + "    return chainOver(v, i + 1, Math.sin(acc + v[i]) * v[i]); }",
      // Mutual recursion over an array: ping calls pong calls ping, no loop.
      "static double ping(double[] v, int i, double acc) {\n"
          + "    if (i >= v.length) { return acc; }\n"
          + "    return pong(v, i + 1, acc * v[i] + Math.sin(v[i])); }",
      "static double pong(double[] v, int i, double acc) {\n"
          + "    if (i >= v.length) { return Math.cos(acc); }\n"
          + "    return ping(v, i + 1, Math.exp(-acc * acc) + v[i] * acc); }",
      // Mutual recursion of scalars.
      "static double even(double x, int n) {\n"
          + "    return n == 0 ? Math.sin(x) : odd(x * 0.9 + 0.1, n - 1) * x; }",
      "static double odd(double x, int n) {\n"
          + "    return n == 0 ? Math.cos(x) : even(Math.tanh(x), n - 1) + x; }",
      // Rebinds its array parameter in one branch: its halves run its pullback.
      "static double rebinds(double[] v, double p) {\n"
          + "    if (p > 0) { v = dev.adjoint.runtime.LinearAlgebra.sigmoid(v); }\n"
          + "    double s = 0;\n"
          + "    for (int i = 0; i < v.length; i++) { s += v[i] * p; }\n"
          + "    return s; }",
      // Loop-free, called once by a loop-free caller.
      "static double softmaxDot(double[] v, double[] w) {\n"
          + "    return Math.exp(v[0]) * w[0] / (Math.exp(v[0]) + Math.exp(v[v.length - 1]));\n"
          + "  }"
  };

  private static Object[] vectorAndScalar(java.util.Random r) {
    return args(Values.vector(r, 1 + r.nextInt(4), -1, 1), u(r, -1.5, 1.5));
  }

  private static List<ArrayCase> cases() {
    return List.of(
        ArrayCase.of("readOnlyArrayInLoop", "double[] a, double x",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s += lse(a) * (x + i);
                }
                return s;""")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("freshArrayPerIteration", "double[] a, double x",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  double[] t = new double[a.length];
                  for (int j = 0; j < a.length; j++) {
                    t[j] = a[j] * x + s * 0.1;
                  }
                  s += lse(t);
                }
                return s;""")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("writtenByCallerInLoopAfterCall", "double[] a, double x",
                """
                double[] t = new double[a.length];
                double s = 0;
                for (int k = 0; k < 3; k++) {
                  for (int j = 0; j < a.length; j++) {
                    t[j] = a[j] * (k + x) + s * 0.1;
                  }
                  s += lse(t) + weighted(t, a, x);
                }
                return s;""")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("writtenByCallerAfterCall", "double[] a, double x",
                """
                double[] t = new double[a.length];
                for (int j = 0; j < a.length; j++) {
                  t[j] = a[j] * x;
                }
                double s = lse(t);
                t[0] = s * x;
                s += lse(t) * t[0];
                a[a.length - 1] = a[0] * s;
                return s + weighted(a, t, x);""")
            .writesArguments()
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("parameterWrittenAfterCall", "double[] a, double x",
                """
                double s = 0;
                for (int k = 0; k < 3; k++) {
                  s += smoothed(a, x);
                  a[k % a.length] = a[k % a.length] * x + s;
                }
                return s;""")
            .writesArguments()
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("helperWritesItsLocalArrays", "double[] a, double x",
                """
                double s = 0;
                for (int i = 0; i < 2; i++) {
                  s = s * 0.5 + smoothed(a, x + i);
                }
                return s;""")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("matrixRowsAndMatrix", "double[][] m, double x",
                """
                double s = 0;
                for (int i = 0; i < m.length; i++) {
                  s += lse(m[i]) * x;
                  m[i][0] = m[i][0] * s;
                }
                return s + frobenius(m, x);""")
            .writesArguments()
            .random(3, r -> args(Values.matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1.5, 1.5))),
        ArrayCase.of("matrixWrittenAfterCall", "double[][] m, double x",
                """
                double s = 0;
                for (int k = 0; k < 2; k++) {
                  s += frobenius(m, x + k);
                  m[0][k % m[0].length] = s * x;
                }
                return s;""")
            .writesArguments()
            .random(3, r -> args(Values.matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -1, 1),
                u(r, -1.5, 1.5))),
        ArrayCase.of("nestedHelpers", "double[] a, double x",
                """
                double s = 0;
                for (int i = 0; i < 2; i++) {
                  s += nested(a, x * (i + 1));
                }
                return s;""")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("recursionOverArray", "double[] a, double x",
                "return chainOver(a, 0, x) + x * chainOver(a, 1 % a.length, x * x);")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("mutualRecursionOverArray", "double[] a, double x",
                "return ping(a, 0, x) * x + pong(a, 0, x * x);")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("mutualRecursionOfScalars", "double[] a, double x",
                "return even(x, 7) + odd(x + a[0], 4) * a[a.length - 1];")
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("mutualRecursionInLoop", "double[] a, double x",
                """
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += even(a[i] * x, i + 2) + ping(a, i, s * 0.1);
                  a[i] = s;
                }
                return s;""")
            .writesArguments()
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("helperRebindingItsArrayParameter", "double[] a, double x",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s += rebinds(a, x - i * 0.5);
                  a[i % a.length] = s * a[0];
                }
                return s;""")
            .writesArguments()
            .random(3, ArraySplitReversalTest::vectorAndScalar),
        ArrayCase.of("loopFreeCaller", "double[] a, double[] b, double x",
                "return lse(a) * x + softmaxDot(a, b) * lse(b);")
            .random(3, r -> {
              int n = 1 + r.nextInt(4);
              return args(Values.vector(r, n, -1, 1), Values.vector(r, n, -1, 1), u(r, -1, 1));
            }),
        ArrayCase.of("loopFreeCallerWritesAfterCall", "double[] a, double x",
                """
                double s = lse(a) * x;
                a[0] = s * a[0];
                return s + lse(a);""")
            .writesArguments()
            .random(3, ArraySplitReversalTest::vectorAndScalar));
  }

  private static final ArraySuite ON = ArraySuite.of("adjtest.arraysplit.Arrays")
      .members(HELPERS).add(cases());
  private static final ArraySuite OFF = ArraySuite.of("adjtest.arraysplit.off.Arrays")
      .members(HELPERS).options("-Aadjoint.analyses=off").add(cases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return ON.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return OFF.tests();
  }
}
