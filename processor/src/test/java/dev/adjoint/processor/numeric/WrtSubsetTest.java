package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.AdjointMethod;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code wrt} subsets: only the selected parameters appear in the record and the pullback array, in
 * declaration order whatever order {@code wrt} lists them in; by default every {@code double}
 * parameter and no {@code int}, {@code long} or {@code boolean} one.
 */
class WrtSubsetTest {

  private static final CaseSuite SUITE =
      CaseSuite.of(
          "adjtest.wrt.Subsets",
          GradientCase.of("onlyMiddle", "double x, double y, double z", "return x * y * y + z * y;")
              .wrt("y")
              .oracle(d -> d.v("x").multiply(d.v("y").square()).add(d.v("z").multiply(d.v("y"))))
              .at(1.5, -0.5, 2.0)
              .at(-2.0, 3.0, 0.25),
          GradientCase.of("reversedOrder", "double x, double y, double z",
                  "return Math.sin(x) * y + z * z * x;")
              .wrt("z", "x")
              .oracle(d -> d.v("x").sin().multiply(d.v("y"))
                  .add(d.v("z").square().multiply(d.v("x"))))
              .at(1.5, -0.5, 2.0)
              .at(-2.0, 3.0, 0.25),
          GradientCase.of("lastOnly", "double x, double y, double z", "return x * y * z;")
              .wrt("z")
              .oracle(d -> d.v("x").multiply(d.v("y")).multiply(d.v("z")))
              .at(1.5, -0.5, 2.0),
          GradientCase.of("allExplicitShuffled", "double x, double y", "return x / y;")
              .wrt("y", "x")
              .oracle(d -> d.v("x").divide(d.v("y")))
              .at(1.5, -0.5),
          GradientCase.of("singleElementSyntax", "double x, double y", "return x * Math.exp(y);")
              .annotation("@Differentiable(wrt = \"y\")")
              .wrt("y")
              .oracle(d -> d.v("x").multiply(d.v("y").exp()))
              .at(1.5, -0.5),
          GradientCase.of("defaultSkipsInt", "double x, int n, double y", "return x * n + y * y;")
              .oracle(d -> d.v("x").multiply(d.i("n")).add(d.v("y").square()))
              .at(1.5, 3, -0.5),
          GradientCase.of("defaultSkipsLongBoolean", "long m, double a, boolean flag, double b",
                  "return flag ? a * m + b : a - b * m;")
              .oracle(d -> d.b("flag") ? d.v("a").multiply(d.l("m")).add(d.v("b"))
                  : d.v("a").subtract(d.v("b").multiply(d.l("m"))))
              .at(4L, 1.5, true, -0.5)
              .at(4L, 1.5, false, -0.5),
          GradientCase.of("wrtSubsetWithInts", "int n, double x, double y, int k, double z",
                  "return n * x + k * y * z;")
              .wrt("z", "x")
              .oracle(d -> d.v("x").multiply(d.i("n"))
                  .add(d.v("y").multiply(d.v("z")).multiply(d.i("k"))))
              .at(2, 1.5, -0.5, 3, 2.0),
          GradientCase.of("camelCaseNames", "double learningRate, double x1, double lambda",
                  "return learningRate * x1 + lambda * x1 * x1;")
              .oracle(d -> d.v("learningRate").multiply(d.v("x1"))
                  .add(d.v("lambda").multiply(d.v("x1").square())))
              .at(0.1, 2.0, 0.5),
          GradientCase.of("unusedParameter", "double x, double y", "return x * x;")
              .oracle(d -> d.v("x").square().add(d.v("y").multiply(0)))
              .at(1.5, 7.0),
          GradientCase.of("unusedSelected", "double x, double y", "return x * x;")
              .wrt("y")
              .oracle(d -> d.c(d.x("x") * d.x("x")).add(d.v("y").multiply(0)))
              .at(1.5, 7.0),
          GradientCase.of("logLoss", "double w, double b, double x, double t",
                  """
                  double z = w * x + b;
                  return Math.log1p(Math.exp(-t * z));""")
              .wrt("w", "b")
              .oracle(d -> {
                DerivativeStructure z = d.v("w").multiply(d.x("x")).add(d.v("b"));
                return z.multiply(-d.x("t")).exp().log1p();
              })
              .at(0.4, -0.3, 1.5, 1.0)
              .at(-1.2, 0.7, -0.5, -1.0));

