package dev.adjoint.processor.numeric;

import static dev.adjoint.processor.numeric.GradientCase.args;
import static dev.adjoint.processor.numeric.GradientCase.signed;
import static dev.adjoint.processor.numeric.GradientCase.u;

import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Operators, unary minus, literals and constants; compound assignments, {@code ++}/{@code --} and
 * reassignment (also of parameters); int/long locals, promotion, integer division, casts and
 * {@code var}; long and boolean parameters.
 */
class ArithmeticGradientTest {

  private static final int POINTS = 5;

  private static Object[] xy(java.util.Random r) {
    return args(u(r, -3, 3), signed(r, 0.3, 3));
  }

  private static Object[] xyz(java.util.Random r) {
    return args(u(r, -3, 3), signed(r, 0.3, 3), signed(r, 0.3, 3));
  }

  private static final CaseSuite OPERATORS =
      CaseSuite.of(
          "adjtest.ar.Operators",
          GradientCase.of("add", "double x, double y", "return x + y;")
              .oracle(d -> d.v("x").add(d.v("y")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("sub", "double x, double y", "return x - y;")
              .oracle(d -> d.v("x").subtract(d.v("y")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("mul", "double x, double y", "return x * y;")
              .oracle(d -> d.v("x").multiply(d.v("y")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("div", "double x, double y", "return x / y;")
              .oracle(d -> d.v("x").divide(d.v("y")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("divConstNumerator", "double y", "return 3 / y;")
              .oracle(d -> d.c(3).divide(d.v("y")))
              .random(POINTS, r -> args(signed(r, 0.3, 3))),
          GradientCase.of("neg", "double x", "return -x;")
              .oracle(d -> d.v("x").negate())
              .random(POINTS, r -> args(u(r, -3, 3))),
          GradientCase.of("negExpr", "double x, double y", "return -(x * y) + -x;")
              .oracle(d -> d.v("x").multiply(d.v("y")).negate().subtract(d.v("x")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("doubleNeg", "double x, double y", "return -(-x) * y - -y;")
              .oracle(d -> d.v("x").multiply(d.v("y")).add(d.v("y")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("subLeftAssoc", "double x, double y, double z", "return x - y - z;")
              .oracle(d -> d.v("x").subtract(d.v("y")).subtract(d.v("z")))
              .random(POINTS, ArithmeticGradientTest::xyz),
          GradientCase.of("subParenthesized", "double x, double y, double z",
                  "return x - (y - z);")
              .oracle(d -> d.v("x").subtract(d.v("y").subtract(d.v("z"))))
              .random(POINTS, ArithmeticGradientTest::xyz),
          GradientCase.of("divLeftAssoc", "double x, double y, double z", "return x / y / z;")
              .oracle(d -> d.v("x").divide(d.v("y")).divide(d.v("z")))
              .random(POINTS, ArithmeticGradientTest::xyz),
          GradientCase.of("divParenthesized", "double x, double y, double z",
                  "return x / (y / z);")
              .oracle(d -> d.v("x").divide(d.v("y").divide(d.v("z"))))
              .random(POINTS, ArithmeticGradientTest::xyz),
          GradientCase.of("precedence", "double x, double y, double z",
                  "return x + y * z - x / z * y;")
              .oracle(d -> d.v("x").add(d.v("y").multiply(d.v("z")))
                  .subtract(d.v("x").divide(d.v("z")).multiply(d.v("y"))))
              .random(POINTS, ArithmeticGradientTest::xyz),
          GradientCase.of("sameVariable", "double x", "return x * x * x - x / x + x * (x + x);")
              .oracle(d -> d.v("x").pow(3).subtract(1).add(d.v("x").square().multiply(2)))
              .random(POINTS, r -> args(signed(r, 0.3, 3))),
          GradientCase.of("quotientOfSums", "double x, double y",
                  "return (x + y) / (x * x + y * y + 1);")
              .oracle(d -> d.v("x").add(d.v("y"))
                  .divide(d.v("x").square().add(d.v("y").square()).add(1)))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("literals", "double x, double y",
                  "return 2 * x + 0.5 * y - 1e-3 * x * y + .25 + 3. * y + 0x10 * x"
                      + " + 1_000 * y / 1e3 + 2.5e1 * x + x * 3L;")
              .oracle(d -> d.v("x").multiply(2).add(d.v("y").multiply(0.5))
                  .subtract(d.v("x").multiply(1e-3).multiply(d.v("y"))).add(0.25)
                  .add(d.v("y").multiply(3)).add(d.v("x").multiply(16))
                  .add(d.v("y").multiply(1000).divide(1e3)).add(d.v("x").multiply(25))
                  .add(d.v("x").multiply(3)))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("piAndE", "double x, double y",
                  "return Math.PI * x * x + Math.E * y - Math.sin(Math.PI * y);")
              .oracle(d -> d.v("x").square().multiply(Math.PI).add(d.v("y").multiply(Math.E))
                  .subtract(d.v("y").multiply(Math.PI).sin()))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("strictConstants", "double x",
                  "return StrictMath.PI * x + StrictMath.E * x * x;")
              .oracle(d -> d.v("x").multiply(StrictMath.PI)
                  .add(d.v("x").square().multiply(StrictMath.E)))
              .random(POINTS, r -> args(u(r, -3, 3))),
          GradientCase.of("constantResult", "double x, double y", "return 4.0;")
              .oracle(d -> d.c(4.0).add(d.v("x").multiply(0)))
              .at(1.0, 2.0),
          GradientCase.of("identity", "double x, double y", "return y;")
              .oracle(d -> d.v("y"))
              .at(1.0, 2.0)
              .at(-3.0, 0.5));

  static final CaseSuite ASSIGNMENTS =
      CaseSuite.of(
          "adjtest.ar.Assignments",
          GradientCase.of("compound", "double x, double y",
                  """
                  double r = x;
                  r += y;
                  r -= 2 * x;
                  r *= y;
                  r /= (1 + x * x);
                  return r;""")
              .oracle(d -> {
                DerivativeStructure x = d.v("x");
                DerivativeStructure y = d.v("y");
                return x.add(y).subtract(x.multiply(2)).multiply(y).divide(x.square().add(1));
              })
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("compoundSelfReferencing", "double x, double y",
                  """
                  double r = x * y;
                  r += Math.sin(r);
                  r *= r;
                  r -= x;
                  r /= y;
                  return r;""")
              .oracle(d -> {
                DerivativeStructure r = d.v("x").multiply(d.v("y"));
                r = r.add(r.sin());
                r = r.multiply(r);
                r = r.subtract(d.v("x"));
                return r.divide(d.v("y"));
              })
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("compoundOnParameters", "double x, double y",
                  """
                  x *= x;
                  x += y;
                  x /= y;
                  x -= 1;
                  y *= 3;
                  return x * y;""")
              .oracle(d -> d.v("x").square().add(d.v("y")).divide(d.v("y")).subtract(1)
                  .multiply(d.v("y").multiply(3)))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("increments", "double x, double y",
                  """
                  double r = x;
                  r++;
                  r *= r;
                  r--;
                  ++r;
                  --r;
                  --r;
                  r *= y;
                  return r;""")
              .oracle(d -> d.v("x").add(1).square().subtract(2).multiply(d.v("y")))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("incrementParameters", "double x, double y",
                  """
                  x++;
                  y--;
                  ++x;
                  return x * y;""")
              .oracle(d -> d.v("x").add(2).multiply(d.v("y").subtract(1)))
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("reassignParameter", "double x",
                  """
                  x = x * x;
                  x = Math.sin(x) + x;
                  return x;""")
              .oracle(d -> d.v("x").square().sin().add(d.v("x").square()))
              .random(POINTS, r -> args(u(r, -2, 2))),
          GradientCase.of("reassignParametersCrosswise", "double x, double y",
                  """
                  double t = x;
                  x = x * y;
                  y = t + y;
                  x = x - y;
                  return x * y;""")
              .oracle(d -> {
                DerivativeStructure x1 = d.v("x").multiply(d.v("y"));
                DerivativeStructure y1 = d.v("x").add(d.v("y"));
                return x1.subtract(y1).multiply(y1);
              })
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("reassignLocalChain", "double x, double y",
                  """
                  double r = 1;
                  r = r * x;
                  r = r * x;
                  r = r + y * r;
                  r = Math.exp(r / 10) * r;
                  return r;""")
              .oracle(d -> {
                DerivativeStructure r = d.v("x").square();
                r = r.add(d.v("y").multiply(r));
                return r.divide(10).exp().multiply(r);
              })
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("overwriteAfterUse", "double x, double y",
                  """
                  double a = x * y;
                  double b = a * a;
                  a = Math.cos(b);
                  b = a + b * x;
                  return a * b;""")
              .oracle(d -> {
                DerivativeStructure a = d.v("x").multiply(d.v("y"));
                DerivativeStructure b = a.square();
                DerivativeStructure a2 = b.cos();
                return a2.multiply(a2.add(b.multiply(d.v("x"))));
              })
              .random(POINTS, r -> args(u(r, -1.2, 1.2), u(r, -1.2, 1.2))),
          GradientCase.of("resultTemplatesOverwritten", "double x, double y",
                  """
                  double t = Math.exp(x);
                  t = t * y;
                  double u = Math.tan(y);
                  u = u + x;
                  double q = x / y;
                  q = q * q;
                  double s = Math.sqrt(x * x + 1);
                  s = s * 3;
                  return t + u + q + s;""")
              .oracle(d -> d.v("x").exp().multiply(d.v("y")).add(d.v("y").tan()).add(d.v("x"))
                  .add(d.v("x").divide(d.v("y")).square())
                  .add(d.v("x").square().add(1).sqrt().multiply(3)))
              .at(0.5, 0.7)
              .at(-1.1, -0.4),
          GradientCase.of("selfResultChain", "double x",
                  """
                  x = Math.exp(x);
                  x = Math.sqrt(x);
                  x = Math.tanh(x);
                  x = Math.cbrt(x);
                  x = Math.expm1(x);
                  return x;""")
              .oracle(d -> d.v("x").exp().sqrt().tanh().cbrt().expm1())
              .at(0.5)
              .at(-1.5),
          GradientCase.of("divisorOverwritten", "double x, double y",
                  """
                  double q = x / y;
                  y = y * 2;
                  return q + y;""")
              .oracle(d -> d.v("x").divide(d.v("y")).add(d.v("y").multiply(2)))
              .at(0.5, 0.7),
          GradientCase.of("powArgumentsOverwritten", "double x, double y",
                  """
                  double p = Math.pow(x, y);
                  x = p * 2;
                  y = x + y;
                  return p * y;""")
              .oracle(d -> {
                DerivativeStructure p = d.v("x").pow(d.v("y"));
                return p.multiply(p.multiply(2).add(d.v("y")));
              })
              .at(0.5, 0.7)
              .at(1.7, -1.2),
          GradientCase.of("hypotResultOverwritten", "double x, double y",
                  """
                  double h = Math.hypot(x, y);
                  h = h * h * x;
                  x = h;
                  return x + h;""")
              .oracle(d -> d.v("x").hypot(d.v("y")).square().multiply(d.v("x")).multiply(2))
              .at(0.5, 0.7),
          GradientCase.of("atan2ArgumentsOverwritten", "double y, double x",
                  """
                  double a = Math.atan2(y, x);
                  y = a * x;
                  x = y - x;
                  return a * x + y;""")
              .oracle(d -> {
                DerivativeStructure a = DerivativeStructure.atan2(d.v("y"), d.v("x"));
                DerivativeStructure y1 = a.multiply(d.v("x"));
                return a.multiply(y1.subtract(d.v("x"))).add(y1);
              })
              .at(0.5, 0.7)
              .at(0.5, -0.7),
          GradientCase.of("reciprocalsOverwritten", "double x, double y",
                  """
                  double r = 1 / y;
                  double s = 1.0 / (x * y);
                  r = r * s;
                  s = 2 / s;
                  y = 1 / r;
                  return r + s + y;""")
              .oracle(d -> {
                DerivativeStructure r = d.v("y").reciprocal();
                DerivativeStructure s = d.v("x").multiply(d.v("y")).reciprocal();
                r = r.multiply(s);
                s = s.reciprocal().multiply(2);
                return r.add(s).add(r.reciprocal());
              })
              .at(0.5, 0.7)
              .at(-1.3, 0.4),
          GradientCase.of("subtractSelfNegated", "double x", "x -= -x;\nreturn x * x;")
              .oracle(d -> d.v("x").multiply(2).square())
              .at(1.5),
          GradientCase.of("sameCallTwice", "double x",
                  "return Math.sin(x) * Math.sin(x) + Math.exp(x) / Math.exp(x);")
              .oracle(d -> d.v("x").sin().square().add(1))
              .at(1.5),
          GradientCase.of("unusedLocal", "double x, double y",
                  """
                  double unused = Math.exp(x * y);
                  double used = x - y;
                  return used * used;""")
              .oracle(d -> d.v("x").subtract(d.v("y")).square())
              .random(POINTS, ArithmeticGradientTest::xy));

  private static final CaseSuite INTEGERS =
      CaseSuite.of(
          "adjtest.ar.Integers",
          GradientCase.of("intLocalPromotion", "double x, int n",
                  """
                  int k = n * 2 + 1;
                  double r = x * k;
                  return r / n;""")
              .oracle(d -> d.v("x").multiply(2 * d.i("n") + 1).divide(d.i("n")))
              .random(POINTS, r -> args(u(r, -3, 3), 1 + r.nextInt(6))),
          GradientCase.of("intDivision", "double x, double y, int n",
                  """
                  int k = n / 2;
                  return x * k + y / (k + 1);""")
              .oracle(d -> d.v("x").multiply(d.i("n") / 2).add(d.v("y").divide(d.i("n") / 2 + 1)))
              .at(1.5, 2.0, 5)
              .at(1.5, 2.0, 4)
              .at(-0.5, 3.0, 7)
              .at(2.5, -1.0, -5)
              .at(0.7, 0.9, 1),
          GradientCase.of("intDivisionInline", "double x, double y, int n",
                  "return x * (n / 2) + y * (n / 2.0) + x * y / n;")
              .oracle(d -> d.v("x").multiply(d.i("n") / 2).add(d.v("y").multiply(d.i("n") / 2.0))
                  .add(d.v("x").multiply(d.v("y")).divide(d.i("n"))))
              .at(1.5, 2.0, 5)
              .at(-1.5, 0.5, 3)
              .at(2.0, 1.0, -7),
          GradientCase.of("intOverflow", "double x, int n",
                  """
                  int k = n * 1000000;
                  return x * k;""")
              .oracle(d -> d.v("x").multiply(d.i("n") * 1000000))
              .at(1.5, 5000)
              .at(-0.5, 3),
          GradientCase.of("intIncrements", "double x, int n",
                  """
                  int k = n;
                  k++;
                  k += 2;
                  k *= 3;
                  k--;
                  k /= 2;
                  return x * k;""")
              .oracle(d -> d.v("x").multiply(((d.i("n") + 3) * 3 - 1) / 2))
              .at(1.5, 2)
              .at(-2.5, 4)
              .at(0.5, -7),
          GradientCase.of("doubleTimesIntCompound", "double x, int n",
                  """
                  double r = x;
                  r *= n;
                  r += n / 2;
                  r -= x * n;
                  r += x * x;
                  return r;""")
              .oracle(d -> d.v("x").square().add(d.i("n") / 2))
              .at(1.5, 5)
              .at(-0.5, 3),
          GradientCase.of("longParam", "double x, double y, long m",
                  """
                  long q = m * 3;
                  return x * q + y / m + x * (m / 4);""")
              .oracle(d -> d.v("x").multiply(d.l("m") * 3).add(d.v("y").divide(d.l("m")))
                  .add(d.v("x").multiply(d.l("m") / 4)))
              .at(1.5, 2.0, 7L)
              .at(-1.0, 0.5, 10_000_000_000L)
              .at(0.25, -3.0, -9L),
          GradientCase.of("booleanParam", "double x, double y, boolean flag",
                  "return flag ? x * y : x - y;")
              .oracle(d -> d.b("flag") ? d.v("x").multiply(d.v("y")) : d.v("x").subtract(d.v("y")))
              .at(1.5, 2.0, true)
              .at(1.5, 2.0, false),
          GradientCase.of("booleanParamIf", "boolean flag, double x, double y",
                  """
                  if (flag) {
                    x = x * x;
                  }
                  if (!flag) {
                    y = y * 3;
                  }
                  return x + y;""")
              .oracle(d -> d.b("flag") ? d.v("x").square().add(d.v("y"))
                  : d.v("x").add(d.v("y").multiply(3)))
              .at(true, 1.5, 2.0)
              .at(false, 1.5, 2.0),
          GradientCase.of("castDoubleToInt", "double x, double y",
                  """
                  int k = (int) (x * 3);
                  return k * y + x;""")
              .oracle(d -> d.v("y").multiply((int) (d.x("x") * 3)).add(d.v("x")))
              .at(1.1, 2.0)
              .at(-1.1, 2.0)
              .at(2.9, -0.5),
          GradientCase.of("castDoubleToLong", "double x, double y",
                  """
                  long m = (long) (x * 10);
                  return m + x * y;""")
              .oracle(d -> d.v("x").multiply(d.v("y")).add((long) (d.x("x") * 10)))
              .at(1.234, 2.0)
              .at(-0.987, 2.0),
          GradientCase.of("castIntToDouble", "double x, int n",
                  """
                  double r = (double) n / 4;
                  double s = (double) (n / 4);
                  return x * r + x * x * s;""")
              .oracle(d -> d.v("x").multiply(d.i("n") / 4.0)
                  .add(d.v("x").square().multiply(d.i("n") / 4)))
              .at(1.5, 5)
              .at(-0.5, 9),
          GradientCase.of("castDoubleToDouble", "double x, long m",
                  "return (double) x * (double) m + (double) (x * x);")
              .oracle(d -> d.v("x").multiply(d.l("m")).add(d.v("x").square()))
              .at(1.5, 3L)
              .at(-2.5, -4L),
          GradientCase.of("castIntToLong", "double x, int n",
                  """
                  long m = (long) n * 3000000000L;
                  return x * m / 1e9;""")
              .oracle(d -> d.v("x").multiply((long) d.i("n") * 3000000000L).divide(1e9))
              .at(1.5, 2)
              .at(-0.5, -3),
          GradientCase.of("varLocals", "double x, double y",
                  """
                  var a = x * y;
                  var b = 2;
                  var c = a / b + x;
                  return c * a;""")
              .oracle(d -> {
                DerivativeStructure a = d.v("x").multiply(d.v("y"));
                return a.divide(2).add(d.v("x")).multiply(a);
              })
              .random(POINTS, ArithmeticGradientTest::xy),
          GradientCase.of("varInt", "double x, int n",
                  """
                  var k = n / 3;
                  var r = k * x;
                  r += k;
                  return r * x;""")
              .oracle(d -> d.v("x").multiply(d.i("n") / 3).add(d.i("n") / 3).multiply(d.v("x")))
              .at(1.5, 7)
              .at(-1.5, 8),
          GradientCase.of("intRemainder", "double x, int n",
                  """
                  int r = n % 3;
                  long q = (long) n % 4L;
                  return x * r + x * x * q;""")
              .oracle(d -> d.v("x").multiply(d.i("n") % 3)
                  .add(d.v("x").square().multiply((long) d.i("n") % 4L)))
              .at(1.5, 7)
              .at(1.5, -7)
              .at(-0.5, 9),
          GradientCase.of("intCompoundWithDouble", "double x, int n",
                  """
                  int k = n;
                  k *= x;
                  k += x * 2;
                  return k * x + x;""")
              .oracle(d -> {
                int k = (int) (d.i("n") * d.x("x"));
                k = (int) (k + d.x("x") * 2);
                return d.v("x").multiply(k).add(d.v("x"));
              })
              .at(1.7, 3)
              .at(-2.3, 4),
          GradientCase.of("longCompoundWithDouble", "double x, long m",
                  """
                  long k = m;
                  k += x * 10;
                  return k + x * x;""")
              .oracle(d -> d.v("x").square().add((long) (d.l("m") + d.x("x") * 10)))
              .at(1.77, 3L)
              .at(-1.77, 3L),
          GradientCase.of("intOverloadsOfMath", "double x, int n, long m",
                  """
                  int a = Math.abs(n);
                  int b = Math.max(n, 2);
                  long c = Math.min(m, 5L);
                  long e = Math.abs(m);
                  return x * a + x * x * b + c * x + e;""")
              .oracle(d -> d.v("x").multiply(Math.abs(d.i("n")))
                  .add(d.v("x").square().multiply(Math.max(d.i("n"), 2)))
                  .add(d.v("x").multiply(Math.min(d.l("m"), 5L))).add(Math.abs(d.l("m"))))
              .at(1.5, -3, 7L)
              .at(-0.5, 4, -9L),
          GradientCase.of("absOfMinValues", "double x, int n, long m",
                  "return x * Math.abs(n) / 1e9 + Math.abs(m) / 1e18 * x;")
              .oracle(d -> d.v("x").multiply(Math.abs(d.i("n")) / 1e9)
                  .add(d.v("x").multiply(Math.abs(d.l("m")) / 1e18)))
              .at(1.5, Integer.MIN_VALUE, Long.MIN_VALUE)
              .at(1.5, -7, -7_000_000_000_000_000_000L),
          GradientCase.of("mathOfIntArgument", "double x, int n",
                  "return x * Math.sqrt(n / 2) + Math.exp(n) / 100 * x;")
              .oracle(d -> d.v("x").multiply(Math.sqrt(d.i("n") / 2))
                  .add(d.v("x").multiply(Math.exp(d.i("n")) / 100)))
              .at(1.5, 5)
              .at(-1.5, 8),
          GradientCase.of("ternaryNumericPromotion", "double x, int n",
                  """
                  double r = n > 0 ? n / 2 : x;
                  return r * x;""")
              .oracle(d -> (d.i("n") > 0 ? d.c(d.i("n") / 2) : d.v("x")).multiply(d.v("x")))
              .at(1.5, 5)
              .at(1.5, -5),
          GradientCase.of("returnIntExpression", "double x, int n",
                  """
                  if (x > 0) {
                    return n / 2;
                  }
                  return x;""")
              .oracle(d -> d.x("x") > 0 ? d.c(d.i("n") / 2).add(d.v("x").multiply(0)) : d.v("x"))
              .at(1.5, 5)
              .at(-1.5, 5),
          GradientCase.of("constantIntArithmetic", "double x",
                  "return 1 / 2 * x + 3 / 2 * x * x + 7 / 2.0 * x;")
              .oracle(d -> d.v("x").square().add(d.v("x").multiply(3.5)))
              .at(1.5),
          GradientCase.of("intMinAndNegation", "double x, int n",
                  """
                  int k = -2147483648;
                  int j = -n;
                  return x * k / 1e9 + x * j;""")
              .oracle(d -> d.v("x").multiply(-2147483648).divide(1e9).add(d.v("x").multiply(-d.i("n"))))
              .at(1.5, Integer.MIN_VALUE)
              .at(1.5, 3),
          GradientCase.of("narrowingCasts", "double x, long m",
                  """
                  int k = (int) m;
                  int s = (int) (x * 1e10);
                  return k * x + s / 1e9;""")
              .oracle(d -> d.v("x").multiply((int) d.l("m")).add((int) (d.x("x") * 1e10) / 1e9))
              .at(1.5, 5_000_000_000L)
              .at(-1.5, 7L),
          GradientCase.of("intParamOnly", "int n, double x", "return n * x * x - n;")
              .oracle(d -> d.v("x").square().multiply(d.i("n")).subtract(d.i("n")))
              .at(3, 1.5)
              .at(-2, 0.25));

  private static final CaseSuite SYNTAX =
      CaseSuite.of(
          "adjtest.ar.Syntax",
          GradientCase.of("radixLiterals", "double x",
                  "return x * 010 + 0b101 * x * x + 0x1.8p1 * x + 0XFF * x + 1_0L * x;")
              .oracle(d -> d.v("x").multiply(8).add(d.v("x").square().multiply(5))
                  .add(d.v("x").multiply(3)).add(d.v("x").multiply(255)).add(d.v("x").multiply(10)))
              .at(1.5),
          GradientCase.of("extremeLiterals", "double x",
                  "return x * -0.0 + x * 1.7976931348623157e308 / 1e308"
                      + " + x * 2.2250738585072014E-308 * 1e308;")
              .oracle(d -> d.v("x").multiply(1.7976931348623157e308 / 1e308)
                  .add(d.v("x").multiply(2.2250738585072014E-308 * 1e308)))
              .at(0.5)
              .at(-0.25),
          GradientCase.of("unaryPlus", "double x", "return +x * x - +(x * 2);")
              .oracle(d -> d.v("x").square().subtract(d.v("x").multiply(2)))
              .at(1.5),
          GradientCase.of("finalLocals", "double x",
                  """
                  final double t = x * x;
                  final int k = 3;
                  return t * x * k;""")
              .oracle(d -> d.v("x").pow(3).multiply(3))
              .at(1.5),
          GradientCase.of("multipleDeclarators", "double x, double y",
                  """
                  double a = x, b = y * a;
                  int i = 2, j = i * 3;
                  return a * b * j;""")
              .oracle(d -> d.v("x").square().multiply(d.v("y")).multiply(6))
              .at(1.5, 2.0),
          GradientCase.of("bareBlockAndEmptyStatements", "double x",
                  """
                  double r = x;
                  ;
                  {
                    double t = r * r;
                    r = t + r;
                  }
                  return r;""")
              .oracle(d -> d.v("x").square().add(d.v("x")))
              .at(1.5),
          GradientCase.of("sameNameInSiblingBlocks", "double x, double y",
                  """
                  double r = 0;
                  if (x > 0) {
                    double t = x * x;
                    r = t;
                  } else {
                    double t = y;
                    r = t * t * x;
                  }
                  {
                    double t = r * y;
                    r = r + t;
                  }
                  return r;""")
              .oracle(d -> {
                DerivativeStructure r = d.x("x") > 0 ? d.v("x").square()
                    : d.v("y").square().multiply(d.v("x"));
                return r.add(r.multiply(d.v("y")));
              })
              .at(1.5, 0.5)
              .at(-1.5, 0.5),
          GradientCase.of("sameNameDifferentTypes", "double x, int n",
                  """
                  double r = x;
                  if (n > 0) {
                    int t = n * 2;
                    r = r * t;
                  } else {
                    double t = x * x;
                    r = r + t;
                  }
                  return r;""")
              .oracle(d -> d.i("n") > 0 ? d.v("x").multiply(2 * d.i("n"))
                  : d.v("x").add(d.v("x").square()))
              .at(1.5, 2)
              .at(1.5, -1),
          GradientCase.of("selfAssignment", "double x", "x = x;\nreturn x * x;")
              .oracle(d -> d.v("x").square())
              .at(1.5),
          GradientCase.of("extraParentheses", "double x, double y",
                  "return ((((x)) * ((y + (x)))));")
              .oracle(d -> d.v("x").multiply(d.v("y").add(d.v("x"))))
              .at(1.5, -2.0));

  @TestFactory
  Stream<DynamicNode> syntaxVariants() {
    return SYNTAX.tests();
  }

  @TestFactory
  Stream<DynamicNode> operatorsLiteralsConstants() {
    return OPERATORS.tests();
  }

  @TestFactory
  Stream<DynamicNode> assignmentsAndReassignment() {
    return ASSIGNMENTS.tests();
  }

  @TestFactory
  Stream<DynamicNode> integersCastsVar() {
    return INTEGERS.tests();
  }
}
