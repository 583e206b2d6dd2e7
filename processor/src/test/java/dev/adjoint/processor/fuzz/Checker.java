package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import dev.adjoint.runtime.Stacks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Checks one compiled program's generated {@code f} and {@code fPullback} (analyses on and off)
 * at seeded random points:
 *
 * <ul>
 *   <li><b>value</b>: the record's {@code value} and the pullback's return value equal the
 *       original method's value exactly (bit for bit), at every point;
 *   <li><b>gradient</b>: every coordinate of every differentiated parameter agrees with central
 *       differences (Richardson-extrapolated, at two step sizes), at points that pass the
 *       smoothness screen below;
 *   <li><b>pullback</b>: seed 2.5 into pre-filled buffers adds exactly seed × the record's
 *       gradient; the {@code Stacks} overload, called twice with one {@code Stacks}, agrees and
 *       leaves it empty;
 *   <li><b>analyses off</b>: the same value exactly and the same gradient (to rounding);
 *   <li>the arguments are left unchanged and nothing throws.
 * </ul>
 *
 * <p>The smoothness screen: finite differences evaluate the instrumented twin ({@link Trace}), and
 * a point is rejected when any probe takes a different branch, crosses a kink, hits a singular
 * point or a non-finite value, or when the two step sizes disagree (the function is too curved or
 * too noisy there for differences to be a reference). Rejected points still get the value checks.
 */
final class Checker {

  static final double SEED = 2.5;
  private static final double MAX_VALUE = 1e6;
  private static final double STEP = 1e-3;
  private static final double UNSTABLE = 1e-6;
  private static final double GRADIENT_TOLERANCE = 1e-5;
  private static final double ROUNDING = 1e-8;

  /** The outcome for one program. */
  record Verdict(Failure failure, int accepted, int rejected) {
    boolean failed() {
      return failure != null;
    }

    boolean inconclusive() {
      return failure == null && accepted == 0;
    }
  }

  private final Subject subject;
  private final List<Coord> coords = new ArrayList<>();
  private final int[] scalarSlot;
  private final int[] arraySlot;
  private final int scalarCount;
  private final List<Integer> arrayParams = new ArrayList<>();
  private final Class<?>[] paramTypes;

  /** A coordinate of a differentiated parameter: {@code (param, i, j)}, -1 where not used. */
  private record Coord(int param, int i, int j) {}

  /** The generated methods of one compilation. */
  private record Generated(Method record, Method pullback, Method pullbackWithStacks,
      String source) {}

  /**
   * The method under test: {@code static double f(params)} with these parameters, of which
   * {@code differentiated} (indices) are differentiated; arrays have {@code arrayLength} elements
   * (matrices are square); {@code seed} seeds the random points.
   */
  record Subject(List<Param> params, List<Integer> differentiated, int arrayLength, long seed) {
    static Subject of(Program p) {
      return new Subject(p.main().params(), p.main().differentiated(), p.arrayLength(),
          p.seed());
    }
  }

  Checker(Subject subject) {
    this.subject = subject;
    List<Param> params = subject.params();
    paramTypes = new Class<?>[params.size()];
    for (int i = 0; i < params.size(); i++) {
      paramTypes[i] = javaType(params.get(i).type());
    }
    scalarSlot = new int[params.size()];
    arraySlot = new int[params.size()];
    Arrays.fill(scalarSlot, -1);
    Arrays.fill(arraySlot, -1);
    int scalars = 0;
    int L = subject.arrayLength();
    for (int p : subject.differentiated()) {
      Type t = params.get(p).type();
      if (t == Type.DOUBLE) {
        scalarSlot[p] = scalars++;
        coords.add(new Coord(p, -1, -1));
      } else if (t == Type.ARRAY) {
        arraySlot[p] = arrayParams.size();
        arrayParams.add(p);
        for (int i = 0; i < L; i++) {
          coords.add(new Coord(p, i, -1));
        }
      } else {
        arraySlot[p] = arrayParams.size();
        arrayParams.add(p);
        for (int i = 0; i < L; i++) {
          for (int j = 0; j < L; j++) {
            coords.add(new Coord(p, i, j));
          }
        }
      }
    }
    scalarCount = scalars;
  }

