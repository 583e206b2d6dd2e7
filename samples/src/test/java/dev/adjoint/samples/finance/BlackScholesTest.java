package dev.adjoint.samples.finance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated greeks against the closed forms and finite differences at random contracts. */
class BlackScholesTest {

  @Test
  void greeksMatchTheClosedForms() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      double s = 50 + 100 * r.nextDouble();
      double k = 50 + 100 * r.nextDouble();
      double t = 0.1 + 2 * r.nextDouble();
      double rate = 0.1 * r.nextDouble();
      double sigma = 0.05 + 0.5 * r.nextDouble();
      var g = BlackScholesAdjoint.callPrice(s, k, t, rate, sigma);
      var exact = BlackScholes.Greeks.closedForm(s, k, t, rate, sigma);
      assertEquals(BlackScholes.callPrice(s, k, t, rate, sigma), g.value(), 0);
      close(exact.delta(), g.dSpot(), "delta");
      close(exact.vega(), g.dVolatility(), "vega");
      close(exact.rho(), g.dRate(), "rho");
      close(exact.dMaturity(), g.dMaturity(), "dC/dT");
      double[] point = {s, t, rate, sigma};
      double error = GradientCheck.maxRelativeError(
          p -> BlackScholes.callPrice(p[0], k, p[1], p[2], p[3]), point, g.gradient());
      assertTrue(error < 1e-6, "finite differences: " + error);
    }
  }

  @Test
  void normCdfIsAccurate() {
    assertEquals(0.5, BlackScholes.normCdf(0), 1e-16);
    assertEquals(0.8413447460685429, BlackScholes.normCdf(1), 1e-15);
    assertEquals(0.022750131948179195, BlackScholes.normCdf(-2), 1e-15);
    assertEquals(0.9986501019683699, BlackScholes.normCdf(3), 1e-15);
  }

  @Test
  void runPrintsEveryGreek() {
    List<String> lines = new ArrayList<>();
    BlackScholes.run(lines::add);
    assertEquals(5, lines.size(), String.join("\n", lines));
    for (String greek : List.of("delta", "vega", "rho", "theta")) {
      assertTrue(lines.stream().anyMatch(l -> l.contains(greek)), greek);
    }
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)), what);
  }
}
