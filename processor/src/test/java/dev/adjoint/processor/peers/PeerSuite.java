package dev.adjoint.processor.peers;

import dev.adjoint.processor.numeric.FiniteDifferences;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * One source class of {@code @Differentiable} methods written the way a user of another AD tool
 * would write them, compiled twice (analyses on and off); each method's generated value and
 * gradient (the record call) is checked against javac's compilation of the method (value) and
 * against central finite differences of it (every coordinate of every differentiated
 * parameter: scalars, {@code double[]}, {@code double[][]}, records of those), at random points
 * and, where the peer test states one, against a closed form.
 *
 * <p>Independent of the numeric harnesses on purpose: it reads the generated API only through
 * reflection, the way a user's test would, so a method of any shape (instance, record
 * parameters, arrays, {@code int} parameters) fits.
 */
final class PeerSuite {

  /** One method to check: its name, how to draw points, optional closed-form gradients. */
  private record Check(String method, int count, Function<Random, Object[]> sampler,
      List<Object[]> pinnedArgs, List<double[]> pinnedGradients, double tolerance) {}

  private final JavaSource source;
  private final List<JavaSource> others = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();
  private Object[] receiverArgs;
  private String classUnderTest;
  private final Compiled[] compiled = new Compiled[2];

  private PeerSuite(JavaSource source) {
    this.source = source;
  }

  static PeerSuite of(String qualifiedName, String... lines) {
    return new PeerSuite(JavaSource.of(qualifiedName, lines));
  }

  /** Other classes compiled with this one (helpers of another class). */
  PeerSuite with(JavaSource... more) {
    others.addAll(Arrays.asList(more));
    return this;
  }

  /** The class whose methods are checked, when not the source's public class. */
  PeerSuite testing(String binaryName) {
    this.classUnderTest = binaryName;
    return this;
  }

  /** Constructor arguments of the receiver for instance methods. */
  PeerSuite receiver(Object... ctorArgs) {
    this.receiverArgs = ctorArgs;
    return this;
  }

  /** {@code count} random points of {@code method} against finite differences. */
  PeerSuite check(String method, int count, Function<Random, Object[]> sampler) {
    checks.add(new Check(method, count, sampler, new ArrayList<>(), new ArrayList<>(), 1e-6));
    return this;
  }

  /** As {@link #check}, with a looser finite-difference tolerance (ill-conditioned functions). */
  PeerSuite check(String method, int count, double tolerance,
      Function<Random, Object[]> sampler) {
    checks.add(new Check(method, count, sampler, new ArrayList<>(), new ArrayList<>(),
        tolerance));
    return this;
  }

  /**
   * A closed-form gradient at {@code args} for the last {@link #check}ed method: every
   * differentiated parameter's coordinates flattened in declaration order (rows of matrices).
   */
  PeerSuite closedForm(Object[] args, double... gradient) {
    Check last = checks.get(checks.size() - 1);
    last.pinnedArgs().add(args);
    last.pinnedGradients().add(gradient);
    return this;
  }

  /**
   * Only the closed forms of the last {@link #check}ed method: for a function whose trip count
   * depends on its inputs (finite differences straddle the jumps; the derivative is that of the
   * iterations taken).
   */
  PeerSuite closedFormsOnly() {
    Check last = checks.remove(checks.size() - 1);
    checks.add(new Check(last.method(), last.count(), last.sampler(), last.pinnedArgs(),
        last.pinnedGradients(), Double.NaN));
    return this;
  }

  Stream<DynamicNode> tests() {
    List<DynamicNode> modes = new ArrayList<>();
    for (int mode = 0; mode < 2; mode++) {
      int m = mode;
      List<DynamicNode> nodes = new ArrayList<>();
      for (Check c : checks) {
        nodes.add(DynamicTest.dynamicTest(c.method(), () -> run(c, m)));
      }
      modes.add(DynamicContainer.dynamicContainer(m == 0 ? "analyses on" : "analyses off",
          nodes));
    }
    return modes.stream();
  }

