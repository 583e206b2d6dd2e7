package dev.adjoint.processor.forward;

import dev.adjoint.processor.testing.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Calls one test method's generated code with its differentiated inputs laid out flat: {@code
 * spec} lists the parameters, {@code d} a differentiated double, {@code v3} a differentiated
 * double[] of length 3, {@code n=4} an int, {@code D3} a double[] passed through and {@code M3}
 * a 3×3 matrix passed through (both drawn once per case from {@code seed}).
 */
final class Tangent {
  final String name;
  private final String[] spec;
  private final Class<?> user;
  private final Class<?> adjoint;
  private final Object[] data;
  final int n;

  Tangent(Compiled c, String owner, String name, String spec, long seed) {
    this.name = name;
    this.spec = spec.split(" ");
    this.user = c.loadClass(owner);
    this.adjoint = c.loadClass(owner + "Adjoint");
    Random r = new Random(seed);
    data = new Object[this.spec.length];
    int count = 0;
    for (int i = 0; i < this.spec.length; i++) {
      String s = this.spec[i];
      if (s.equals("d")) {
        count++;
      } else if (s.startsWith("v")) {
        count += Integer.parseInt(s.substring(1));
      } else if (s.startsWith("n=")) {
        data[i] = Integer.parseInt(s.substring(2));
      } else if (s.startsWith("D")) {
        data[i] = r.doubles(Integer.parseInt(s.substring(1)), -1, 1).toArray();
      } else if (s.startsWith("M")) {
        int k = Integer.parseInt(s.substring(1));
        double[][] m = new double[k][];
        for (int j = 0; j < k; j++) {
          m[j] = r.doubles(k, -1, 1).toArray();
        }
        data[i] = m;
      }
    }
    n = count;
  }

  /** The user's parameters for flat inputs {@code t}. */
  List<Object> args(double[] t) {
    List<Object> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < spec.length; i++) {
      if (spec[i].equals("d")) {
        out.add(t[at++]);
      } else if (spec[i].startsWith("v")) {
        int k = Integer.parseInt(spec[i].substring(1));
        out.add(Arrays.copyOfRange(t, at, at + k));
        at += k;
      } else {
        out.add(data[i] instanceof double[][] m ? deepCopy(m)
            : data[i] instanceof double[] a ? a.clone() : data[i]);
      }
    }
    return out;
  }

  /** The direction {@code v} as one argument per differentiated parameter. */
  List<Object> directions(double[] v) {
    List<Object> out = new ArrayList<>();
    int at = 0;
    for (String s : spec) {
      if (s.equals("d")) {
        out.add(v[at++]);
      } else if (s.startsWith("v")) {
        int k = Integer.parseInt(s.substring(1));
        out.add(Arrays.copyOfRange(v, at, at + k));
        at += k;
      }
    }
    return out;
  }

  double value(double[] t) {
    return (double) invoke(user, name, args(t));
  }

  double[] vectorValue(double[] t) {
    return (double[]) invoke(user, name, args(t));
  }

  /** fJvp for a double result. */
  double jvp(double[] t, double[] v) {
    List<Object> a = args(t);
    a.addAll(directions(v));
    return (double) invoke(adjoint, name + "Jvp", a);
  }

  /** fJvp for a double[] result of length {@code m}: J·v. */
  double[] vectorJvp(double[] t, double[] v, int m) {
    List<Object> a = args(t);
    a.addAll(directions(v));
    double[] out = new double[m];
    a.add(out);
    invoke(adjoint, name + "Jvp", a);
    return out;
  }

  /** The reverse-mode gradient (pullback with seed 1), laid out flat. */
  double[] gradient(double[] t) {
    return pullback(t, 1.0);
  }

  /** {@code seed}ᵀ J, the pullback with a double[] seed. */
  double[] vectorPullback(double[] t, double[] seed) {
    return pullback(t, seed);
  }

  private double[] pullback(double[] t, Object seed) {
    List<Object> a = args(t);
    a.add(seed);
    List<double[]> outputs = outputs(a);
    invoke(adjoint, name + "Pullback", a);
    return flat(outputs);
  }

  /** H·v by {@code fHvp}, laid out flat; also checks that it returns the value. */
  double[] hvp(double[] t, double[] v) {
    List<Object> a = args(t);
    a.addAll(directions(v));
    List<double[]> outputs = outputs(a);
    double value = (double) invoke(adjoint, name + "Hvp", a);
    if (Double.doubleToLongBits(value) != Double.doubleToLongBits(value(t))) {
      throw new AssertionError(name + "Hvp returned " + value + ", not the value " + value(t));
    }
    return flat(outputs);
  }

  double[][] hessian(double[] t) {
    return (double[][]) invoke(adjoint, name + "Hessian", args(t));
  }

  /** Appends the output slots: {@code double[]} for the scalars, then one array per array. */
  private List<double[]> outputs(List<Object> a) {
    int scalars = (int) Arrays.stream(spec).filter("d"::equals).count();
    List<double[]> out = new ArrayList<>();
    if (scalars > 0) {
      out.add(new double[scalars]);
      a.add(out.get(0));
    }
    for (String s : spec) {
      if (s.startsWith("v")) {
        double[] bar = new double[Integer.parseInt(s.substring(1))];
        out.add(bar);
        a.add(bar);
      }
    }
    return out;
  }

  /** The outputs back in declaration order. */
  private double[] flat(List<double[]> outputs) {
    double[] out = new double[n];
    int scalars = (int) Arrays.stream(spec).filter("d"::equals).count();
    int slot = 0;
    int array = scalars > 0 ? 1 : 0;
    int at = 0;
    for (String s : spec) {
      if (s.equals("d")) {
        out[at++] = outputs.get(0)[slot++];
      } else if (s.startsWith("v")) {
        double[] bar = outputs.get(array++);
        System.arraycopy(bar, 0, out, at, bar.length);
        at += bar.length;
      }
    }
    return out;
  }

  private static Object invoke(Class<?> owner, String method, List<Object> args) {
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.size()) {
        try {
          m.setAccessible(true);
          return m.invoke(null, args.toArray());
        } catch (InvocationTargetException e) {
          throw new AssertionError(method + " threw", e.getCause());
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no " + owner.getSimpleName() + "." + method + " with "
        + args.size() + " parameters");
  }

  private static double[][] deepCopy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
