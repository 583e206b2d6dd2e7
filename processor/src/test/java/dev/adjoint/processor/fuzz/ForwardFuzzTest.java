package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward mode and second order on random programs: each generated program compiled with every
 * annotated method asking for {@code modes = {FORWARD, HESSIAN}}. A program the modes do not
 * support must be refused with {@code [adjoint.mode]} errors only (and is counted); every other
 * gets, at random points, the dot-product test of {@code fJvp} against the reverse-mode
 * gradient, the symmetry ⟨w, H v⟩ = ⟨v, H w⟩ of {@code fHvp}, and {@code fHvp} against central
 * differences of the gradient where those are stable.
 *
 * <pre>
 * mvn -B -o test -pl processor -am -Dtest=ForwardFuzzTest -Dadjoint.fuzz.programs=2000 -Dadjoint.fuzz.seed=1
 * </pre>
 */
class ForwardFuzzTest {
  private static final String MODES = "modes = {dev.adjoint.Differentiable.Mode.FORWARD,"
      + " dev.adjoint.Differentiable.Mode.HESSIAN}";

  /** {@code text} with every {@code @Differentiable} asking for forward mode and HVPs too. */
  static String withModes(String text) {
    return text.replaceAll("@Differentiable\\(wrt = (\\{[^}]*\\})\\)",
        "@Differentiable(wrt = $1, " + MODES + ")")
        .replaceAll("@Differentiable(?=\\s)", "@Differentiable(" + MODES + ")");
  }