  private synchronized Compiled compiled(int mode) {
    if (compiled[mode] == null) {
      List<JavaSource> all = new ArrayList<>(others);
      all.add(0, source);
      InProcessCompiler c = InProcessCompiler.create();
      if (mode == 1) {
        c = c.withOptions("-Aadjoint.analyses=off");
      }
      compiled[mode] = c.compile(all);
    }
    return compiled[mode];
  }

  private void run(Check c, int mode) throws Exception {
    Compiled comp = compiled(mode);
    Class<?> cls = comp.loadClass(classUnderTest != null ? classUnderTest
        : source.qualifiedName());
    Method original = only(cls, c.method());
    original.setAccessible(true);
    boolean instance = !Modifier.isStatic(original.getModifiers());
    Object receiver = instance ? newReceiver(cls) : null;
    Class<?> adj = comp.loadClass(adjointName(cls));
    Class<?>[] params = original.getParameterTypes();
    Class<?>[] genParams = params;
    if (instance) {
      genParams = new Class<?>[params.length + 1];
      genParams[0] = cls;
      System.arraycopy(params, 0, genParams, 1, params.length);
    }
    Method generated = adj.getDeclaredMethod(c.method(), genParams);
    generated.setAccessible(true);
    String snippet = comp.findGeneratedSource(adjointName(cls)).orElse("(none)");

    Random random = new Random(0xADE5L ^ c.method().hashCode());
    List<Object[]> points = new ArrayList<>();
    for (int i = 0; i < c.count(); i++) {
      points.add(c.sampler().apply(random));
    }
    points.addAll(c.pinnedArgs());
    List<String> failures = new ArrayList<>();
    for (int pi = 0; pi < points.size(); pi++) {
      Object[] args = resolve(comp, points.get(pi));
      double[] pinned = pi >= c.count() ? c.pinnedGradients().get(pi - c.count()) : null;
      checkPoint(original, generated, receiver, args, pinned, c.tolerance(), failures);
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(c.method() + (mode == 0 ? "" : " (analyses off)") + ":\n  - "
          + String.join("\n  - ", failures) + "\n---- generated ----\n" + snippet);
    }
  }

