package dev.adjoint.processor.calls;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.u;

import dev.adjoint.processor.numeric.ArrayCase;
import dev.adjoint.processor.numeric.ArraySuite;
import dev.adjoint.processor.numeric.CaseSuite;
import dev.adjoint.processor.numeric.GradientCase;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Calls reversed by the callee's split halves ({@code fRecord} in the caller's forward sweep,
 * {@code fReverse} in its backward sweep, on the caller's stacks): helpers called in loops, in
 * branches and twice in one expression, nested three deep, helpers with their own loops and
 * local arrays, helpers reassigning their parameters, linear and tree recursion. Gradients
 * against the exact Hipparchus reference and finite differences, with analyses on and off.
 */
class SplitReversalGradientTest {

  static final String[] HELPERS = {
      "static double sigmoid(double v) { return 1.0 / (1.0 + Math.exp(-v)); }",
      "static double inner(double v) { return Math.sin(v) * v; }",
      "static double middle(double v, double w) { return inner(v * w) + Math.exp(inner(w)); }",
      "static double outer(double v, double w) { return middle(v, w) * middle(w, 0.5); }",
      "static double scaled(double v, int k) { v = v * k; return Math.sin(v) + v; }",
      "static double looped(double v, int n) {\n"
          + "    double s = 0;\n"
          + "    double[] t = new double[n];\n"
          + "    for (int i = 0; i < n; i++) { t[i] = Math.sin(v * (i + 1)); s += t[i] * t[i]; }\n"
          + "    for (int i = 0; i < n; i++) { s = s * 0.5 + t[i] * v; }\n"
          + "    return s; }",
      "static double power(double v, int n) {\n"
          + "    if (n == 0) { return 1; }\n"
          + "    return v * power(v, n - 1); }",
      "static double tree(double v, int n) {\n"
          + "    if (n <= 1) { return Math.sin(v); }\n"
          + "    return tree(v * 0.9, n - 1) * tree(v, n - 2) + v; }",
      "static double chain(double v, int n) {\n"
          + "    double s = v;\n"
          + "    for (int i = 0; i < 2; i++) { s = Math.sin(s) + 0.1 * v; }\n"
          + "    return n == 0 ? s : chain(s, n - 1) * v; }"
  };

  private static DerivativeStructure sigmoid(DerivativeStructure v) {
    return v.negate().exp().add(1).reciprocal();
  }

  private static DerivativeStructure inner(DerivativeStructure v) {
    return v.sin().multiply(v);
  }

  private static DerivativeStructure middle(DerivativeStructure v, DerivativeStructure w) {
    return inner(v.multiply(w)).add(inner(w).exp());
  }

  private static DerivativeStructure looped(DerivativeStructure v, int n) {
    DerivativeStructure s = v.getField().getZero();
    DerivativeStructure[] t = new DerivativeStructure[n];
    for (int i = 0; i < n; i++) {
      t[i] = v.multiply(i + 1).sin();
      s = s.add(t[i].square());
    }
    for (int i = 0; i < n; i++) {
      s = s.multiply(0.5).add(t[i].multiply(v));
    }
    return s;
  }

  private static DerivativeStructure tree(DerivativeStructure v, int n) {
    return n <= 1 ? v.sin() : tree(v.multiply(0.9), n - 1).multiply(tree(v, n - 2)).add(v);
  }

  private static DerivativeStructure chain(DerivativeStructure v, int n) {
    DerivativeStructure s = v;
    for (int i = 0; i < 2; i++) {
      s = s.sin().add(v.multiply(0.1));
    }
    return n == 0 ? s : chain(s, n - 1).multiply(v);
  }

