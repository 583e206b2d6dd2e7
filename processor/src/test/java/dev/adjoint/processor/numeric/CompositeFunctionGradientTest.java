package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.signed;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Realistic functions, each written twice: as Java for the processor and with DerivativeStructure. */
class CompositeFunctionGradientTest {

  private static final int POINTS = 6;

  static final GradientCase[] CASES = {
    GradientCase.of("rosenbrock", "double x, double y",
            """
            double a = 1 - x;
            double b = y - x * x;
            return a * a + 100 * b * b;""")
        .oracle(d -> d.c(1).subtract(d.v("x")).square()
            .add(d.v("y").subtract(d.v("x").square()).square().multiply(100)))
        .at(-1.2, 1.0)
        .at(1.0, 1.0)
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -1, 3))),
    GradientCase.of("rosenbrock3", "double x0, double x1, double x2",
            """
            double s = 0;
            double t = x1 - x0 * x0;
            s += 100 * t * t + (1 - x0) * (1 - x0);
            t = x2 - x1 * x1;
            s += 100 * t * t + (1 - x1) * (1 - x1);
            return s;""")
        .oracle(d -> {
          DerivativeStructure x0 = d.v("x0");
          DerivativeStructure x1 = d.v("x1");
          DerivativeStructure x2 = d.v("x2");
          return x1.subtract(x0.square()).square().multiply(100).add(x0.negate().add(1).square())
              .add(x2.subtract(x1.square()).square().multiply(100))
              .add(x1.negate().add(1).square());
        })
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2))),
    GradientCase.of("logisticLeastSquares", "double w, double b, double x, double t, double lambda",
            """
            double z = w * x + b;
            double y = 1 / (1 + Math.exp(-z));
            double L = 0.5 * (y - t) * (y - t);
            double R = 0.5 * w * w;
            return L + lambda * R;""")
        .wrt("w", "b")
        .oracle(d -> {
          DerivativeStructure z = d.v("w").multiply(d.x("x")).add(d.v("b"));
          DerivativeStructure y = z.negate().exp().add(1).reciprocal();
          return y.subtract(d.x("t")).square().multiply(0.5)
              .add(d.v("w").square().multiply(0.5 * d.x("lambda")));
        })
        .at(0.4, -0.3, 1.5, 1.0, 0.1)
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2),
            r.nextBoolean() ? 1.0 : 0.0, u(r, 0, 1))),
    GradientCase.of("logisticLossL2", "double w1, double w2, double b, double x1, double x2,"
                + " int label, double lambda",
            """
            double z = w1 * x1 + w2 * x2 + b;
            double m = label * z;
            double loss = 0;
            if (m > 0) {
              loss = Math.log1p(Math.exp(-m));
            } else {
              loss = -m + Math.log1p(Math.exp(m));
            }
            return loss + 0.5 * lambda * (w1 * w1 + w2 * w2);""")
        .wrt("w1", "w2", "b")
        .oracle(d -> {
          DerivativeStructure z = d.v("w1").multiply(d.x("x1")).add(d.v("w2").multiply(d.x("x2")))
              .add(d.v("b"));
          DerivativeStructure m = z.multiply(d.i("label"));
          DerivativeStructure loss = m.negate().exp().log1p(); // same function on both branches
          return loss.add(d.v("w1").square().add(d.v("w2").square())
              .multiply(0.5 * d.x("lambda")));
        })
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -1, 1), u(r, -2, 2),
            u(r, -2, 2), r.nextBoolean() ? 1 : -1, u(r, 0.01, 1)))
        .at(3.0, 2.0, 1.0, 2.0, 1.0, 1, 0.1)
        .at(3.0, 2.0, 1.0, 2.0, 1.0, -1, 0.1),
    GradientCase.of("softplus", "double x",
            "return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));")
        .oracle(d -> d.v("x").exp().log1p())
        .random(POINTS, r -> args(signed(r, 0.05, 20)))
        .at(30.0)
        .at(-30.0),
    GradientCase.of("gaussianLogDensity", "double x, double mu, double sigma",
            """
            double z = (x - mu) / sigma;
            return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);""")
        .oracle(d -> {
          DerivativeStructure z = d.v("x").subtract(d.v("mu")).divide(d.v("sigma"));
          return z.square().multiply(-0.5).subtract(d.v("sigma").log())
              .subtract(0.5 * Math.log(2 * Math.PI));
        })
        .random(POINTS, r -> args(u(r, -5, 5), u(r, -2, 2), u(r, 0.3, 4))),
    GradientCase.of("asymmetricHuber", "double prediction, double target, double delta,"
                + " double under",
            """
            double r = prediction - target;
            double weight = r < 0 ? under : 1.0;
            if (r > delta) {
              return weight * delta * (r - 0.5 * delta);
            } else if (r < -delta) {
              return -weight * delta * (r + 0.5 * delta);
            } else {
              return weight * 0.5 * r * r;
            }""")
        .oracle(d -> {
          DerivativeStructure r = d.v("prediction").subtract(d.v("target"));
          DerivativeStructure delta = d.v("delta");
          DerivativeStructure weight = r.getValue() < 0 ? d.v("under") : d.c(1.0);
          if (r.getValue() > delta.getValue()) {
            return weight.multiply(delta).multiply(r.subtract(delta.multiply(0.5)));
          } else if (r.getValue() < -delta.getValue()) {
            return weight.negate().multiply(delta).multiply(r.add(delta.multiply(0.5)));
          }
          return weight.multiply(0.5).multiply(r.square());
        })
        .at(2.0, 3.5, 1.0, 4.0) // r < -delta
        .at(5.0, 3.5, 1.0, 4.0) // r > delta
        .at(3.0, 3.5, 1.0, 4.0) // |r| <= delta, r < 0
        .at(3.8, 3.5, 1.0, 4.0), // |r| <= delta, r > 0
    GradientCase.of("smoothstep", "double t, double a, double b",
            """
            if (t <= 0) {
              return a;
            }
            if (t >= 1) {
              return b;
            }
            double s = t * t * (3 - 2 * t);
            return a + (b - a) * s;""")
        .oracle(d -> {
          DerivativeStructure t = d.v("t");
          if (t.getValue() <= 0) {
            return d.v("a").add(t.multiply(0));
          }
          if (t.getValue() >= 1) {
            return d.v("b").add(t.multiply(0));
          }
          DerivativeStructure s = t.square().multiply(t.multiply(-2).add(3));
          return d.v("a").add(d.v("b").subtract(d.v("a")).multiply(s));
        })
        .at(-0.5, 1.0, 3.0)
        .at(0.3, 1.0, 3.0)
        .at(0.8, -1.0, 3.0)
        .at(1.5, 1.0, 3.0),
    GradientCase.of("logSumExp3", "double a, double b, double c",
            """
            double m = Math.max(Math.max(a, b), c);
            return m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));""")
        .oracle(d -> d.v("a").exp().add(d.v("b").exp()).add(d.v("c").exp()).log())
        .random(POINTS, r -> args(u(r, -5, 5), u(r, -5, 5), u(r, -5, 5))),
    GradientCase.of("haversine", "double lat1, double lon1, double lat2, double lon2",
            """
            double dLat = (lat2 - lat1) / 2;
            double dLon = (lon2 - lon1) / 2;
            double h = Math.sin(dLat) * Math.sin(dLat)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon) * Math.sin(dLon);
            return 2 * 6371.0 * Math.asin(Math.sqrt(h));""")
        .oracle(d -> {
          DerivativeStructure dLat = d.v("lat2").subtract(d.v("lat1")).divide(2);
          DerivativeStructure dLon = d.v("lon2").subtract(d.v("lon1")).divide(2);
          DerivativeStructure h = dLat.sin().square()
              .add(d.v("lat1").cos().multiply(d.v("lat2").cos()).multiply(dLon.sin().square()));
          return h.sqrt().asin().multiply(2 * 6371.0);
        })
        .random(POINTS, r -> args(u(r, -1.2, 1.2), u(r, -3, 3), u(r, -1.2, 1.2), u(r, -3, 3))),
    GradientCase.of("horner", "double x, double c0, double c1, double c2, double c3",
            """
            double r = c3;
            r = r * x + c2;
            r = r * x + c1;
            r = r * x + c0;
            return r;""")
        .oracle(d -> d.v("c3").multiply(d.v("x")).add(d.v("c2")).multiply(d.v("x"))
            .add(d.v("c1")).multiply(d.v("x")).add(d.v("c0")))
        .random(POINTS, r -> args(u(r, -2, 2), u(r, -2, 2), u(r, -2, 2), u(r, -2, 2),
            u(r, -2, 2))),
    GradientCase.of("michaelisMenten", "double vmax, double km, double s",
            "return vmax * s / (km + s);")
        .oracle(d -> d.v("vmax").multiply(d.v("s")).divide(d.v("km").add(d.v("s"))))
        .random(POINTS, r -> args(u(r, 0.5, 5), u(r, 0.1, 3), u(r, 0.1, 10))),
    GradientCase.of("dampedOscillator", "double t, double amplitude, double gamma, double omega,"
                + " double phase",
            "return amplitude * Math.exp(-gamma * t) * Math.cos(omega * t + phase);")
        .oracle(d -> d.v("amplitude").multiply(d.v("gamma").negate().multiply(d.v("t")).exp())
            .multiply(d.v("omega").multiply(d.v("t")).add(d.v("phase")).cos()))
        .random(POINTS, r -> args(u(r, 0, 5), u(r, 0.5, 2), u(r, 0.05, 1), u(r, 0.5, 3),
            u(r, -1, 1))),
    GradientCase.of("polarToCartesianNorm", "double r, double theta, double x0, double y0",
            """
            double x = r * Math.cos(theta) - x0;
            double y = r * Math.sin(theta) - y0;
            return Math.hypot(x, y) + Math.atan2(y, x) / 10;""")
        .oracle(d -> {
          DerivativeStructure x = d.v("r").multiply(d.v("theta").cos()).subtract(d.v("x0"));
          DerivativeStructure y = d.v("r").multiply(d.v("theta").sin()).subtract(d.v("y0"));
          return x.hypot(y).add(DerivativeStructure.atan2(y, x).divide(10));
        })
        .at(2.0, 0.7, 0.5, 0.3)
        .at(1.5, 2.0, -0.5, 0.3)
        .at(3.0, -1.0, 0.5, -0.3),
    GradientCase.of("crossEntropySoftmax3", "double a, double b, double c, int label",
            """
            double m = Math.max(a, Math.max(b, c));
            double ea = Math.exp(a - m);
            double eb = Math.exp(b - m);
            double ec = Math.exp(c - m);
            double z = ea + eb + ec;
            double picked = label == 0 ? ea : label == 1 ? eb : ec;
            return -Math.log(picked / z);""")
        .oracle(d -> {
          DerivativeStructure lse =
              d.v("a").exp().add(d.v("b").exp()).add(d.v("c").exp()).log();
          DerivativeStructure picked =
              d.i("label") == 0 ? d.v("a") : d.i("label") == 1 ? d.v("b") : d.v("c");
          return lse.subtract(picked);
        })
        .random(POINTS, r -> args(u(r, -3, 3), u(r, -3, 3), u(r, -3, 3), r.nextInt(3))),
    GradientCase.of("tanhLayer", "double w1, double w2, double b, double x1, double x2",
            """
            double h = Math.tanh(w1 * x1 + w2 * x2 + b);
            double out = 2 * h - h * h * h / 3;
            return out * out;""")
        .wrt("w1", "w2", "b")
        .oracle(d -> {
          DerivativeStructure h = d.v("w1").multiply(d.x("x1")).add(d.v("w2").multiply(d.x("x2")))
              .add(d.v("b")).tanh();
          DerivativeStructure out = h.multiply(2).subtract(h.pow(3).divide(3));
          return out.square();
        })
        .random(POINTS, r -> args(u(r, -1, 1), u(r, -1, 1), u(r, -1, 1), u(r, -2, 2),
            u(r, -2, 2))),
  };

  private static final CaseSuite SUITE = CaseSuite.of("adjtest.comp.Composite", CASES);

  @TestFactory
  Stream<DynamicNode> compositeFunctions() {
    return SUITE.tests();
  }
}
