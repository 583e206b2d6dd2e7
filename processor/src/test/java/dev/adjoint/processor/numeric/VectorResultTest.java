package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Methods returning {@code double[]}: their pullback takes the result's adjoint (a
 * vector–Jacobian product), for every way the result can come about (a fresh array, a
 * parameter, a row of a matrix parameter, a kernel's result, a parameter written in place, a
 * choice, a return in a branch or in a loop, a plain helper); and calls of them from scalar
 * code, straight, in loops and nested, whose gradients go through those pullbacks. Against
 * finite differences, analyses on and off.
 */
class VectorResultTest {

  private static final JavaSource LAYERS = JavaSource.of("adjtest.vector.Layers",
      "package adjtest.vector;",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.runtime.LinearAlgebra;",
      "public class Layers {",
      "  @Differentiable",
      "  public static double[] fresh(double[] x, double a, int n) {",
      "    double[] y = new double[x.length];",
      "    for (int i = 0; i < x.length; i++) {",
      "      y[i] = a * Math.sin(x[i]) * n + x[(i + 1) % x.length] * x[i];",
      "    }",
      "    return y;",
      "  }",
      "  @Differentiable",
      "  public static double[] same(double[] x, double a) {",
      "    return x;",
      "  }",
      "  @Differentiable",
      "  public static double[] row(double[][] m, double a, int i) {",
      "    return m[i];",
      "  }",
      "  @Differentiable",
      "  public static double[] layer(double[][] W, double[] x) {",
      "    return LinearAlgebra.tanh(LinearAlgebra.matVec(W, x));",
      "  }",
      "  @Differentiable",
      "  public static double[] inPlace(double[] x, double a) {",
      "    for (int i = 0; i < x.length; i++) {",
      "      x[i] = x[i] * a * x[i];",
      "    }",
      "    return x;",
      "  }",
      "  @Differentiable",
      "  public static double[] choose(double[] x, double[] y, double a) {",
      "    return a > 0 ? x : y;",
      "  }",
      "  @Differentiable",
      "  public static double[] branch(double[] x, double a) {",
      "    if (a > 0) {",
      "      double[] r = LinearAlgebra.scale(a * a, x);",
      "      return r;",
      "    }",
      "    return LinearAlgebra.exp(x);",
      "  }",
      "  @Differentiable",
      "  public static double[] literal(double a, double b) {",
      "    double[] r = {a * b, Math.exp(a), b};",
      "    return r;",
      "  }",
      "  @Differentiable",
      "  public static double[] first(double[][] m, double a) {",
      "    for (int i = 0; i < m.length; i++) {",
      "      if (m[i][0] > a) {",
      "        return m[i];",
      "      }",
      "    }",
      "    return m[0];",
      "  }",
      "  @Differentiable",
      "  public static double[] grow(double[] x, double a) {",
      "    for (int k = 0; k < 10; k++) {",
      "      double[] y = LinearAlgebra.scale(a * (k + 1), x);",
      "      if (y[0] > 0.5) {",
      "        return y;",
      "      }",
      "    }",
      "    return x;",
      "  }",
      "  /** A plain helper: differentiated because a @Differentiable method calls it. */",
      "  public static double[] squares(double[] x, double a) {",
      "    double[] y = new double[x.length];",
      "    for (int i = 0; i < x.length; i++) {",
      "      y[i] = a * x[i] * x[i];",
      "    }",
      "    return y;",
      "  }",
      "  @Differentiable",
      "  public static double[] nested(double[][] W, double[] x, double a) {",
      "    return squares(layer(W, x), a);",
      "  }",
      "}");

  private static final JavaSource LOSSES = JavaSource.of("adjtest.vector.Losses",
      "package adjtest.vector;",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.runtime.LinearAlgebra;",
      "public class Losses {",
      "  @Differentiable",
      "  public static double straight(double[][] W, double[] x) {",
      "    double[] h = Layers.layer(W, x);",
      "    return LinearAlgebra.sum(h) + h[0] * h[1];",
      "  }",
      "  @Differentiable",
      "  public static double inLoop(double[][] W, double[][] xs, double a) {",
      "    double s = 0;",
      "    for (int i = 0; i < xs.length; i++) {",
      "      double[] h = Layers.squares(Layers.layer(W, xs[i]), a);",
      "      s += LinearAlgebra.squaredNorm(h) + h[i % h.length];",
      "    }",
      "    return s;",
      "  }",
      "  @Differentiable",
      "  public static double aliases(double[] x, double[][] m, double a) {",
      "    double[] y = Layers.same(x, a);",
      "    double[] r = Layers.row(m, a, 1);",
      "    double[] c = Layers.choose(x, m[0], a);",
      "    return LinearAlgebra.dot(y, r) + LinearAlgebra.sum(c) * x[0]"
          + " + LinearAlgebra.sum(Layers.fresh(x, a, 2));",
      "  }",
      "  /** An element of a call's result: the call is named, so the element has an adjoint. */",
      "  @Differentiable",
      "  public static double element(double[][] W, double[] x) {",
      "    return LinearAlgebra.matVec(W, x)[1] * Layers.layer(W, x)[0];",
      "  }",
      "  @Differentiable",
      "  public static double twoLayers(double[][] W, double[] x, double a) {",
      "    double[] h = Layers.nested(W, Layers.branch(x, a), a);",
      "    return LinearAlgebra.squaredNorm(h);",
      "  }",
      "}");

