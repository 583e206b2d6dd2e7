package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A helper with state ({@code next} counts its calls and returns a different index each time)
 * used in element reads, compound stores, products, row aliases and chosen rows: the generated
 * record and pullback call it exactly as often as the user's method, and their gradient is the
 * one of the user's method with the counter starting from zero. Before, the backward sweep called
 * it again ({@code aBar[next(i)] += ...}) and compound assignment evaluated the index twice.
 */
class HelperCallCountTest {

  private static final String CLASS = "adjtest.helpers.Counting";

  private static final String SOURCE = String.join("\n",
      "package adjtest.helpers;",
      "import dev.adjoint.Differentiable;",
      "public final class Counting {",
      "  static int calls;",
      "  static int next(int i, int n) {",
      "    calls++;",
      "    return (i + calls) % n;",
      "  }",
      "  @Differentiable(wrt = {\"a\", \"M\", \"w\"})",
      "  public static double f(double[] a, double[][] M, double w, boolean c) {",
      "    int unused = next(0, 2);",
      "    double[] t = new double[a.length];",
      "    double s = 0;",
      "    for (int i = 0; i < a.length; i++) {",
      "      t[next(i, a.length)] += w * a[next(i, a.length)];",
      "      t[next(i, a.length)] *= 1.5;",
      "      s += a[next(i, a.length)] * t[next(i, a.length)];",
      "      s += w * (double) next(i, a.length) * a[i];",
      "      double[] row = M[next(i, M.length)];",
      "      s += row[0] * row[1];",
      "      double[] chosen = c ? M[next(i, M.length)] : a;",
      "      s += chosen[1] * w;",
      "    }",
      "    return s + a[next(1, a.length)] * w;",
      "  }",
      "}");

  @ParameterizedTest(name = "analyses={0}")
  @ValueSource(strings = {"on", "off"})
  void helperRunsAsOftenAsInTheUsersMethodAndGradientIsRight(String analyses) throws Exception {
    Compiled compiled = InProcessCompiler.create()
        .withOptions("-Aadjoint.analyses=" + analyses)
        .compile(new JavaSource(CLASS, SOURCE));
    AdjointMethod f = compiled.method(CLASS, "f");
    Field calls = compiled.loadClass(CLASS).getDeclaredField("calls");
    calls.setAccessible(true);
    for (boolean c : new boolean[] {true, false}) {
      double[] a = {0.5, -1.25, 2, 0.75};
      double[][] m = {{1, -0.5}, {0.25, 2}, {-1.5, 0.5}};
      double w = 0.8;

      calls.setInt(null, 0);
      double value = f.call(a, m, w, c);
      int primalCalls = calls.getInt(null);

      calls.setInt(null, 0);
      Object[] record = f.recordComponentValues(a, m, w, c);
      assertEquals(primalCalls, calls.getInt(null), "record call");
      assertEquals(value, (double) record[0], 1e-12);

      calls.setInt(null, 0);
      double[] grad = new double[1];
      double[] aBar = new double[a.length];
      double[][] mBar = new double[m.length][2];
      double pulled = f.pullbackWith(new Object[] {a, m, w, c}, 1.0,
          new Class<?>[] {double[].class, double[].class, double[][].class}, grad, aBar, mBar);
      assertEquals(primalCalls, calls.getInt(null), "pullback");
      assertEquals(value, pulled, 1e-12);

      // Finite differences of the user's method, the counter starting from zero each time.
      double h = 1e-6;
      double[] dA = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        double[] up = a.clone();
        double[] down = a.clone();
        up[i] += h;
        down[i] -= h;
        calls.setInt(null, 0);
        double fUp = f.call(up, m, w, c);
        calls.setInt(null, 0);
        dA[i] = (fUp - f.call(down, m, w, c)) / (2 * h);
      }
      calls.setInt(null, 0);
      double fUp = f.call(a, m, w + h, c);
      calls.setInt(null, 0);
      double dW = (fUp - f.call(a, m, w - h, c)) / (2 * h);
      double[][] dM = new double[m.length][2];
      for (int i = 0; i < m.length; i++) {
        for (int j = 0; j < 2; j++) {
          double[][] up = {m[0].clone(), m[1].clone(), m[2].clone()};
          double[][] down = {m[0].clone(), m[1].clone(), m[2].clone()};
          up[i][j] += h;
          down[i][j] -= h;
          calls.setInt(null, 0);
          double mUp = f.call(a, up, w, c);
          calls.setInt(null, 0);
          dM[i][j] = (mUp - f.call(a, down, w, c)) / (2 * h);
        }
      }
      assertArrayEquals(dA, (double[]) record[1], 1e-6, "dA, c=" + c);
      assertArrayEquals(dA, aBar, 1e-6, "aBar, c=" + c);
      for (int i = 0; i < m.length; i++) {
        assertArrayEquals(dM[i], ((double[][]) record[2])[i], 1e-6, "dM, c=" + c);
        assertArrayEquals(dM[i], mBar[i], 1e-6, "mBar, c=" + c);
      }
      assertEquals(dW, (double) record[3], 1e-6, "dW, c=" + c);
      assertEquals(dW, grad[0], 1e-6, "grad[0], c=" + c);
    }
  }
}
