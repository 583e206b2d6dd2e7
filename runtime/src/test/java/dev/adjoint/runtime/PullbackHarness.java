package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks a kernel's pullback against central finite differences of {@code ⟨resultBar, f(args)⟩}
 * for every argument, plus the convention: accumulation, {@code null} adjoints, no writes to
 * inputs.
 *
 * <p>Arguments, results and adjoints are {@code Double}, {@code double[]} or {@code double[][]}.
 */
final class PullbackHarness {
  private PullbackHarness() {}

  /** Relative tolerance between the pullback and finite differences. */
  static final double FD_TOLERANCE = 1e-6;

  /** Draws one argument. */
  interface Gen {
    Object draw(Random random);
  }

  /**
   * Calls a pullback: {@code bars[k]} is the adjoint of array argument {@code k} (null for scalar
   * arguments and for "not needed"); returns the scalar argument's adjoint, or 0 for a void one.
   */
  interface Pullback {
    double call(Object[] args, Object result, Object resultBar, Object[] bars);
  }

  /** A kernel under test. */
  record Kernel(
      String name, String[] argNames, Gen[] gens, Function<Object[], Object> f, Pullback pullback) {
    Object[] draw(Random random) {
      Object[] args = new Object[gens.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = gens[i].draw(random);
      }
      return args;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  static Gen vec(int n, double lo, double hi) {
    return r -> {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = lo + (hi - lo) * r.nextDouble();
      }
      return v;
    };
  }

  static Gen vec(int n) {
    return vec(n, -2, 2);
  }

  static Gen mat(int m, int n) {
    return r -> randomMatrix(r, m, n, -1, 1);
  }

  /** Random n×n with a dominant diagonal of random signs: well conditioned, either det sign. */
  static Gen wellConditioned(int n) {
    return r -> {
      double[][] a = randomMatrix(r, n, n, -1, 1);
      for (int i = 0; i < n; i++) {
        a[i][i] += (r.nextBoolean() ? 1 : -1) * n;
      }
      return a;
    };
  }

  /** Random n×n with a positive dominant diagonal: a usable Cholesky factor. */
  static Gen positiveDiagonal(int n) {
    return r -> {
      double[][] a = randomMatrix(r, n, n, -1, 1);
      for (int i = 0; i < n; i++) {
        a[i][i] = n + r.nextDouble();
      }
      return a;
    };
  }

  /** {@code B Bᵀ + I} for a random n×n {@code B}: symmetric positive definite. */
  static Gen spd(int n) {
    return r -> {
      double[][] b = randomMatrix(r, n, n, -1, 1);
      double[][] s = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          for (int k = 0; k < n; k++) {
            s[i][j] += b[i][k] * b[j][k];
          }
        }
        s[i][i] += 1;
      }
      return s;
    };
  }

  static Gen scalar() {
    return r -> -2 + 4 * r.nextDouble();
  }

  static double[][] randomMatrix(Random r, int m, int n, double lo, double hi) {
    double[][] a = new double[m][n];
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] = lo + (hi - lo) * r.nextDouble();
      }
    }
    return a;
  }

  // ---------------------------------------------------------------------------------------------
  // Generic values

  static double[] v(Object o) {
    return (double[]) o;
  }

  static double[][] m(Object o) {
    return (double[][]) o;
  }

  static double d(Object o) {
    return (Double) o;
  }

  static Object copy(Object o) {
    if (o instanceof double[] a) {
      return a.clone();
    }
    if (o instanceof double[][] a) {
      double[][] c = new double[a.length][];
      for (int i = 0; i < a.length; i++) {
        c[i] = a[i].clone();
      }
      return c;
    }
    return o;
  }

  static double[] flatten(Object o) {
    if (o instanceof Double x) {
      return new double[] {x};
    }
    if (o instanceof double[] a) {
      return a.clone();
    }
    double[][] a = (double[][]) o;
    return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
  }

  /** An object shaped like {@code like} holding {@code flat}'s values. */
  static Object unflatten(Object like, double[] flat) {
    if (like instanceof Double) {
      return flat[0];
    }
    if (like instanceof double[]) {
      return flat.clone();
    }
    double[][] shape = (double[][]) like;
    double[][] out = new double[shape.length][];
    int k = 0;
    for (int i = 0; i < shape.length; i++) {
      out[i] = Arrays.copyOfRange(flat, k, k + shape[i].length);
      k += shape[i].length;
    }
    return out;
  }

  static Object randomLike(Object like, Random random) {
    double[] flat = flatten(like);
    for (int i = 0; i < flat.length; i++) {
      flat[i] = -1 + 2 * random.nextDouble();
    }
    return unflatten(like, flat);
  }

  static Object zerosLike(Object like) {
    return unflatten(like, new double[flatten(like).length]);
  }

  static double inner(Object a, Object b) {
    double[] x = flatten(a);
    double[] y = flatten(b);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** {@code max|a − b| / max(‖a‖∞, ‖b‖∞, 1e-3)}. */
  static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double scale = 1e-3;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
    }
    return diff / scale;
  }

  // ---------------------------------------------------------------------------------------------
  // The check

  /** Adjoint arrays for every array argument, zero-filled; null for scalar arguments. */
  static Object[] zeroBars(Object[] args) {
    Object[] bars = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      bars[i] = args[i] instanceof Double ? null : zerosLike(args[i]);
    }
    return bars;
  }

  /** Central differences of {@code ⟨resultBar, f(args)⟩} with respect to argument {@code k}. */
  static double[] finiteDifferenceGradient(Kernel kernel, Object[] args, Object resultBar, int k) {
    return GradientCheck.finiteDifferences(
        flat -> {
          Object[] probe = args.clone();
          probe[k] = unflatten(args[k], flat);
          return inner(resultBar, kernel.f().apply(probe));
        },
        flatten(args[k]));
  }

  /** Runs every check on {@code kernel} at {@code args}; throws AssertionError on a failure. */
  static void check(Kernel kernel, Object[] args, Random random) {
    String where = kernel.name() + " at " + describe(args);
    Object[] pristine = copyAll(args);
    Object result = kernel.f().apply(args);
    assertUnchanged(pristine, args, where + ": the kernel modified an argument");
    Object resultBar = randomLike(result, random);
    Object resultCopy = copy(result);
    Object resultBarCopy = copy(resultBar);

    // 1. Against finite differences, argument by argument.
    Object[] bars = zeroBars(args);
    double returned = kernel.pullback().call(args, result, resultBar, bars);
    assertUnchanged(pristine, args, where + ": the pullback modified an argument");
    assertUnchanged(new Object[] {resultCopy, resultBarCopy}, new Object[] {result, resultBar},
        where + ": the pullback modified the result or its adjoint");
    int scalars = 0;
    for (int k = 0; k < args.length; k++) {
      double[] byPullback = args[k] instanceof Double ? new double[] {returned} : flatten(bars[k]);
      scalars += args[k] instanceof Double ? 1 : 0;
      double[] byDifferences = finiteDifferenceGradient(kernel, args, resultBar, k);
      double error = relativeError(byPullback, byDifferences);
      if (!(error <= FD_TOLERANCE)) {
        fail(where + ": adjoint of " + kernel.argNames()[k] + " is off by " + error
            + "\n  pullback:            " + Arrays.toString(byPullback)
            + "\n  finite differences:  " + Arrays.toString(byDifferences));
      }
    }
    if (scalars == 0 && returned != 0) {
      fail(where + ": a pullback without scalar arguments returned " + returned);
    }

    // 2. Accumulation: pre-filled adjoints get the same gradient added.
    Object[] prefilled = new Object[args.length];
    Object[] prefilledCopy = new Object[args.length];
    for (int k = 0; k < args.length; k++) {
      if (!(args[k] instanceof Double)) {
        prefilled[k] = randomLike(args[k], random);
        prefilledCopy[k] = copy(prefilled[k]);
      }
    }
    double returnedAgain = kernel.pullback().call(args, result, resultBar, prefilled);
    assertEquals(returned, returnedAgain, 1e-12 * Math.max(1, Math.abs(returned)),
        where + ": the returned scalar adjoint depends on the adjoint arrays");
    for (int k = 0; k < args.length; k++) {
      if (prefilled[k] == null) {
        continue;
      }
      double[] expected = flatten(prefilledCopy[k]);
      double[] g = flatten(bars[k]);
      for (int i = 0; i < expected.length; i++) {
        expected[i] += g[i];
      }
      double error = relativeError(flatten(prefilled[k]), expected);
      if (!(error <= 1e-12)) {
        fail(where + ": adjoint of " + kernel.argNames()[k]
            + " was not accumulated into (+=): off by " + error);
      }
    }

    // 3. Null adjoints: all null is accepted; one at a time gives the same values.
    double returnedNull = kernel.pullback().call(args, result, resultBar, new Object[args.length]);
    assertEquals(returned, returnedNull, 1e-12 * Math.max(1, Math.abs(returned)),
        where + ": the returned scalar adjoint changed with null adjoint arrays");
    for (int k = 0; k < args.length; k++) {
      if (args[k] instanceof Double) {
        continue;
      }
      Object[] only = new Object[args.length];
      only[k] = zerosLike(args[k]);
      kernel.pullback().call(args, result, resultBar, only);
      for (int j = 0; j < args.length; j++) {
        if (j != k) {
          assertNull(only[j]);
        }
      }
      double error = relativeError(flatten(only[k]), flatten(bars[k]));
      if (!(error <= 1e-12)) {
        fail(where + ": adjoint of " + kernel.argNames()[k]
            + " differs when the other adjoints are null: off by " + error);
      }
    }
    assertUnchanged(pristine, args, where + ": the pullback modified an argument");
  }

  private static Object[] copyAll(Object[] args) {
    Object[] c = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      c[i] = copy(args[i]);
    }
    return c;
  }

  private static void assertUnchanged(Object[] expected, Object[] actual, String message) {
    for (int i = 0; i < expected.length; i++) {
      if (!Arrays.equals(flatten(expected[i]), flatten(actual[i]))) {
        fail(message + " (#" + i + ")");
      }
    }
  }

  private static String describe(Object[] args) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object a = args[i];
      if (a instanceof double[][] mm) {
        sb.append(Arrays.deepToString(mm));
      } else if (a instanceof double[] vv) {
        sb.append(Arrays.toString(vv));
      } else {
        sb.append(a);
      }
    }
    return sb.append(')').toString();
  }
}