  @Test
  void forwardModeAndHvpsOfRandomPrograms() {
    long master = Long.getLong("adjoint.fuzz.seed", RandomProgramTest.DEFAULT_SEED) + 12;
    int programs = Math.max(40, Integer.getInteger("adjoint.fuzz.programs", 200) / 5);
    if (System.getProperty("adjoint.fuzz.forward") != null) {
      programs = Integer.getInteger("adjoint.fuzz.programs", 200);
    }
    int batch = 80;
    int checked = 0;
    int refused = 0;
    int skipped = 0;
    List<String> failures = new ArrayList<>();
    Random seeds = new Random(master);
    for (int start = 0; start < programs; start += batch) {
      List<Program> ps = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < Math.min(batch, programs - start); i++) {
        Program p = ProgramGenerator.generate(seeds.nextLong());
        ps.add(p);
        texts.add(withModes(p.toJava(BatchCompiler.className(i))));
      }
      BatchCompiler.Result result = BatchCompiler.compileTexts(texts, true);
      for (int i = 0; i < ps.size(); i++) {
        Failure f = result.failures().get(i);
        if (f != null) {
          if (String.valueOf(f).contains("[adjoint.mode]") && !String.valueOf(f)
              .contains("[adjoint.internal]")) {
            refused++;
          } else {
            failures.add("program " + ps.get(i).seed() + ": " + f);
          }
          continue;
        }
        BatchCompiler.Loaded loaded = result.loaded().get(i);
        String problem;
        try {
          problem = check(ps.get(i), loaded);
        } catch (RuntimeException | AssertionError e) {
          problem = e.toString();
        }
        if (problem == null) {
          checked++;
        } else if (problem.equals(SKIP)) {
          skipped++;
        } else {
          failures.add("program " + ps.get(i).seed() + ": " + problem + "\n"
              + loaded.adjointSource());
        }
      }
    }
    String summary = String.format(Locale.ROOT, "forward fuzz: %d programs, %d checked, %d"
        + " refused with [adjoint.mode], %d skipped (instance methods), %d failures", programs,
        checked, refused, skipped, failures.size());
    System.out.println(summary);
    failures.forEach(f -> System.out.println(f.substring(0, Math.min(240, f.length()))
        .replace('\n', ' ')));
    assertTrue(failures.isEmpty(), summary + "\n" + String.join("\n\n",
        failures.subList(0, Math.min(3, failures.size()))));
    assertTrue(checked >= programs / 4, "too few programs supported: " + summary);
  }

  private static final String SKIP = "skip";

  /** Null if the program passes; else what is wrong. */
  private static String check(Program p, BatchCompiler.Loaded loaded) throws AssertionError {
    Method original = find(loaded.original(), Program.MAIN, -1);
    if (!java.lang.reflect.Modifier.isStatic(original.getModifiers())) {
      return SKIP;
    }
    Checker.Subject subject = Checker.Subject.of(p);
    Checker checker = new Checker(subject);
    List<Program.Param> params = subject.params();
    List<Integer> wrt = subject.differentiated();
    int n = params.size();
    Method jvp = find(loaded.adjoint(), Program.MAIN + "Jvp", n + wrt.size());
    Method hvpMethod = find(loaded.adjoint(), Program.MAIN + "Hvp", -1);
    Method pullback = find(loaded.adjoint(), Program.MAIN + "Pullback", -1);
    Random r = new Random(p.seed() ^ 0x9E3779B97F4A7C15L);
    for (int attempt = 1; attempt <= 3; attempt++) {
      Object[] x = checker.point(r, attempt);
      double value = (double) call(original, Checker.copy(x));
      double[] g = gradient(pullback, x, params, wrt);
      if (!Double.isFinite(value) || !finite(g) || Math.abs(value) > 1e8) {
        continue;
      }
      double[] u = r.doubles(g.length, -1, 1).toArray();
      double[] w = r.doubles(g.length, -1, 1).toArray();
      List<Object> a = new ArrayList<>(Arrays.asList(Checker.copy(x)));
      a.addAll(directions(u, params, wrt, x));
      double ju = (double) call(jvp, a.toArray());
      double gu = 0;
      double scale = 1;
      for (int k = 0; k < g.length; k++) {
        gu += g[k] * u[k];
        scale += Math.abs(g[k] * u[k]);
      }
      if (!(Math.abs(ju - gu) <= 1e-9 * scale)) {
        return "dot-product test: fJvp " + ju + ", gradient·u " + gu + " at " + show(x);
      }
      double[] hu = hvp(hvpMethod, x, u, params, wrt, value);
      double[] hw = hvp(hvpMethod, x, w, params, wrt, value);
      if (hu == null || hw == null) {
        return "fHvp did not return the value at " + show(x);
      }
      if (!finite(hu) || !finite(hw)) {
        continue;
      }
      double wHu = dot(w, hu);
      double uHw = dot(u, hw);
      double hScale = 1 + absDot(w, hu) + absDot(u, hw);
      if (!(Math.abs(wHu - uHw) <= 1e-8 * hScale)) {
        return "symmetry: ⟨w, H u⟩ " + wHu + ", ⟨u, H w⟩ " + uHw + " at " + show(x);
      }
      String fd = againstDifferences(pullback, x, u, hu, params, wrt);
      if (fd != null) {
        return fd + " at " + show(x);
      }
    }
    return null;
  }

  /** fHvp against differences of the gradient at steps h and h/2, where those two agree. */
  private static String againstDifferences(Method pullback, Object[] x, double[] u, double[] hu,
      List<Program.Param> params, List<Integer> wrt) {
    double[][] est = new double[2][];
    for (int s = 0; s < 2; s++) {
      double h = s == 0 ? 1e-4 : 5e-5;
      double[] plus = gradient(pullback, shifted(x, u, h, params, wrt), params, wrt);
      double[] minus = gradient(pullback, shifted(x, u, -h, params, wrt), params, wrt);
      est[s] = new double[hu.length];
      for (int k = 0; k < hu.length; k++) {
        est[s][k] = (plus[k] - minus[k]) / (2 * h);
      }
    }
    for (int k = 0; k < hu.length; k++) {
      double tol = 1e-4 * (1 + Math.abs(est[1][k]));
      boolean stable = Math.abs(est[0][k] - est[1][k]) <= tol;
      if (stable && Math.abs(hu[k] - est[1][k]) > 50 * tol) {
        return "H·u [" + k + "]: fHvp " + hu[k] + ", differences of the gradient " + est[1][k]
            + " (" + est[0][k] + ")";
      }
    }
    return null;
  }

  private static Object[] shifted(Object[] x, double[] u, double h, List<Program.Param> params,
      List<Integer> wrt) {
    Object[] out = Checker.copy(x);
    List<Object> d = directions(u, params, wrt, x);
    for (int k = 0; k < wrt.size(); k++) {
      int p = wrt.get(k);
      if (out[p] instanceof Double v) {
        out[p] = v + h * (double) d.get(k);
      } else if (out[p] instanceof double[] a) {
        double[] da = (double[]) d.get(k);
        for (int i = 0; i < a.length; i++) {
          a[i] += h * da[i];
        }
      } else {
        double[][] m = (double[][]) out[p];
        double[][] dm = (double[][]) d.get(k);
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            m[i][j] += h * dm[i][j];
          }
        }
      }
    }
    return out;
  }

  /** Flat {@code u} as one direction argument per differentiated parameter. */
  private static List<Object> directions(double[] u, List<Program.Param> params,
      List<Integer> wrt, Object[] x) {
    List<Object> out = new ArrayList<>();
    int at = 0;
    for (int p : wrt) {
      if (params.get(p).type() == Program.Type.DOUBLE) {
        out.add(u[at++]);
      } else if (x[p] instanceof double[] a) {
        out.add(Arrays.copyOfRange(u, at, at + a.length));
        at += a.length;
      } else {
        double[][] m = (double[][]) x[p];
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          d[i] = Arrays.copyOfRange(u, at, at + m[i].length);
          at += m[i].length;
        }
        out.add(d);
      }
    }
    return out;
  }

  /** The adjoint outputs of a pullback or fHvp call: {@code grad}, then the arrays. */
  private static List<Object> outputs(List<Program.Param> params, List<Integer> wrt,
      Object[] x) {
    List<Object> out = new ArrayList<>();
    long scalars = wrt.stream().filter(p -> params.get(p).type() == Program.Type.DOUBLE).count();
    if (scalars > 0) {
      out.add(new double[(int) scalars]);
    }
    for (int p : wrt) {
      if (x[p] instanceof double[] a) {
        out.add(new double[a.length]);
      } else if (x[p] instanceof double[][] m) {
        double[][] z = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
          z[i] = new double[m[i].length];
        }
        out.add(z);
      }
    }
    return out;
  }

  private static double[] flat(List<Object> outputs, List<Program.Param> params,
      List<Integer> wrt) {
    List<Double> out = new ArrayList<>();
    boolean scalars = wrt.stream().anyMatch(p -> params.get(p).type() == Program.Type.DOUBLE);
    int slot = 0;
    int array = scalars ? 1 : 0;
    for (int p : wrt) {
      if (params.get(p).type() == Program.Type.DOUBLE) {
        out.add(((double[]) outputs.get(0))[slot++]);
      } else if (outputs.get(array) instanceof double[] a) {
        array++;
        for (double v : a) {
          out.add(v);
        }
      } else {
        for (double[] row : (double[][]) outputs.get(array++)) {
          for (double v : row) {
            out.add(v);
          }
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] gradient(Method pullback, Object[] x, List<Program.Param> params,
      List<Integer> wrt) {
    List<Object> a = new ArrayList<>(Arrays.asList(Checker.copy(x)));
    a.add(1.0);
    List<Object> outs = outputs(params, wrt, x);
    a.addAll(outs);
    call(pullback, a.toArray());
    return flat(outs, params, wrt);
  }

  private static double[] hvp(Method hvp, Object[] x, double[] u, List<Program.Param> params,
      List<Integer> wrt, double value) {
    List<Object> a = new ArrayList<>(Arrays.asList(Checker.copy(x)));
    a.addAll(directions(u, params, wrt, x));
    List<Object> outs = outputs(params, wrt, x);
    a.addAll(outs);
    double returned = (double) call(hvp, a.toArray());
    return Double.compare(returned, value) == 0 ? flat(outs, params, wrt) : null;
  }

  private static Method find(Class<?> owner, String name, int arity) {
    Method best = null;
    for (Method m : owner.getDeclaredMethods()) {
      if (m.getName().equals(name) && (arity < 0 || m.getParameterCount() == arity)
          && (best == null || m.getParameterCount() < best.getParameterCount())) {
        best = m; // the pullback's overload without Stacks
      }
    }
    if (best == null) {
      throw new AssertionError("no " + owner.getSimpleName() + "." + name);
    }
    best.setAccessible(true);
    return best;
  }

  private static Object call(Method m, Object[] args) {
    Ticks.reset(); // the stateful helper starts afresh in every call, as in Checker
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(m.getName() + " threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean finite(double[] v) {
    return Arrays.stream(v).allMatch(Double::isFinite);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double absDot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] * b[i]);
    }
    return s;
  }

  private static String show(Object[] x) {
    return Arrays.deepToString(x);
  }
}