  /** An instance method returning double[], called from another; recursion. */
  private static final JavaSource MODEL = JavaSource.of("adjtest.vector.Model",
      "package adjtest.vector;",
      "import dev.adjoint.Differentiable;",
      "import dev.adjoint.runtime.LinearAlgebra;",
      "public final class Model {",
      "  final double[][] W;",
      "  public Model(double[][] W) {",
      "    this.W = W;",
      "  }",
      "  @Differentiable",
      "  double[] hidden(double[] x, double b) {",
      "    double[] h = LinearAlgebra.matVec(W, x);",
      "    for (int i = 0; i < h.length; i++) {",
      "      h[i] = Math.tanh(h[i] + b);",
      "    }",
      "    return h;",
      "  }",
      "  @Differentiable",
      "  public double loss(double[] x, double b) {",
      "    return LinearAlgebra.squaredNorm(hidden(x, b)) + this.hidden(x, 2 * b)[1];",
      "  }",
      "  @Differentiable",
      "  public static double[] power(double[] x, int n) {",
      "    if (n == 0) {",
      "      return x;",
      "    }",
      "    return LinearAlgebra.hadamard(x, power(x, n - 1));",
      "  }",
      "  @Differentiable",
      "  public static double usePower(double[] x) {",
      "    return LinearAlgebra.sum(power(x, 3));",
      "  }",
      "}");

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void instanceMethodAndRecursion(String analyses) throws Exception {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(MODEL);
    Class<?> owner = c.loadClass("adjtest.vector.Model");
    Class<?> adjoint = c.loadClass("adjtest.vector.ModelAdjoint");
    VectorResults.check(owner, adjoint, "power", 5, 3);
    checkScalar(owner, adjoint, "usePower", 6);
    double[][] w = {{0.3, -0.7, 0.2}, {0.5, 0.1, -0.4}};
    Object model = owner.getConstructor(double[][].class).newInstance((Object) w);
    Method loss = owner.getDeclaredMethod("loss", double[].class, double.class);
    Method gradient = adjoint.getDeclaredMethod("loss", owner, double[].class, double.class);
    double[] x = {0.4, -0.9, 0.6};
    double b = 0.15;
    Object record = gradient.invoke(null, model, x, b);
    double[] point = {x[0], x[1], x[2], b};
    double[] fd = FiniteDifferences.gradient(p -> {
      try {
        return (double) loss.invoke(model, new double[] {p[0], p[1], p[2]}, p[3]);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, point);
    double[] dX = (double[]) record.getClass().getMethod("dX").invoke(record);
    double dB = (double) record.getClass().getMethod("dB").invoke(record);
    double[] got = {dX[0], dX[1], dX[2], dB};
    for (int i = 0; i < got.length; i++) {
      assertTrue(FiniteDifferences.relativeError(fd[i], got[i]) < 1e-6,
          "component " + i + ": " + fd[i] + " vs " + got[i]);
    }
  }

  private static final String[] VECTOR_METHODS = {"fresh", "same", "row", "layer", "inPlace",
      "choose", "branch", "literal", "squares", "nested", "first", "grow"};

  private static Compiled compile(String analyses) {
    Compiled c = InProcessCompiler.create().withOptions("-Aadjoint.analyses=" + analyses)
        .compile(LAYERS, LOSSES);
    return c;
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void pullbacksAreVectorJacobianProducts(String analyses) throws Exception {
    Compiled c = compile(analyses);
    Class<?> owner = c.loadClass("adjtest.vector.Layers");
    Class<?> adjoint = c.loadClass("adjtest.vector.LayersAdjoint");
    for (String name : VECTOR_METHODS) {
      for (long seed = 1; seed <= 3; seed++) {
        int[] ints = name.equals("fresh") ? new int[] {3} : name.equals("row") ? new int[] {1}
            : new int[0];
        VectorResults.check(owner, adjoint, name, seed * 31 + name.length(), ints);
      }
    }
    // A negative a takes the other branch and the other array.
    for (long seed = 1; seed <= 3; seed++) {
      VectorResults.check(owner, adjoint, "choose", -seed, new int[0]);
    }
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void noValueAndGradientCallForAVectorResult(String analyses) {
    String source = compile(analyses).generatedSource("adjtest.vector.LayersAdjoint");
    assertFalse(source.contains("record LayerGradient"), source);
    assertTrue(source.replaceAll("\\s+", " ").contains("public static double[]"
        + " layerPullback(double[][] W, double[] x, double[] seed, double[][] WBar,"
        + " double[] xBar)"), source);
  }

  @ParameterizedTest(name = "analyses {0}")
  @ValueSource(strings = {"on", "off"})
  void scalarCallersDifferentiateThroughThePullbacks(String analyses) throws Exception {
    Compiled c = compile(analyses);
    Class<?> owner = c.loadClass("adjtest.vector.Losses");
    Class<?> adjoint = c.loadClass("adjtest.vector.LossesAdjoint");
    String source = c.generatedSource("adjtest.vector.LossesAdjoint");
    assertTrue(source.contains("LayersAdjoint.layerPullback(W, x, hBar, WBar, xBar)"), source);
    for (String name : List.of("straight", "inLoop", "aliases", "twoLayers", "element")) {
      for (long seed = 1; seed <= 3; seed++) {
        checkScalar(owner, adjoint, name, seed);
      }
    }
  }

  /** The scalar method's pullback with seed 1 against finite differences of the method. */
  private static void checkScalar(Class<?> owner, Class<?> adjoint, String name, long seed)
      throws Exception {
    // Reuses the vector harness: a scalar method is a vector one of length 1.
    Method f = null;
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        f = m;
      }
    }
    Class<?>[] types = f.getParameterTypes();
    Random r = new Random(seed);
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = types[i] == double.class ? r.nextDouble() * 2 - 1
          : types[i] == double[].class ? VectorResults.random(r, 3)
          : new double[][] {VectorResults.random(r, 3), VectorResults.random(r, 3),
              VectorResults.random(r, 3)};
    }
    Method value = f;
    Object record = null;
    for (Method m : adjoint.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        record = m.invoke(null, args);
      }
    }
    List<Double> got = new ArrayList<>();
    int k = 0;
    for (var rc : record.getClass().getRecordComponents()) {
      Object v = rc.getAccessor().invoke(record);
      if (rc.getName().equals("value")) {
        continue;
      }
      if (v instanceof Double d) {
        got.add(d);
      } else if (v instanceof double[] a) {
        for (double e : a) {
          got.add(e);
        }
      } else {
        for (double[] row : (double[][]) v) {
          for (double e : row) {
            got.add(e);
          }
        }
      }
    }
    // Component order is declaration order, as is the flattening.
    double[] point = flat(args);
    double[] fd = FiniteDifferences.gradient(p -> {
      try {
        return (double) value.invoke(null, unflat(p, args));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, point);
    for (int i = 0; i < fd.length; i++) {
      assertTrue(FiniteDifferences.relativeError(fd[i], got.get(i)) < 1e-6, name + " component "
          + i + ": finite differences " + fd[i] + ", pullback " + got.get(i));
    }
  }

  private static double[] flat(Object[] args) {
    List<Double> out = new ArrayList<>();
    for (Object a : args) {
      if (a instanceof Double d) {
        out.add(d);
      } else if (a instanceof double[] v) {
        for (double e : v) {
          out.add(e);
        }
      } else {
        for (double[] row : (double[][]) a) {
          for (double e : row) {
            out.add(e);
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Object[] unflat(double[] p, Object[] shape) {
    Object[] out = new Object[shape.length];
    int k = 0;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] instanceof Double) {
        out[i] = p[k++];
      } else if (shape[i] instanceof double[] v) {
        double[] a = new double[v.length];
        for (int j = 0; j < a.length; j++) {
          a[j] = p[k++];
        }
        out[i] = a;
      } else {
        double[][] m = new double[((double[][]) shape[i]).length][];
        for (int j = 0; j < m.length; j++) {
          m[j] = new double[((double[][]) shape[i])[j].length];
          for (int l = 0; l < m[j].length; l++) {
            m[j][l] = p[k++];
          }
        }
        out[i] = m;
      }
    }
    return out;
  }
}
