package dev.adjoint.processor.numeric;

import dev.adjoint.processor.numeric.ArrayCase.Values;
import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * {@link CaseSuite} for methods with array parameters: many {@link ArrayCase}s compiled together
 * as one source class (one javac run), checked point by point.
 *
 * <ul>
 *   <li>signature: record {@code (double value, dX...)} with array components typed like their
 *       parameters, {@code gradient()} only when every component is a scalar, and {@code
 *       fPullback(args..., double seed, [double[] grad,] xBar...)};
 *   <li>record: value against javac's compilation of the original, every coordinate of every
 *       derivative against finite differences and the closed form, array components fresh and of
 *       the parameter's shape, the arguments left unchanged;
 *   <li>pullback: seed {@link CaseSuite#SEED} into a pre-filled {@code grad} and pre-filled
 *       adjoint arrays; {@code (after - before) / seed} against the same references and against
 *       the record.
 * </ul>
 */
public final class ArraySuite {

  private final String qualifiedName;
  private final List<String> imports = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private final List<String> members = new ArrayList<>();
  private final List<ArrayCase> cases = new ArrayList<>();
  private Compiled compiled;

  private ArraySuite(String qualifiedName) {
    this.qualifiedName = qualifiedName;
  }

  public static ArraySuite of(String qualifiedName, ArrayCase... cases) {
    ArraySuite s = new ArraySuite(qualifiedName);
    s.cases.addAll(Arrays.asList(cases));
    return s;
  }

  public ArraySuite add(ArrayCase... more) {
    cases.addAll(Arrays.asList(more));
    return this;
  }

  public ArraySuite add(List<ArrayCase> more) {
    cases.addAll(more);
    return this;
  }

  public ArraySuite imports(String... lines) {
    imports.addAll(Arrays.asList(lines));
    return this;
  }

  /** Other members of the class, such as the int helpers the cases call. */
  public ArraySuite members(String... lines) {
    members.addAll(Arrays.asList(lines));
    return this;
  }

  public ArraySuite options(String... opts) {
    options.addAll(Arrays.asList(opts));
    return this;
  }

  public List<ArrayCase> cases() {
    return cases;
  }

  public ArrayCase find(String name) {
    for (ArrayCase c : cases) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no case " + name);
  }

  public JavaSource source() {
    int dot = qualifiedName.lastIndexOf('.');
    String pkg = qualifiedName.substring(0, dot);
    String simple = qualifiedName.substring(dot + 1);
    StringBuilder sb = new StringBuilder();
    sb.append("package ").append(pkg).append(";\n\n");
    sb.append("import dev.adjoint.Differentiable;\n");
    for (String i : imports) {
      sb.append(i).append('\n');
    }
    sb.append("\npublic final class ").append(simple).append(" {\n\n");
    sb.append("  private ").append(simple).append("() {}\n");
    for (ArrayCase c : cases) {
      sb.append('\n').append(c.declaration());
    }
    for (String m : members) {
      sb.append("\n  ").append(m).append('\n');
    }
    sb.append("}\n");
    return new JavaSource(qualifiedName, sb.toString());
  }

  public synchronized Compiled compiled() {
    if (compiled == null) {
      compiled =
          InProcessCompiler.create().withOptions(options.toArray(String[]::new)).compile(source());
    }
    return compiled;
  }

  public AdjointMethod method(String name) {
    return compiled().method(qualifiedName, name);
  }

  public Stream<DynamicNode> tests() {
    compiled();
    return cases.stream().map(this::container);
  }

  private DynamicNode container(ArrayCase c) {
    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(DynamicTest.dynamicTest("signature", () -> checkSignature(c)));
    for (Object[] p : c.points()) {
      String label = c.label(p);
      nodes.add(DynamicTest.dynamicTest("record @ " + label,
          () -> withContext(c, "record @ " + label, () -> checkRecord(c, p))));
      nodes.add(DynamicTest.dynamicTest("pullback @ " + label,
          () -> withContext(c, "pullback @ " + label, () -> checkPullback(c, p))));
    }
    return DynamicContainer.dynamicContainer(c.name(), nodes);
  }

  /** An exception thrown by generated code becomes a failure that shows the code. */
  private void withContext(ArrayCase c, String what, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      throw new AssertionError(c.name() + " " + what + " threw " + e + "\n"
          + context(c, method(c.name())), e);
    }
  }

  /** The Java class of each differentiated parameter, in order. */
  static List<Class<?>> differentiatedTypes(ArrayCase c, AdjointMethod m) {
    List<Class<?>> out = new ArrayList<>();
    for (int i : c.differentiatedIndices()) {
      out.add(m.parameterTypes()[i]);
    }
    return out;
  }

  /** {@code double[] grad} if some differentiated parameter is a scalar, then the array types. */
  static Class<?>[] trailingTypes(ArrayCase c, AdjointMethod m) {
    List<Class<?>> types = differentiatedTypes(c, m);
    List<Class<?>> out = new ArrayList<>();
    if (types.contains(double.class)) {
      out.add(double[].class);
    }
    for (Class<?> t : types) {
      if (t != double.class) {
        out.add(t);
      }
    }
    return out.toArray(Class<?>[]::new);
  }

  public void checkSignature(ArrayCase c) {
    AdjointMethod m = method(c.name());
    CaseSuite.Failures f = new CaseSuite.Failures();
    if (!m.componentNames().equals(c.expectedComponents())) {
      f.add("record components: expected [value, " + c.expectedComponents() + "] but got [value, "
          + m.componentNames() + "]");
    }
    List<Class<?>> types = differentiatedTypes(c, m);
    if (!m.componentTypes().equals(types)) {
      f.add("record component types: expected " + types + " but got " + m.componentTypes());
    }
    boolean anyArray = types.stream().anyMatch(t -> t != double.class);
    if (m.recordHasGradientMethod() == anyArray) {
      f.add(anyArray
          ? "a record with array components must not declare gradient()"
          : "a record with only scalar components must declare double[] gradient()");
    }
    String recordName =
        Character.toUpperCase(c.name().charAt(0)) + c.name().substring(1) + "Gradient";
    if (!m.recordType().getSimpleName().equals(recordName)) {
      f.add("expected record " + recordName + ", got " + m.recordType().getSimpleName());
    }
    try {
      if (m.pullbackMethod(trailingTypes(c, m)).getReturnType() != double.class) {
        f.add("pullback must return double");
      }
    } catch (AssertionError e) {
      f.add(e.getMessage());
    }
    f.throwIfAny(() -> "signature of " + c.name(), () -> context(c, m));
  }

  public void checkRecord(ArrayCase c, Object[] point) {
    AdjointMethod m = method(c.name());
    CaseSuite.Failures f = new CaseSuite.Failures();
    Object[] expectedArgs = Values.deepCopyAll(point);
    double expectedValue = m.call(expectedArgs);
    Object[] args = Values.deepCopyAll(point);
    Object[] components = m.recordComponentValues(args);
    checkArguments(c, expectedArgs, args, "f(...)", f);
    f.check("value (vs original method)", expectedValue, (double) components[0],
        c.valueTolerance());
    int[] idx = c.differentiatedIndices();
    if (components.length != idx.length + 1) {
      f.add("record has " + (components.length - 1) + " derivative components, expected "
          + idx.length);
      f.throwIfAny(() -> "record " + c.name() + " @ " + c.label(point), () -> context(c, m));
      return;
    }
    Object[] again = m.recordComponentValues(Values.deepCopyAll(point));
    for (int k = 0; k < idx.length; k++) {
      Object comp = components[k + 1];
      String compName = c.expectedComponents().get(k);
      if (!Values.sameShape(point[idx[k]], comp)) {
        f.add(compName + " has the wrong shape: " + Values.shortString(comp) + " for parameter "
            + Values.shortString(point[idx[k]]));
        continue;
      }
      if (!(comp instanceof Double)) {
        for (Object a : args) {
          if (a == comp) {
            f.add(compName + " is the argument array itself, not a fresh array");
          }
        }
        if (again[k + 1] == comp) {
          f.add(compName + " is the same array object in two calls, not a fresh array");
        }
      }
    }
    if (f.isEmpty()) {
      compareToReferences(c, m, point, flatten(components, 1, idx.length), f, "record");
    }
    f.throwIfAny(() -> "record " + c.name() + " @ " + c.label(point) + "\n  got "
        + componentsString(c, components), () -> context(c, m));
  }

  public void checkPullback(ArrayCase c, Object[] point) {
    AdjointMethod m = method(c.name());
    CaseSuite.Failures f = new CaseSuite.Failures();
    int[] idx = c.differentiatedIndices();
    Class<?>[] trailingTypes = trailingTypes(c, m);
    int scalars = 0;
    for (int i : idx) {
      if (point[i] instanceof Double) {
        scalars++;
      }
    }
    // pre-filled buffers: grad, then one adjoint array per differentiated array parameter
    List<Object> trailing = new ArrayList<>();
    double[] grad = null;
    if (scalars > 0) {
      grad = new double[scalars];
      fillPattern(grad, 0);
      trailing.add(grad);
    }
    int slot = 0;
    Object[] bars = new Object[idx.length];
    int[] gradSlot = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      Object p = point[idx[k]];
      if (p instanceof Double) {
        gradSlot[k] = slot++;
      } else {
        Object bar = Values.deepCopy(p);
        fillPattern(bar, 7 * k + 3);
        bars[k] = bar;
        trailing.add(bar);
      }
    }
    double[] gradBefore = grad == null ? null : grad.clone();
    Object[] barsBefore = Values.deepCopyAll(bars);

    Object[] expectedArgs = Values.deepCopyAll(point);
    double expectedValue = m.call(expectedArgs);
    Object[] args = Values.deepCopyAll(point);
    double value = m.pullbackWith(args, CaseSuite.SEED, trailingTypes, trailing.toArray());
    checkArguments(c, expectedArgs, args, "pullback", f);
    f.check("pullback return value (vs original method)", expectedValue, value,
        c.valueTolerance());

    // implied gradient (after - before) / seed, and the record's before + seed * gradient
    Object[] implied = new Object[idx.length];
    Object[] record = m.recordComponentValues(Values.deepCopyAll(point));
    List<String> names = coordinateNames(c, point);
    double[] expectedAfter = new double[names.size()];
    double[] gotAfter = new double[names.size()];
    int at = 0;
    for (int k = 0; k < idx.length; k++) {
      if (point[idx[k]] instanceof Double) {
        implied[k] = (grad[gradSlot[k]] - gradBefore[gradSlot[k]]) / CaseSuite.SEED;
        gotAfter[at] = grad[gradSlot[k]];
        expectedAfter[at] = gradBefore[gradSlot[k]]
            + CaseSuite.SEED * (record[k + 1] instanceof Double d ? d : Double.NaN);
        at++;
      } else {
        double[] before = new double[Values.size(barsBefore[k])];
        double[] after = new double[before.length];
        Values.flattenInto(barsBefore[k], before, 0);
        Values.flattenInto(bars[k], after, 0);
        double[] diff = new double[before.length];
        for (int j = 0; j < diff.length; j++) {
          diff[j] = (after[j] - before[j]) / CaseSuite.SEED;
        }
        implied[k] = Values.unflatten(point[idx[k]], diff, 0);
        double[] rec = new double[before.length];
        if (Values.sameShape(point[idx[k]], record[k + 1])) {
          Values.flattenInto(record[k + 1], rec, 0);
        } else {
          Arrays.fill(rec, Double.NaN);
        }
        for (int j = 0; j < before.length; j++) {
          gotAfter[at] = after[j];
          expectedAfter[at] = before[j] + CaseSuite.SEED * rec[j];
          at++;
        }
      }
    }
    compareToReferences(c, m, point, flatten(implied, 0, idx.length), f,
        "(after - before) / seed");
    for (int j = 0; j < names.size(); j++) {
      f.check("after " + names.get(j) + " vs before + seed * record", expectedAfter[j],
          gotAfter[j], Tolerances.ACCUMULATION);
    }
    double[] finalGrad = grad;
    f.throwIfAny(
        () -> "pullback " + c.name() + "Pullback @ " + c.label(point) + ", seed " + CaseSuite.SEED
            + (finalGrad == null ? "" : "\n  grad before " + Arrays.toString(gradBefore)
                + "\n  grad after  " + Arrays.toString(finalGrad))
            + "\n  adjoint arrays after " + Arrays.deepToString(bars),
        () -> context(c, m));
  }

  /**
   * The generated call leaves its arguments as the original does: unchanged, or for a method
   * that writes into them, with exactly what the original wrote.
   */
  private static void checkArguments(ArrayCase c, Object[] original, Object[] generated,
      String call, CaseSuite.Failures f) {
    if (!Values.deepEquals(original, generated)) {
      f.add("the generated " + call + (c.writesArgumentsOrNot()
          ? " left its arguments other than the original: " : " changed its arguments: ")
          + c.label(generated) + " for " + c.label(original));
    }
  }

  /** Deterministic non-zero values, so a pullback that overwrites instead of adding fails. */
  private static void fillPattern(Object a, int offset) {
    if (a instanceof double[] v) {
      for (int i = 0; i < v.length; i++) {
        v[i] = ((i + offset) % 2 == 0 ? 0.75 : -1.25) * (1 + (i + offset) % 5);
      }
    } else if (a instanceof double[][] m) {
      for (int i = 0; i < m.length; i++) {
        fillPattern(m[i], offset + 3 * i + 1);
      }
    }
  }

  private static double[] flatten(Object[] values, int from, int count) {
    int n = 0;
    for (int k = 0; k < count; k++) {
      n += Values.size(values[from + k]);
    }
    double[] out = new double[n];
    int at = 0;
    for (int k = 0; k < count; k++) {
      at = Values.flattenInto(values[from + k], out, at);
    }
    return out;
  }

  private static List<String> coordinateNames(ArrayCase c, Object[] point) {
    List<String> names = new ArrayList<>();
    for (int i : c.differentiatedIndices()) {
      Values.coordinateNames(c.params().get(i).name(), point[i], names);
    }
    return names;
  }

  /** The finite-difference gradient of the original method over every differentiated coordinate. */
  static double[] finiteDifferences(ArrayCase c, AdjointMethod m, Object[] point) {
    int[] idx = c.differentiatedIndices();
    Object[] diffArgs = new Object[idx.length];
    for (int k = 0; k < idx.length; k++) {
      diffArgs[k] = point[idx[k]];
    }
    double[] x0 = flatten(diffArgs, 0, idx.length);
    return FiniteDifferences.gradient(
        v -> {
          Object[] a = Values.deepCopyAll(point);
          int at = 0;
          for (int k = 0; k < idx.length; k++) {
            a[idx[k]] = Values.unflatten(point[idx[k]], v, at);
            at += Values.size(point[idx[k]]);
          }
          return m.call(a);
        },
        x0,
        c.fdRelativeStep());
  }

  private void compareToReferences(
      ArrayCase c, AdjointMethod m, Object[] point, double[] g, CaseSuite.Failures f,
      String what) {
    List<String> names = coordinateNames(c, point);
    if (g.length != names.size()) {
      f.add(what + " has " + g.length + " coordinates, expected " + names.size());
      return;
    }
    if (c.closedForm() != null) {
      Object[] exact = c.closedForm().apply(Values.deepCopyAll(point));
      double[] e = flatten(exact, 0, exact.length);
      if (e.length != g.length) {
        f.add("closed form has " + e.length + " coordinates, " + what + " has " + g.length);
      } else {
        for (int i = 0; i < g.length; i++) {
          f.check(what + " " + names.get(i) + " (vs closed form)", e[i], g[i],
              c.closedFormTolerance());
        }
      }
    }
    if (c.finiteDifferences()) {
      double[] fd = finiteDifferences(c, m, point);
      for (int i = 0; i < g.length; i++) {
        f.check(what + " " + names.get(i) + " (vs finite differences)", fd[i], g[i],
            c.fdTolerance());
      }
    }
  }

  private static String componentsString(ArrayCase c, Object[] components) {
    StringBuilder sb = new StringBuilder("value=" + components[0]);
    for (int k = 1; k < components.length; k++) {
      String n = k - 1 < c.expectedComponents().size() ? c.expectedComponents().get(k - 1)
          : "component" + k;
      sb.append(", ").append(n).append('=');
      Object v = components[k];
      sb.append(v instanceof Object[] arr ? Arrays.deepToString(arr)
          : v instanceof double[] d ? Arrays.toString(d) : String.valueOf(v));
    }
    return sb.toString();
  }

  private static String context(ArrayCase c, AdjointMethod m) {
    String snippet;
    try {
      snippet = m.generatedSnippet();
    } catch (RuntimeException | AssertionError e) {
      snippet = "(unavailable: " + e + ")";
    }
    return "---- source ----\n" + c.declaration() + "---- generated ----\n" + snippet;
  }
}