  @TestFactory
  Stream<DynamicNode> subsets() {
    return SUITE.tests();
  }

  @Test
  void recordHasOnlySelectedComponentsInDeclarationOrder() {
    assertComponents("onlyMiddle", "dY");
    assertComponents("reversedOrder", "dX", "dZ");
    assertComponents("lastOnly", "dZ");
    assertComponents("allExplicitShuffled", "dX", "dY");
    assertComponents("singleElementSyntax", "dY");
    assertComponents("defaultSkipsInt", "dX", "dY");
    assertComponents("defaultSkipsLongBoolean", "dA", "dB");
    assertComponents("wrtSubsetWithInts", "dX", "dZ");
    assertComponents("camelCaseNames", "dLearningRate", "dX1", "dLambda");
    assertComponents("unusedParameter", "dX", "dY");
    assertComponents("unusedSelected", "dY");
    assertComponents("logLoss", "dW", "dB");
  }

  @Test
  void publicApiShape() {
    AdjointMethod m = SUITE.method("logLoss");
    assertTrue(Modifier.isPublic(m.adjointClass().getModifiers()), "adjoint class is public");
    assertTrue(Modifier.isPublic(m.gradientMethod().getModifiers())
        && Modifier.isStatic(m.gradientMethod().getModifiers()), "f is public static");
    assertTrue(Modifier.isPublic(m.pullbackMethod().getModifiers())
        && Modifier.isStatic(m.pullbackMethod().getModifiers()), "fPullback is public static");
    assertTrue(Modifier.isPublic(m.recordType().getModifiers()), "record is public");
    assertEquals("LogLossGradient", m.recordType().getSimpleName());
    assertEquals(m.adjointClass(), m.recordType().getEnclosingClass());
    for (RecordComponent c : m.recordType().getRecordComponents()) {
      assertEquals(double.class, c.getType(), c.getName());
    }
  }

  @Test
  void pullbackTouchesExactlyTheSelectedSlots() {
    AdjointMethod m = SUITE.method("wrtSubsetWithInts");
    // n * x + k * y * z: dX = n, dZ = k * y
    double[] grad = {10, 20};
    double v = m.pullback(2.0, grad, 2, 1.5, -0.5, 3, 2.0);
    assertEquals(2 * 1.5 + 3 * -0.5 * 2.0, v, 1e-15);
    assertArrayEquals(new double[] {10 + 2.0 * 2, 20 + 2.0 * (3 * -0.5)}, grad, 1e-14);

    AdjointMethod only = SUITE.method("onlyMiddle");
    double[] one = {1.0};
    only.pullback(1.0, one, 1.5, -0.5, 2.0);
    // d/dy (x y^2 + z y) = 2 x y + z = -1.5 + 2
    assertArrayEquals(new double[] {1.0 + 0.5}, one, 1e-14);
  }

  @Test
  void gradientArrayIsInRecordOrder() {
    AdjointMethod m = SUITE.method("reversedOrder");
    var vg = m.valueAndGradient(1.5, -0.5, 2.0);
    // sin(x) y + z^2 x: dX = cos(x) y + z^2, dZ = 2 z x
    assertArrayEquals(
        new double[] {Math.cos(1.5) * -0.5 + 4.0, 2 * 2.0 * 1.5}, vg.gradient(), 1e-14);
  }

  private static void assertComponents(String method, String... expected) {
    AdjointMethod m = SUITE.method(method);
    List<String> names = new ArrayList<>();
    for (RecordComponent c : m.recordType().getRecordComponents()) {
      names.add(c.getName());
    }
    List<String> want = new ArrayList<>(List.of("value"));
    want.addAll(List.of(expected));
    assertEquals(want, names, method + " record components");
  }
}
