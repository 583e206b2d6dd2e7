package dev.adjoint.processor.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks a pullback of a {@code double[]}-returning static method against finite differences of
 * {@code seed · f(x)}: its return value is what {@code f} returns, it adds {@code seedᵀJ} into
 * {@code grad} and the adjoint arrays (on top of what they held), and leaves the seed alone.
 * Every {@code double}, {@code double[]} and {@code double[][]} parameter is differentiated;
 * {@code int} parameters take the values given.
 */
final class VectorResults {
  private VectorResults() {}

  /** @param ints the values of the int parameters, in order */
  static void check(Class<?> owner, Class<?> adjoint, String name, long seedValue,
      int... ints) throws Exception {
    Method f = find(owner, name);
    Class<?>[] types = f.getParameterTypes();
    Random r = new Random(seedValue);
    Object[] args = new Object[types.length];
    int k = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        args[i] = r.nextDouble() * 2 - 1;
      } else if (types[i] == double[].class) {
        args[i] = random(r, 3);
      } else if (types[i] == double[][].class) {
        args[i] = new double[][] {random(r, 3), random(r, 3), random(r, 3)};
      } else {
        args[i] = ints[k++];
      }
    }
    double[] result = (double[]) f.invoke(null, copy(args));
    double[] seed = random(r, result.length);
    double[] seedBefore = seed.clone();
    double[] point = flatten(args, types);
    double[] expected = FiniteDifferences.gradient(p -> {
      try {
        return dot(seed, (double[]) f.invoke(null, unflatten(p, args, types)));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, point);

    // The pullback, into adjoints that already hold something: it must add.
    List<Object> call = new ArrayList<>(Arrays.asList(copy(args)));
    call.add(seed);
    int scalars = 0;
    for (Class<?> t : types) {
      scalars += t == double.class ? 1 : 0;
    }
    double[] held = random(r, point.length);
    Object[] adjoints = unflatten(held, args, types);
    double[] grad = new double[scalars];
    int slot = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        grad[slot++] = (double) adjoints[i];
      }
    }
    if (scalars > 0) {
      call.add(grad);
    }
    for (int i = 0; i < types.length; i++) {
      if (types[i].isArray() && types[i] != int[].class) {
        call.add(adjoints[i]);
      }
    }
    Method pullback = find(adjoint, name + "Pullback", call.size());
    double[] returned = (double[]) pullback.invoke(null, call.toArray());
    assertArrayEquals(result, returned, 0, name + ": the pullback returns what " + name
        + " returns");
    assertArrayEquals(seedBefore, seed, 0, name + ": the seed is only read");
    slot = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        adjoints[i] = grad[slot++];
      }
    }
    double[] got = flatten(adjoints, types);
    for (int i = 0; i < got.length; i++) {
      double want = held[i] + expected[i];
      assertTrue(FiniteDifferences.relativeError(want, got[i]) < 1e-6, name + ": component " + i
          + " of seedᵀJ: expected " + want + ", got " + got[i] + " (all: "
          + Arrays.toString(got) + " vs finite differences " + Arrays.toString(expected)
          + " plus " + Arrays.toString(held) + ")");
    }
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double[] random(Random r, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextDouble() * 2 - 1;
    }
    return out;
  }

  private static Method find(Class<?> c, String name) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + name + " in " + c);
  }

  /** The overload without stacks. */
  private static Method find(Class<?> c, String name, int arity) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        m.setAccessible(true);
        return m;
      }
    }
    throw new AssertionError("no method " + name + " of " + arity + " parameters in " + c);
  }

  /** Fresh arrays, so a method that writes into its parameters sees the same input again. */
  private static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
          c[j] = m[j].clone();
        }
        out[i] = c;
      }
    }
    return out;
  }

  private static double[] flatten(Object[] args, Class<?>[] types) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        out.add((double) args[i]);
      } else if (types[i] == double[].class) {
        for (double v : (double[]) args[i]) {
          out.add(v);
        }
      } else if (types[i] == double[][].class) {
        for (double[] row : (double[][]) args[i]) {
          for (double v : row) {
            out.add(v);
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Object[] unflatten(double[] p, Object[] shape, Class<?>[] types) {
    Object[] out = copy(shape);
    int k = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == double.class) {
        out[i] = p[k++];
      } else if (types[i] == double[].class) {
        double[] a = (double[]) out[i];
        for (int j = 0; j < a.length; j++) {
          a[j] = p[k++];
        }
      } else if (types[i] == double[][].class) {
        for (double[] row : (double[][]) out[i]) {
          for (int j = 0; j < row.length; j++) {
            row[j] = p[k++];
          }
        }
      }
    }
    return out;
  }
}