  static Class<?> javaType(Type t) {
    return switch (t) {
      case DOUBLE -> double.class;
      case INT -> int.class;
      case LONG -> long.class;
      case BOOLEAN -> boolean.class;
      case ARRAY -> double[].class;
      case MATRIX -> double[][].class;
      case MODE, TEXT -> ObjectValues.javaType(t);
    };
  }

  /** Checks {@code program} at up to {@code points} accepted random points. */
  static Verdict check(Program program, BatchCompiler.Loaded on, BatchCompiler.Loaded off,
      int points) {
    return new Checker(Subject.of(program)).run(on, off, points, null);
  }

  // ---------------------------------------------------------------------------------------------

  private static final class Stop extends RuntimeException {
    final Failure failure;

    Stop(Failure failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  /**
   * Checks at {@code points} accepted random points, or at exactly {@code given} points (then
   * every one must pass the smoothness screen). Without a trace twin ({@code off.trace()} null),
   * finite differences evaluate the original and the screen has only the step-size comparison.
   */
  Verdict run(BatchCompiler.Loaded on, BatchCompiler.Loaded off, int points,
      List<Object[]> given) {
    return run(on, off, points, given, true);
  }

  /** As above; {@code requireSmooth} false accepts given points that fail the screen. */
  Verdict run(BatchCompiler.Loaded on, BatchCompiler.Loaded off, int points,
      List<Object[]> given, boolean requireSmooth) {
    Method original;
    Method trace;
    Generated genOn;
    Generated genOff;
    try {
      original = find(on.original(), Program.MAIN, paramTypes, "original");
      trace = off.trace() == null ? original
          : find(off.trace(), Program.MAIN, paramTypes, "trace twin");
      genOn = generated(on, "analyses on");
      genOff = generated(off, "analyses off");
    } catch (Stop s) {
      return new Verdict(s.failure, 0, 0);
    }
    Random r = new Random(subject.seed() * 0x5DEECE66DL + 11);
    int accepted = 0;
    int rejected = 0;
    int attempts = 0;
    try {
      if (given != null) {
        for (Object[] args : given) {
          if (!checkPoint(args, original, trace, genOn, genOff) && requireSmooth) {
            return new Verdict(new Failure(Failure.Kind.GENERATOR, "not-smooth",
                "the given point " + show(args) + " does not pass the smoothness screen"),
                accepted, rejected + 1);
          }
          accepted++;
        }
        return new Verdict(null, accepted, rejected);
      }
      while (accepted < points && attempts < 4 * points + 4) {
        attempts++;
        Object[] args = point(r, attempts);
        boolean ok = checkPoint(args, original, trace, genOn, genOff);
        if (ok) {
          accepted++;
        } else {
          rejected++;
        }
      }
    } catch (Stop s) {
      return new Verdict(s.failure, accepted, rejected);
    }
    return new Verdict(null, accepted, rejected);
  }

  /** A random point of the program's parameters (for {@code ForwardFuzzTest} too). */
  Object[] point(Random r, int attempt) {
    double range = attempt <= 4 ? 2.0 : attempt <= 8 ? 1.0 : 0.5;
    int L = subject.arrayLength();
    List<Param> params = subject.params();
    Object[] args = new Object[params.size()];
    for (int i = 0; i < args.length; i++) {
      switch (params.get(i).type()) {
        case DOUBLE -> args[i] = u(r, range);
        case INT -> args[i] = r.nextInt(5);
        case LONG -> args[i] = (long) r.nextInt(5);
        case BOOLEAN -> args[i] = r.nextBoolean();
        case MODE, TEXT -> args[i] = ObjectValues.argument(r, params.get(i).type());
        case ARRAY -> {
          double[] a = new double[L];
          for (int k = 0; k < L; k++) {
            a[k] = u(r, range * 0.75);
          }
          args[i] = a;
        }
        case MATRIX -> {
          double[][] m = new double[L][L];
          for (int k = 0; k < L; k++) {
            for (int j = 0; j < L; j++) {
              m[k][j] = u(r, 0.5 * range) + (k == j ? 1.5 : 0);
            }
          }
          args[i] = m;
        }
      }
    }
    return args;
  }

  private static double u(Random r, double range) {
    // a few digits only, so points print exactly and replay from the message
    return Math.round((2 * r.nextDouble() - 1) * range * 1e4) / 1e4;
  }

  /** Returns whether the point passed the smoothness screen (and so had its gradient checked). */
  private boolean checkPoint(Object[] args, Method original, Method trace, Generated on,
      Generated off) {
    // reference value, through javac's compilation of the original
    double value;
    try {
      Object[] written = copy(args);
      value = (double) invoke(original, written);
      originalAfter = written;
    } catch (InvocationTargetException e) {
      throw new Stop(new Failure(Failure.Kind.GENERATOR, "original-threw",
          "the original method threw " + e.getCause() + " at " + show(args)));
    }
    Trace.reset();
    double traced;
    try {
      traced = (double) invoke(trace, copy(args));
    } catch (InvocationTargetException e) {
      throw new Stop(new Failure(Failure.Kind.GENERATOR, "trace-threw",
          "the trace twin threw " + e.getCause() + " at " + show(args)));
    }
    long hash = Trace.hash();
    boolean singular = Trace.singular();
    double magnitude = Trace.magnitude();
    if (Double.compare(traced, value) != 0) {
      throw new Stop(new Failure(Failure.Kind.GENERATOR, "trace-value",
          "the trace twin computes " + traced + ", the original " + value + " at "
              + show(args)));
    }
    boolean smooth = !singular && Double.isFinite(value) && Math.abs(value) < MAX_VALUE;
    double[][] fd = null;
    if (smooth) {
      fd = differences(trace, args, hash, magnitude);
      smooth = fd != null;
    }

    // analyses on: record, pullback, stacks
    double[] gradOn = recordCall(on, args, value, "on", singular);
    double[] pulled = pullbackCall(on, args, value, "on", singular);
    if (gradOn != null && smooth) {
      for (int c = 0; c < coords.size(); c++) {
        double ad = gradOn[c];
        double instability = relative(fd[0][c], fd[1][c]);
        double err = Math.min(relative(ad, fd[0][c]), relative(ad, fd[1][c]));
        if (!(err <= GRADIENT_TOLERANCE + 10 * instability)) {
          throw new Stop(new Failure(Failure.Kind.GRADIENT, "",
              String.format(Locale.ROOT, "d/d%s: generated %s, finite differences %s (%s)"
                      + " at %s%n  generated gradient %s%n  finite differences %s", coordName(c),
                  ad, fd[0][c], fd[1][c], show(args), Arrays.toString(gradOn),
                  Arrays.toString(fd[0]))
                  + "\n" + snippet(on)));
        }
      }
      comparePullback(pulled, gradOn, value, args, "on", on);
    }
    // analyses off
    double[] gradOff = recordCall(off, args, value, "off", singular);
    double[] pulledOff = pullbackCall(off, args, value, "off", singular);
    if (smooth && gradOff != null && gradOn != null) {
      for (int c = 0; c < coords.size(); c++) {
        if (!sameUpToRounding(gradOff[c], gradOn[c], 1e-7, magnitude(value, gradOn, gradOff))) {
          throw new Stop(new Failure(Failure.Kind.ANALYSES_OFF, "",
              String.format(Locale.ROOT, "d/d%s: analyses on %s, off %s (finite differences"
                      + " %s) at %s%n  on  %s%n  off %s", coordName(c), gradOn[c], gradOff[c],
                  fd[0][c], show(args), Arrays.toString(gradOn), Arrays.toString(gradOff))
                  + "\n" + snippet(on) + "\n---- analyses off ----\n" + snippet(off)));
        }
      }
      comparePullback(pulledOff, gradOff, value, args, "off", off);
    }
    return smooth;
  }

  /**
   * Richardson-extrapolated central differences at steps h and h/4; null if not smooth, or if
   * rounding in intermediates of {@code magnitude} could hide a derivative from the smallest step
   * (catastrophic cancellation: {@code x1 + big - big} is 0 in floating point, its derivative 1).
   */
  private double[][] differences(Method trace, Object[] args, long hash, double magnitude) {
    double[][] fd = new double[2][coords.size()];
    for (int c = 0; c < coords.size(); c++) {
      double x = get(args, coords.get(c));
      double h = STEP * Math.max(1, Math.abs(x));
      double[] est = new double[2];
      for (int s = 0; s < 2; s++) {
        double hs = s == 0 ? h : h / 4;
        double wide = central(trace, args, c, x, hs, hash);
        double narrow = central(trace, args, c, x, hs / 2, hash);
        if (Double.isNaN(wide) || Double.isNaN(narrow)) {
          return null;
        }
        est[s] = (4 * narrow - wide) / 3;
      }
      double noise = 0x1p-52 * magnitude / (h / 8);
      if (relative(est[0], est[1]) > UNSTABLE || Math.abs(est[0]) > 1e8
          || noise > UNSTABLE * Math.max(1, Math.abs(est[0]))) {
        return null;
      }
      fd[0][c] = est[0];
      fd[1][c] = est[1];
    }
    return fd;
  }

  /** A central difference, or NaN if a probe leaves the smooth piece the point is on. */
  private double central(Method trace, Object[] args, int c, double x, double h, long hash) {
    double up = x + h;
    double down = x - h;
    double fUp = probe(trace, args, c, up, hash);
    double fDown = probe(trace, args, c, down, hash);
    return (fUp - fDown) / (up - down);
  }

  private double probe(Method trace, Object[] args, int c, double x, long hash) {
    Object[] a = copy(args);
    set(a, coords.get(c), x);
    Trace.reset();
    double v;
    try {
      v = (double) invoke(trace, a);
    } catch (InvocationTargetException e) {
      return Double.NaN;
    }
    if (Trace.hash() != hash || Trace.singular() || !Double.isFinite(v)
        || Math.abs(v) > MAX_VALUE) {
      return Double.NaN;
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // generated calls

  private double[] recordCall(Generated g, Object[] args, double value, String mode,
      boolean singular) {
    Object[] a = copy(args);
    Object record;
    try {
      record = invoke(g.record(), a);
    } catch (InvocationTargetException e) {
      if (singular) {
        return null;
      }
      throw threw(g, "f", mode, args, e);
    }
    checkUnchanged(args, a, g, "f", mode);
    RecordComponent[] rc = record.getClass().getRecordComponents();
    double v = (double) read(rc[0], record);
    if (Double.compare(v, value) != 0) {
      throw new Stop(new Failure(Failure.Kind.VALUE, mode,
          "analyses " + mode + ": the record's value is " + v + ", the original's " + value
              + " at " + show(args) + "\n" + snippet(g)));
    }
    double[] grad = new double[coords.size()];
    List<Integer> diff = subject.differentiated();
    if (rc.length != diff.size() + 1) {
      throw new Stop(new Failure(Failure.Kind.SIGNATURE, "components",
          "record has " + (rc.length - 1) + " derivative components, expected " + diff.size()));
    }
    for (int c = 0; c < coords.size(); c++) {
      Coord k = coords.get(c);
      Object comp = read(rc[1 + diff.indexOf(k.param())], record);
      grad[c] = element(comp, k);
    }
    return grad;
  }

  private double[] pullbackCall(Generated g, Object[] args, double value, String mode,
      boolean singular) {
    Random r = new Random(42);
    double[] grad = new double[scalarCount];
    for (int i = 0; i < grad.length; i++) {
      grad[i] = r.nextDouble() - 0.5;
    }
    Object[] bars = new Object[arrayParams.size()];
    for (int k = 0; k < bars.length; k++) {
      bars[k] = filledLike(args[arrayParams.get(k)], r);
    }
    double[] before = flatten(grad, bars);
    Object[] a = copy(args);
    double v;
    try {
      v = (double) invoke(g.pullback(), pullbackArgs(a, grad, bars, null));
    } catch (InvocationTargetException e) {
      if (singular) {
        return null;
      }
      throw threw(g, "fPullback", mode, args, e);
    }
    checkUnchanged(args, a, g, "fPullback", mode);
    if (Double.compare(v, value) != 0) {
      throw new Stop(new Failure(Failure.Kind.VALUE, mode + "-pullback",
          "analyses " + mode + ": the pullback returns " + v + ", the original " + value + " at "
              + show(args) + "\n" + snippet(g)));
    }
    double[] after = flatten(grad, bars);
    double[] delta = new double[after.length];
    for (int i = 0; i < delta.length; i++) {
      delta[i] = (after[i] - before[i]) / SEED;
    }
    if (g.pullbackWithStacks() != null) {
      Stacks stacks = new Stacks(1);
      for (int round = 0; round < 2; round++) {
        double[] grad2 = new double[scalarCount];
        Object[] bars2 = new Object[bars.length];
        for (int k = 0; k < bars.length; k++) {
          bars2[k] = filledLike(args[arrayParams.get(k)], null);
        }
        double v2;
        try {
          v2 = (double) invoke(g.pullbackWithStacks(),
              pullbackArgs(copy(args), grad2, bars2, stacks));
        } catch (InvocationTargetException e) {
          throw threw(g, "fPullback(..., Stacks)", mode, args, e);
        }
        double[] d2 = flatten(grad2, bars2);
        for (int i = 0; i < d2.length; i++) {
          d2[i] /= SEED;
        }
        if (Double.compare(v2, value) != 0 || !stacks.isEmpty()
            || !closeEnough(d2, delta, magnitude(value, d2, delta))) {
          throw new Stop(new Failure(Failure.Kind.PULLBACK, mode + "-stacks",
              "analyses " + mode + ": fPullback with a reused Stacks (call " + (round + 1)
                  + ") returns " + v2 + " (original " + value + "), stacks "
                  + (stacks.isEmpty() ? "empty" : "NOT empty") + ", gradient "
                  + Arrays.toString(d2) + " vs " + Arrays.toString(delta) + " at "
                  + show(args) + "\n" + snippet(g)));
        }
      }
    }
    return delta;
  }

  private void comparePullback(double[] pulled, double[] grad, double value, Object[] args,
      String mode, Generated g) {
    if (pulled == null) {
      return;
    }
    double magnitude = magnitude(value, pulled, grad);
    for (int c = 0; c < coords.size(); c++) {
      if (!sameUpToRounding(pulled[c], grad[c], ROUNDING, magnitude)) {
        throw new Stop(new Failure(Failure.Kind.PULLBACK, mode,
            String.format(Locale.ROOT, "analyses %s: d/d%s: pullback (seed %s, pre-filled"
                    + " buffers) adds %s × seed, the record says %s at %s", mode, coordName(c),
                SEED, pulled[c], grad[c], show(args)) + "\n" + snippet(g)));
      }
    }
  }

  private Object[] pullbackArgs(Object[] args, double[] grad, Object[] bars, Stacks stacks) {
    List<Object> all = new ArrayList<>(Arrays.asList(args));
    all.add(SEED);
    if (scalarCount > 0) {
      all.add(grad);
    }
    all.addAll(Arrays.asList(bars));
    if (stacks != null) {
      all.add(stacks);
    }
    return all.toArray();
  }

  /** Scalars then arrays, as coordinates: the same order as {@link #coords}. */
  private double[] flatten(double[] grad, Object[] bars) {
    double[] out = new double[coords.size()];
    for (int c = 0; c < coords.size(); c++) {
      Coord k = coords.get(c);
      out[c] = scalarSlot[k.param()] >= 0 ? grad[scalarSlot[k.param()]]
          : element(bars[arraySlot[k.param()]], k);
    }
    return out;
  }

  private Generated generated(BatchCompiler.Loaded l, String mode) {
    if (l.adjoint() == null) {
      throw new Stop(new Failure(Failure.Kind.SIGNATURE, "no-adjoint",
          mode + ": no adjoint class was generated"));
    }
    Class<?> adj = l.adjoint();
    Class<?>[] types = withReceiver(l.original(), paramTypes);
    Method record = find(adj, Program.MAIN, types, mode + " record method");
    List<Class<?>> trailing = new ArrayList<>(Arrays.asList(types));
    trailing.add(double.class);
    if (scalarCount > 0) {
      trailing.add(double[].class);
    }
    for (int p : arrayParams) {
      trailing.add(paramTypes[p]);
    }
    Method pullback = find(adj, Program.MAIN + "Pullback", trailing.toArray(Class<?>[]::new),
        mode + " pullback");
    trailing.add(Stacks.class);
    Method withStacks;
    try {
      withStacks = adj.getDeclaredMethod(Program.MAIN + "Pullback",
          trailing.toArray(Class<?>[]::new));
      withStacks.setAccessible(true);
    } catch (NoSuchMethodException e) {
      withStacks = null;
    }
    return new Generated(record, pullback, withStacks, l.adjointSource());
  }

  private static Method find(Class<?> owner, String name, Class<?>[] types, String what) {
    try {
      Method m = owner.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      StringBuilder have = new StringBuilder();
      for (Method m : owner.getDeclaredMethods()) {
        have.append("\n  ").append(m);
      }
      throw new Stop(new Failure(Failure.Kind.SIGNATURE, "missing",
          "no " + what + " " + name + Arrays.toString(types) + " in " + owner.getName()
              + "; it declares:" + have));
    }
  }

  private Stop threw(Generated g, String method, String mode, Object[] args,
      InvocationTargetException e) {
    Throwable cause = e.getCause();
    return new Stop(new Failure(Failure.Kind.THREW, mode + ":" + cause.getClass().getSimpleName(),
        "analyses " + mode + ": generated " + method + " threw at " + show(args) + ":\n"
            + BatchCompiler.stackTrace(cause) + "\n" + snippet(g)));
  }

  /**
   * The arguments after the original ran on the current point: a method that writes into its
   * array parameters leaves the same values there when generated calls run it.
   */
  private Object[] originalAfter;

  private void checkUnchanged(Object[] given, Object[] actual, Generated g, String method,
      String mode) {
    Object[] expected = originalAfter != null ? originalAfter : given;
    if (!Arrays.deepEquals(expected, actual)) {
      throw new Stop(new Failure(Failure.Kind.ARGS_MODIFIED, mode,
          "analyses " + mode + ": generated " + method + " changed its arguments from "
              + show(expected) + " to " + show(actual) + "\n" + snippet(g)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // values

  private static Object invoke(Method m, Object[] args) throws InvocationTargetException {
    Ticks.reset(); // every call starts the stateful helper afresh, so calls compare
    try {
      if (!Modifier.isStatic(m.getModifiers())) {
        return m.invoke(receiver(m.getDeclaringClass()), args);
      }
      Class<?>[] types = m.getParameterTypes();
      if (types.length == args.length + 1 && !types[0].isPrimitive() && !types[0].isArray()) {
        // The adjoint of an instance method takes the receiver first.
        Object[] withReceiver = new Object[args.length + 1];
        withReceiver[0] = receiver(types[0]);
        System.arraycopy(args, 0, withReceiver, 1, args.length);
        return m.invoke(null, withReceiver);
      }
      return m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** A fresh instance of a program's class (its constructor is private and takes nothing). */
  private static Object receiver(Class<?> c) {
    try {
      var constructor = c.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The generated methods' parameters: the receiver first for an instance method. */
  private static Class<?>[] withReceiver(Class<?> original, Class<?>[] types) {
    try {
      if (Modifier.isStatic(original.getDeclaredMethod(Program.MAIN, types).getModifiers())) {
        return types;
      }
    } catch (NoSuchMethodException e) {
      return types;
    }
    Class<?>[] out = new Class<?>[types.length + 1];
    out[0] = original;
    System.arraycopy(types, 0, out, 1, types.length);
    return out;
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      Method a = c.getAccessor();
      a.setAccessible(true);
      return a.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static double element(Object value, Coord k) {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof double[] a) {
      return a[k.i()];
    }
    return ((double[][]) value)[k.i()][k.j()];
  }

  private static double get(Object[] args, Coord k) {
    return element(args[k.param()], k);
  }

  private static void set(Object[] args, Coord k, double v) {
    Object a = args[k.param()];
    if (a instanceof Double) {
      args[k.param()] = v;
    } else if (a instanceof double[] arr) {
      arr[k.i()] = v;
    } else {
      ((double[][]) a)[k.i()][k.j()] = v;
    }
  }

  private static Object filledLike(Object array, Random r) {
    if (array instanceof double[] a) {
      double[] out = new double[a.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = r == null ? 0 : r.nextDouble() - 0.5;
      }
      return out;
    }
    double[][] m = (double[][]) array;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = (double[]) filledLike(m[i], r);
    }
    return out;
  }

  static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      } else if (out[i] instanceof double[][] m) {
        double[][] c = new double[m.length][];
        for (int k = 0; k < m.length; k++) {
          c[k] = m[k].clone();
        }
        out[i] = c;
      }
    }
    return out;
  }

  /** {@code |a - b| / max(1, |a|, |b|)}; NaN against anything but NaN is infinitely far. */
  static double relative(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (a == b) {
      return 0;
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  /**
   * Two computations of one derivative that may differ only by rounding (pullback against record,
   * analyses off against on): within {@code tol} relatively, or within {@code 1e-12 * magnitude}
   * absolutely, where {@code magnitude} is the size of the values around. Adjoint terms of that
   * size can cancel (a derivative that is mathematically zero comes out as their rounding
   * error), and adding them in another order, or into a pre-filled buffer, changes that error.
   * Wrong seeds, lost accumulations and unbalanced stacks are errors of order one.
   */
  static boolean sameUpToRounding(double a, double b, double tol, double magnitude) {
    return relative(a, b) <= tol || Math.abs(a - b) <= 1e-12 * magnitude;
  }

  private static double magnitude(double value, double[]... arrays) {
    double m = Math.abs(value);
    for (double[] a : arrays) {
      for (double x : a) {
        if (Double.isFinite(x)) {
          m = Math.max(m, Math.abs(x));
        }
      }
    }
    return Double.isFinite(m) ? m : 0;
  }

  private static boolean closeEnough(double[] a, double[] b, double magnitude) {
    for (int i = 0; i < a.length; i++) {
      if (!sameUpToRounding(a[i], b[i], 1e-12, magnitude)) {
        return false;
      }
    }
    return true;
  }

  private String coordName(int c) {
    Coord k = coords.get(c);
    String n = subject.params().get(k.param()).name();
    return n + (k.i() >= 0 ? "[" + k.i() + "]" : "") + (k.j() >= 0 ? "[" + k.j() + "]" : "");
  }

  String show(Object[] args) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      String v = a instanceof double[] d ? Arrays.toString(d)
          : a instanceof double[][] m ? Arrays.deepToString(m) : String.valueOf(a);
      parts.add(subject.params().get(i).name() + " = " + v);
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static String snippet(Generated g) {
    return "---- generated ----\n" + g.source();
  }
}
