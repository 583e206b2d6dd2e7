package dev.adjoint.processor.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward mode: {@code fJvp} against central differences along the direction, and the
 * dot-product test (Tapenade's validation) against reverse mode, ⟨J u, w⟩ = ⟨u, Jᵀ w⟩ to
 * 1e-12 relative, at random points, for scalars, the Math rules, branches, loops, arrays and a
 * {@code double[]} result.
 */
class JvpTest {
  static Tangent tangent(String name, String spec) {
    return new Tangent(ForwardSources.compiled(), "adjtest.forward.Cases", name, spec, 7);
  }

  static double[] random(Random r, int n, double lo, double hi) {
    return r.doubles(n, lo, hi).toArray();
  }

  @ParameterizedTest
  @MethodSource("dev.adjoint.processor.forward.ForwardSources#scalarCases")
  void jvpIsTheDirectionalDerivative(String name, String spec, double lo, double hi) {
    Tangent f = tangent(name, spec);
    Random r = new Random(name.hashCode());
    for (int trial = 0; trial < 5; trial++) {
      double[] t = random(r, f.n, lo, hi);
      double[] u = random(r, f.n, -1, 1);
      double jvp = f.jvp(t, u);
      double h = 1e-6;
      double fd = (f.value(axpy(t, h, u)) - f.value(axpy(t, -h, u))) / (2 * h);
      assertEquals(fd, jvp, 1e-6 * Math.max(1, Math.abs(fd)), name + " against differences");
      // Dot-product test: ⟨J u, w⟩ from forward mode, ⟨u, Jᵀ w⟩ from reverse.
      double w = r.nextDouble() * 2 - 1;
      double forward = jvp * w;
      double reverse = Tangent.dot(u, f.gradient(t)) * w;
      assertEquals(reverse, forward, 1e-12 * Math.max(1e-3, Math.abs(reverse)),
          name + " dot-product test");
    }
  }

  @ParameterizedTest
  @CsvSource({"vector, v4 d"})
  void vectorJvpPassesTheDotProductTest(String name, String spec) {
    Tangent f = tangent(name, spec);
    Random r = new Random(3);
    for (int trial = 0; trial < 5; trial++) {
      double[] t = random(r, f.n, -1, 1);
      double[] u = random(r, f.n, -1, 1);
      int m = f.vectorValue(t).length;
      double[] ju = f.vectorJvp(t, u, m);
      double h = 1e-6;
      double[] plus = f.vectorValue(axpy(t, h, u));
      double[] minus = f.vectorValue(axpy(t, -h, u));
      for (int i = 0; i < m; i++) {
        double fd = (plus[i] - minus[i]) / (2 * h);
        assertEquals(fd, ju[i], 1e-6 * Math.max(1, Math.abs(fd)), name + "[" + i + "]");
      }
      double[] w = random(r, m, -1, 1);
      double forward = Tangent.dot(ju, w);
      double reverse = Tangent.dot(u, f.vectorPullback(t, w));
      assertEquals(reverse, forward, 1e-12 * Math.max(1e-3, Math.abs(reverse)),
          name + " dot-product test");
    }
  }

  static double[] axpy(double[] t, double h, double[] u) {
    double[] out = t.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += h * u[i];
    }
    return out;
  }
}