  private static List<GradientCase> cases() {
    return List.of(
        GradientCase.of("helperInLoop", "double w, double b, int n",
                """
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += sigmoid(w * i + b) * sigmoid(w);
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.c(0);
              for (int i = 0; i < d.i("n"); i++) {
                s = s.add(sigmoid(d.v("w").multiply(i).add(d.v("b")))
                    .multiply(sigmoid(d.v("w"))));
              }
              return s;
            })
            .at(0.3, -0.2, 4)
            .at(-1.1, 0.7, 0),
        GradientCase.of("sameHelperTwiceInOneExpression", "double x, double y, int n",
                """
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s = s * 0.5 + sigmoid(x * s + y) * sigmoid(y - x);
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.c(0);
              for (int i = 0; i < d.i("n"); i++) {
                s = s.multiply(0.5).add(sigmoid(d.v("x").multiply(s).add(d.v("y")))
                    .multiply(sigmoid(d.v("y").subtract(d.v("x")))));
              }
              return s;
            })
            .at(0.4, 1.3, 3),
        GradientCase.of("nestedThreeDeep", "double x, double y, int n",
                """
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += outer(x + 0.1 * i, y);
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.c(0);
              for (int i = 0; i < d.i("n"); i++) {
                s = s.add(middle(d.v("x").add(0.1 * i), d.v("y"))
                    .multiply(middle(d.v("y"), d.c(0.5))));
              }
              return s;
            })
            .at(0.4, -0.6, 3),
        GradientCase.of("inBranches", "double x, int n",
                """
                double s = x;
                for (int i = 0; i < n; i++) {
                  if (i % 2 == 0) {
                    s = sigmoid(s) + scaled(x, i);
                  } else if (s > 0.5) {
                    s = inner(s);
                  }
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.v("x");
              for (int i = 0; i < d.i("n"); i++) {
                if (i % 2 == 0) {
                  DerivativeStructure v = d.v("x").multiply(i);
                  s = sigmoid(s).add(v.sin()).add(v);
                } else if (s.getValue() > 0.5) {
                  s = inner(s);
                }
              }
              return s;
            })
            .at(0.7, 5)
            .at(-0.4, 4),
        GradientCase.of("helperWithLoopsAndArray", "double x, int n",
                """
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s += looped(x + i, n) * x;
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.c(0);
              for (int i = 0; i < 3; i++) {
                s = s.add(looped(d.v("x").add(i), d.i("n")).multiply(d.v("x")));
              }
              return s;
            })
            .at(0.3, 4)
            .at(-0.8, 0),
        GradientCase.of("linearRecursion", "double x, int n", "return power(x, n) * x;")
            .oracle(d -> d.v("x").pow(d.i("n") + 1))
            .at(1.3, 6)
            .at(-0.8, 0),
        GradientCase.of("linearRecursionInLoop", "double x, int n",
                """
                double s = 0;
                for (int i = 0; i < n; i++) {
                  s += power(x, i);
                }
                return s;""")
            .oracle(d -> {
              DerivativeStructure s = d.c(0);
              for (int i = 0; i < d.i("n"); i++) {
                s = s.add(d.v("x").pow(i));
              }
              return s;
            })
            .at(1.1, 5),
        GradientCase.of("treeRecursion", "double x, int n", "return tree(x, n);")
            .oracle(d -> tree(d.v("x"), d.i("n")))
            .at(0.7, 7)
            .at(-0.3, 1),
        GradientCase.of("recursionWithLoops", "double x, int n", "return chain(x, n);")
            .oracle(d -> chain(d.v("x"), d.i("n")))
            .at(0.7, 4)
            .at(1.9, 0),
        GradientCase.of("selfRecursive", "double x, double y, int n",
                "return n <= 0 ? Math.sin(y) : x * selfRecursive(y, x * 0.5, n - 1) + y;")
            .oracle(d -> selfRecursive(d.v("x"), d.v("y"), d.i("n")))
            .at(0.6, 1.4, 5)
            .at(0.6, 1.4, 0));
  }

  private static DerivativeStructure selfRecursive(DerivativeStructure x, DerivativeStructure y,
      int n) {
    return n <= 0 ? y.sin() : x.multiply(selfRecursive(y, x.multiply(0.5), n - 1)).add(y);
  }

  private static List<ArrayCase> arrayCases() {
    return List.of(
        ArrayCase.of("helperOverArrayInLoop", "double[] a, double w",
                """
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += sigmoid(w * a[i]) * a[i] + power(a[i], 3);
                }
                return s;""")
            .random(3, r -> args(ArrayCase.Values.vector(r, 1 + r.nextInt(4), -1, 1),
                u(r, -2, 2))));
  }

  private static final CaseSuite ON = CaseSuite.of("adjtest.split.Scalars")
      .members(HELPERS).add(cases());
  private static final CaseSuite OFF = CaseSuite.of("adjtest.split.off.Scalars")
      .members(HELPERS).options("-Aadjoint.analyses=off").add(cases());
  private static final ArraySuite ARRAYS = ArraySuite.of("adjtest.split.Arrays")
      .members(HELPERS).add(arrayCases());
  private static final ArraySuite ARRAYS_OFF = ArraySuite.of("adjtest.split.off.Arrays")
      .members(HELPERS).options("-Aadjoint.analyses=off").add(arrayCases());

  @TestFactory
  Stream<DynamicNode> withAnalyses() {
    return ON.tests();
  }

  @TestFactory
  Stream<DynamicNode> withAnalysesOff() {
    return OFF.tests();
  }

  @TestFactory
  Stream<DynamicNode> arraysWithAnalyses() {
    return ARRAYS.tests();
  }

  @TestFactory
  Stream<DynamicNode> arraysWithAnalysesOff() {
    return ARRAYS_OFF.tests();
  }
}
