package dev.adjoint.gradbench.gmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.gradbench.EvalRunner;
import dev.adjoint.gradbench.Numeric;
import dev.adjoint.gradbench.gmm.GmmModule.Jacobian;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GmmTest {
  /** A small input in the eval's format. */
  static Map<String, Object> input(int d, int k, int n, long seed) {
    Random random = new Random(seed);
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("d", d);
    in.put("k", k);
    in.put("n", n);
    in.put("alpha", Numeric.matrix(random, 1, k, -1, 1)[0]);
    in.put("mu", Numeric.matrix(random, k, d, -1, 1));
    in.put("q", Numeric.matrix(random, k, d, -0.5, 0.5));
    in.put("l", Numeric.matrix(random, k, d * (d - 1) / 2, -0.5, 0.5));
    in.put("x", Numeric.matrix(random, n, d, -1.5, 1.5));
    in.put("gamma", 1.3);
    in.put("m", 2);
    return in;
  }

  @Test
  void objectiveMatchesTheReference() {
    for (int d : new int[] {1, 2, 4}) {
      Map<String, Object> in = input(d, 3, 7, d);
      double value = EvalRunner.output("gmm", "objective", in).asDouble();
      assertEquals(reference(in), value, 1e-10 * Math.abs(value), "objective at d = " + d);
    }
  }

  @Test
  void jacobianMatchesFiniteDifferencesAndTheReference() {
    for (int d : new int[] {1, 2, 4}) {
      Map<String, Object> in = input(d, 3, 7, 10 + d);
      Jacobian generated = EvalRunner.as(EvalRunner.output("gmm", "jacobian", in),
          Jacobian.class);
      double[] alpha = (double[]) in.get("alpha");
      double[][] mu = (double[][]) in.get("mu");
      double[][] q = (double[][]) in.get("q");
      double[][] l = (double[][]) in.get("l");
      double[][] x = (double[][]) in.get("x");
      double[] flat = Numeric.flatten(Numeric.flatten(alpha), Numeric.flatten(mu),
          Numeric.flatten(q), Numeric.flatten(l));
      int k = alpha.length;
      double[] fd = Numeric.gradient(v -> Gmm.objective(
          java.util.Arrays.copyOf(v, k), Numeric.unflatten(v, mu, k),
          Numeric.unflatten(v, q, k + k * d), Numeric.unflatten(v, l, k + 2 * k * d),
          x, 1.3, 2), flat);
      double[] ours = Numeric.flatten(generated.alpha(), Numeric.flatten(generated.mu()),
          Numeric.flatten(generated.q()), Numeric.flatten(generated.l()));
      Numeric.assertClose(fd, ours, 1e-6, "finite differences at d = " + d);
      Jacobian expected = GmmReference.gradient(alpha, mu, q, l, x, 1.3, 2);
      Numeric.assertClose(expected.alpha(), generated.alpha(), 1e-10, "alpha at d = " + d);
      Numeric.assertClose(expected.mu(), generated.mu(), 1e-10, "mu at d = " + d);
      Numeric.assertClose(expected.q(), generated.q(), 1e-10, "q at d = " + d);
      Numeric.assertClose(expected.l(), generated.l(), 1e-10, "l at d = " + d);
    }
  }

  static double reference(Map<String, Object> in) {
    return GmmReference.value((double[]) in.get("alpha"), (double[][]) in.get("mu"),
        (double[][]) in.get("q"), (double[][]) in.get("l"), (double[][]) in.get("x"),
        ((Number) in.get("gamma")).doubleValue(), (Integer) in.get("m"));
  }
}