  private void checkPoint(Method original, Method generated, Object receiver, Object[] args,
      double[] pinned, double tolerance, List<String> failures) throws Exception {
    String at = " @ " + Arrays.deepToString(args);
    double expectedValue = (double) call(original, receiver, deepCopy(args));
    Object[] genArgs = deepCopy(args);
    if (receiver != null) {
      Object[] withReceiver = new Object[args.length + 1];
      withReceiver[0] = receiver;
      System.arraycopy(genArgs, 0, withReceiver, 1, genArgs.length);
      genArgs = withReceiver;
    }
    Object record = call(generated, null, genArgs);
    RecordComponent[] rc = record.getClass().getRecordComponents();
    double value = (double) rc[0].getAccessor().invoke(record);
    if (!(FiniteDifferences.relativeError(expectedValue, value) <= 1e-12)) {
      failures.add("value " + value + " but the method returns " + expectedValue + at);
    }
    Parameter[] ps = original.getParameters();
    List<Double> flatGradient = new ArrayList<>();
    for (int k = 1; k < rc.length; k++) {
      String name = rc[k].getName();
      int p = parameterIndex(ps, name);
      if (p < 0) {
        failures.add("record component " + name + " names no parameter");
        continue;
      }
      rc[k].getAccessor().setAccessible(true);
      Object component = rc[k].getAccessor().invoke(record);
      List<Double> got = new ArrayList<>();
      flattenAdjoint(component, args[p], got);
      int slots = countSlots(args[p]);
      if (got.size() != slots) {
        failures.add(name + " has " + got.size() + " entries, the parameter " + slots);
        continue;
      }
      for (int s = 0; s < slots && !Double.isNaN(tolerance); s++) {
        int slot = s;
        int param = p;
        double x0 = slotValue(args[p], s);
        double fd = FiniteDifferences.gradient(v -> {
          Object[] a = deepCopy(args);
          a[param] = withSlot(a[param], slot, v[0]);
          try {
            return (double) call(original, receiver, a);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, new double[] {x0})[0];
        double err = FiniteDifferences.relativeError(fd, got.get(s));
        if (!(err <= tolerance)) {
          failures.add(String.format(Locale.ROOT,
              "%s[%d] = %.12g but finite differences give %.12g (error %.2g)%s", name, s,
              got.get(s), fd, err, at));
        }
      }
      flatGradient.addAll(got);
    }
    if (pinned != null) {
      if (pinned.length != flatGradient.size()) {
        failures.add("closed form has " + pinned.length + " entries, gradient "
            + flatGradient.size());
      } else {
        for (int i = 0; i < pinned.length; i++) {
          if (!(FiniteDifferences.relativeError(pinned[i], flatGradient.get(i)) <= 1e-12)) {
            failures.add("gradient entry " + i + " = " + flatGradient.get(i)
                + " but the closed form gives " + pinned[i] + at);
          }
        }
      }
    }
  }

  private static int parameterIndex(Parameter[] ps, String component) {
    for (int i = 0; i < ps.length; i++) {
      String n = ps[i].getName();
      if (component.equals("d" + Character.toUpperCase(n.charAt(0)) + n.substring(1))) {
        return i;
      }
    }
    return -1;
  }

  private Object newReceiver(Class<?> cls) throws Exception {
    Object[] a = receiverArgs == null ? new Object[0] : receiverArgs;
    for (Constructor<?> k : cls.getDeclaredConstructors()) {
      if (k.getParameterCount() == a.length) {
        k.setAccessible(true);
        return k.newInstance(deepCopy(a));
      }
    }
    throw new AssertionError("no constructor of " + a.length + " parameters in " + cls);
  }

  private static String adjointName(Class<?> cls) {
    String pkg = cls.getPackageName();
    String rest = cls.getName().substring(pkg.length() + 1).replace('$', '_');
    return pkg + "." + rest + "Adjoint";
  }

  private static Method only(Class<?> cls, String name) {
    Method found = null;
    for (Method m : cls.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        if (found != null) {
          throw new AssertionError("two methods " + name);
        }
        found = m;
      }
    }
    if (found == null) {
      throw new AssertionError("no method " + name + " in " + cls);
    }
    return found;
  }

  private static Object call(Method m, Object receiver, Object[] args) throws Exception {
    m.setAccessible(true);
    try {
      return m.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception x) {
        throw x;
      }
      throw (Error) e.getCause();
    }
  }

  // ---- the differentiable coordinates of an argument: doubles, arrays, records of those ----

  private static int countSlots(Object v) {
    if (v instanceof Double) {
      return 1;
    }
    if (v instanceof double[] a) {
      return a.length;
    }
    if (v instanceof double[][] m) {
      int n = 0;
      for (double[] row : m) {
        n += row.length;
      }
      return n;
    }
    if (v != null && v.getClass().isRecord()) {
      int n = 0;
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        n += countSlots(read(c, v));
      }
      return n;
    }
    return 0;
  }

  private static double slotValue(Object v, int slot) {
    List<Double> out = new ArrayList<>();
    flattenValue(v, out);
    return out.get(slot);
  }

  private static void flattenValue(Object v, List<Double> out) {
    if (v instanceof Double d) {
      out.add(d);
    } else if (v instanceof double[] a) {
      for (double x : a) {
        out.add(x);
      }
    } else if (v instanceof double[][] m) {
      for (double[] row : m) {
        flattenValue(row, out);
      }
    } else if (v != null && v.getClass().isRecord()) {
      for (RecordComponent c : v.getClass().getRecordComponents()) {
        flattenValue(read(c, v), out);
      }
    }
  }

  /** The adjoint of {@code like} (a double, array or generated record storage), flattened. */
  private static void flattenAdjoint(Object adjoint, Object like, List<Double> out) {
    if (like instanceof Double) {
      out.add((Double) adjoint);
    } else if (like instanceof double[] || like instanceof double[][]) {
      flattenValue(adjoint, out);
    } else if (like != null && like.getClass().isRecord()) {
      for (RecordComponent c : like.getClass().getRecordComponents()) {
        Object part = read(c, like);
        if (countSlots(part) == 0) {
          continue;
        }
        try {
          Field f = adjoint.getClass().getField(c.getName());
          flattenAdjoint(f.get(adjoint), part, out);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("no field " + c.getName() + " in " + adjoint.getClass(), e);
        }
      }
    }
  }

  /** A copy of {@code v} with coordinate {@code slot} set to {@code value}. */
  private static Object withSlot(Object v, int slot, double value) {
    int[] left = {slot};
    return withSlot(v, left, value);
  }

  private static Object withSlot(Object v, int[] left, double value) {
    int n = countSlots(v);
    if (left[0] >= n || left[0] < 0) {
      left[0] -= n;
      return v;
    }
    if (v instanceof Double) {
      left[0] = -1;
      return value;
    }
    if (v instanceof double[] a) {
      double[] c = a.clone();
      c[left[0]] = value;
      left[0] = -1;
      return c;
    }
    if (v instanceof double[][] m) {
      double[][] c = (double[][]) deepCopyValue(m);
      for (int i = 0; i < c.length; i++) {
        c[i] = (double[]) withSlot(c[i], left, value);
      }
      return c;
    }
    RecordComponent[] rc = v.getClass().getRecordComponents();
    Object[] parts = new Object[rc.length];
    for (int i = 0; i < rc.length; i++) {
      parts[i] = withSlot(read(rc[i], v), left, value);
    }
    return rebuild(v.getClass(), rc, parts);
  }

  private static Object rebuild(Class<?> type, RecordComponent[] rc, Object[] parts) {
    Class<?>[] types = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) {
      types[i] = rc[i].getType();
    }
    try {
      Constructor<?> k = type.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(parts);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
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

  static Object[] deepCopy(Object[] args) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = deepCopyValue(args[i]);
    }
    return out;
  }

  private static Object deepCopyValue(Object v) {
    if (v != null && v.getClass().isArray()) {
      int n = Array.getLength(v);
      Object c = Array.newInstance(v.getClass().getComponentType(), n);
      for (int i = 0; i < n; i++) {
        Array.set(c, i, deepCopyValue(Array.get(v, i)));
      }
      return c;
    }
    if (v != null && v.getClass().isRecord()) {
      RecordComponent[] rc = v.getClass().getRecordComponents();
      Object[] parts = new Object[rc.length];
      for (int i = 0; i < rc.length; i++) {
        parts[i] = deepCopyValue(read(rc[i], v));
      }
      return rebuild(v.getClass(), rc, parts);
    }
    return v;
  }

  // ---- samplers ----

  static double u(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static double[] vec(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = u(r, lo, hi);
    }
    return v;
  }

  static double[][] mat(Random r, int n, int m, double lo, double hi) {
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = vec(r, m, lo, hi);
    }
    return a;
  }

  static Object[] args(Object... a) {
    return a;
  }

  /** A record of the compiled sources (binary name), built when the point is checked. */
  record Rec(String binaryName, Object... parts) {}

  static Rec rec(String binaryName, Object... parts) {
    return new Rec(binaryName, parts);
  }

  /** A constant of an enum of the compiled sources (binary name), resolved when checked. */
  record EnumConstant(String binaryName, String constant) {}

  static EnumConstant en(String binaryName, String constant) {
    return new EnumConstant(binaryName, constant);
  }

  private static Object[] resolve(Compiled comp, Object[] args) throws Exception {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = resolve(comp, args[i]);
    }
    return out;
  }

  private static Object resolve(Compiled comp, Object v) throws Exception {
    if (v instanceof EnumConstant e) {
      for (Object c : comp.loadClass(e.binaryName()).getEnumConstants()) {
        if (((Enum<?>) c).name().equals(e.constant())) {
          return c;
        }
      }
      throw new AssertionError("no constant " + e);
    }
    if (!(v instanceof Rec r)) {
      return v;
    }
    Class<?> type = comp.loadClass(r.binaryName());
    Object[] parts = resolve(comp, r.parts());
    for (Constructor<?> k : type.getDeclaredConstructors()) {
      if (k.getParameterCount() == parts.length) {
        k.setAccessible(true);
        return k.newInstance(parts);
      }
    }
    throw new AssertionError("no constructor of " + parts.length + " in " + type);
  }
}
