package dev.adjoint.processor.numeric;

import dev.adjoint.processor.testing.AdjointMethod;
import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import dev.adjoint.processor.testing.JavaSource;
import dev.adjoint.processor.testing.ValueAndGradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Many {@link GradientCase}s compiled together as one source class (one javac run), checked point
 * by point: the generated record against javac's own compilation of the method (value), against
 * the DerivativeStructure oracle, finite differences and pinned values (gradient); and the
 * pullback, with seed 2.5 into a pre-filled array, against the same references.
 */
public final class CaseSuite {

  /** The pullback's seed in every check. */
  public static final double SEED = 2.5;

  private final String qualifiedName;
  private final List<String> imports = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private final List<String> members = new ArrayList<>();
  private final List<JavaSource> others = new ArrayList<>();
  private final List<GradientCase> cases = new ArrayList<>();
  private Compiled compiled;

  private CaseSuite(String qualifiedName) {
    this.qualifiedName = qualifiedName;
  }

  /** @param qualifiedName the source class, e.g. {@code adj.t.Ops} */
  public static CaseSuite of(String qualifiedName, GradientCase... cases) {
    CaseSuite s = new CaseSuite(qualifiedName);
    s.cases.addAll(Arrays.asList(cases));
    return s;
  }

  public CaseSuite add(GradientCase... more) {
    cases.addAll(Arrays.asList(more));
    return this;
  }

  public CaseSuite add(List<GradientCase> more) {
    cases.addAll(more);
    return this;
  }

  /** Extra import lines, e.g. {@code "import static java.lang.Math.*;"}. */
  public CaseSuite imports(String... lines) {
    imports.addAll(Arrays.asList(lines));
    return this;
  }

  /** Extra members of the class, e.g. {@code "static final double K = 2;"}. */
  public CaseSuite members(String... lines) {
    members.addAll(Arrays.asList(lines));
    return this;
  }

  /** Other classes compiled with the suite's, e.g. one whose constants the cases read. */
  public CaseSuite with(JavaSource... sources) {
    others.addAll(Arrays.asList(sources));
    return this;
  }

  /** Extra javac options, e.g. {@code -Aadjoint.analyses=off}. */
  public CaseSuite options(String... opts) {
    options.addAll(Arrays.asList(opts));
    return this;
  }

  public List<GradientCase> cases() {
    return cases;
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
    for (String m : members) {
      sb.append("  ").append(m).append('\n');
    }
    for (GradientCase c : cases) {
      sb.append('\n').append(c.declaration());
    }
    sb.append("}\n");
    return new JavaSource(qualifiedName, sb.toString());
  }

  /** Compiles once (memoized); throws with all diagnostics if javac or the processor fails. */
  public synchronized Compiled compiled() {
    if (compiled == null) {
      List<JavaSource> sources = new ArrayList<>(others);
      sources.add(0, source());
      compiled = InProcessCompiler.create().withOptions(options.toArray(String[]::new))
          .compile(sources);
    }
    return compiled;
  }

  public AdjointMethod method(String name) {
    return compiled().method(qualifiedName, name);
  }

  /** One container per case, with a record test and a pullback test per point. */
  public Stream<DynamicNode> tests() {
    compiled(); // fail the factory right away, with diagnostics, if the class does not compile
    return cases.stream().map(this::container);
  }

  private DynamicNode container(GradientCase c) {
    List<DynamicNode> nodes = new ArrayList<>();
    nodes.add(DynamicTest.dynamicTest("signature", () -> checkSignature(c)));
    for (GradientCase.Point p : c.points()) {
      String label = c.label(p.args());
      nodes.add(DynamicTest.dynamicTest("record @ " + label,
          () -> withContext(c, "record @ " + label, () -> checkRecord(c, p))));
      nodes.add(DynamicTest.dynamicTest("pullback @ " + label,
          () -> withContext(c, "pullback @ " + label, () -> checkPullback(c, p))));
    }
    return DynamicContainer.dynamicContainer(c.name(), nodes);
  }

  /** An exception thrown by generated code becomes a failure that shows the code. */
  private void withContext(GradientCase c, String what, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      throw new AssertionError(c.name() + " " + what + " threw " + e + "\n"
          + context(c, method(c.name())), e);
    }
  }

  /** The record's components are value, then d+Name per differentiated parameter in order. */
  public void checkSignature(GradientCase c) {
    AdjointMethod m = method(c.name());
    List<String> got = m.componentNames();
    if (!got.equals(c.expectedComponents())) {
      throw new AssertionError(
          "record components of " + c.name() + ": expected [value, " + c.expectedComponents()
              + "] but got [value, " + got + "]\n" + context(c, m));
    }
    String recordName = Character.toUpperCase(c.name().charAt(0)) + c.name().substring(1)
        + "Gradient";
    if (!m.recordType().getSimpleName().equals(recordName)
        || m.recordType().getEnclosingClass() != m.adjointClass()) {
      throw new AssertionError(
          "expected nested record " + m.adjointClass().getName() + "." + recordName + ", got "
              + m.recordType().getName());
    }
    if (m.pullbackMethod().getReturnType() != double.class) {
      throw new AssertionError("pullback must return double: " + m.pullbackMethod());
    }
  }

  /** The generated f(...) against the original and the references. */
  public void checkRecord(GradientCase c, GradientCase.Point p) {
    AdjointMethod m = method(c.name());
    Object[] args = p.args();
    Failures f = new Failures();
    double expectedValue = m.call(args);
    ValueAndGradient vg = m.valueAndGradient(args);
    f.check("value (vs original method)", expectedValue, vg.value(), c.valueTolerance());
    if (!vg.componentNames().equals(c.expectedComponents())) {
      f.add("record components " + vg.componentNames() + ", expected " + c.expectedComponents());
    }
    if (vg.gradient().length != vg.components().length) {
      f.add("gradient() has length " + vg.gradient().length + " but the record has "
          + vg.components().length + " derivative components");
    } else {
      for (int i = 0; i < vg.components().length; i++) {
        if (Double.compare(vg.gradient()[i], vg.components()[i]) != 0
            && vg.gradient()[i] != vg.components()[i]) {
          f.add("gradient()[" + i + "] = " + vg.gradient()[i] + " but component "
              + vg.componentNames().get(i) + " = " + vg.components()[i]);
        }
      }
    }
    if (vg.components().length == c.differentiated().size()) {
      compareToReferences(c, m, args, vg.components(), f, "record");
    }
    f.throwIfAny(() -> "record " + c.name() + " @ " + c.label(args) + "\n  got " + vg,
        () -> context(c, m));
  }

  /** The generated fPullback with seed 2.5 into a pre-filled array. */
  public void checkPullback(GradientCase c, GradientCase.Point p) {
    AdjointMethod m = method(c.name());
    Object[] args = p.args();
    int n = c.differentiated().size();
    double[] before = new double[n];
    for (int i = 0; i < n; i++) {
      before[i] = (i % 2 == 0 ? 0.75 : -1.25) * (i + 1);
    }
    double[] grad = before.clone();
    Failures f = new Failures();
    double expectedValue = m.call(args);
    double value = m.pullback(SEED, grad, args);
    f.check("pullback return value (vs original method)", expectedValue, value,
        c.valueTolerance());
    double[] implied = new double[n];
    for (int i = 0; i < n; i++) {
      implied[i] = (grad[i] - before[i]) / SEED;
    }
    compareToReferences(c, m, args, implied, f, "(after - before) / seed");
    ValueAndGradient vg = m.valueAndGradient(args);
    if (vg.components().length == n) {
      for (int i = 0; i < n; i++) {
        f.check("after[" + i + "] vs before[" + i + "] + seed * record." + c.expectedComponents()
            .get(i), before[i] + SEED * vg.components()[i], grad[i], Tolerances.ACCUMULATION);
      }
    }
    f.throwIfAny(
        () -> "pullback " + c.name() + "Pullback @ " + c.label(args) + ", seed " + SEED
            + "\n  before " + Arrays.toString(before) + "\n  after  " + Arrays.toString(grad),
        () -> context(c, m));
  }

  private void compareToReferences(
      GradientCase c, AdjointMethod m, Object[] args, double[] g, Failures f, String what) {
    List<String> names = c.expectedComponents();
    GradientCase.Point pinned = null;
    for (GradientCase.Point p : c.points()) {
      if (p.expected() != null && Arrays.equals(p.args(), args)) {
        pinned = p;
      }
    }
    if (pinned != null) {
      double[] e = pinned.expected();
      if (e.length != g.length) {
        f.add("pinned gradient has " + e.length + " entries, " + what + " has " + g.length);
      } else {
        for (int i = 0; i < g.length; i++) {
          f.check(what + " " + names.get(i) + " (vs pinned)", e[i], g[i], Tolerances.PINNED);
        }
      }
    }
    if (c.oracle() != null && pinned == null) {
      DerivativeStructure ds = c.oracle().apply(new Dual(c.named(args), c.differentiated()));
      f.check("value (vs DerivativeStructure oracle)", ds.getValue(), m.call(args),
          Tolerances.ORACLE);
      for (int i = 0; i < g.length; i++) {
        int[] orders = new int[Math.max(1, g.length)];
        orders[i] = 1;
        f.check(what + " " + names.get(i) + " (vs DerivativeStructure)",
            ds.getPartialDerivative(orders), g[i], Tolerances.ORACLE);
      }
    }
    if (c.finiteDifferences() && pinned == null) {
      int[] idx = c.differentiatedIndices();
      double[] x0 = new double[idx.length];
      for (int i = 0; i < idx.length; i++) {
        x0[i] = (Double) args[idx[i]];
      }
      double[] fd =
          FiniteDifferences.gradient(
              v -> {
                Object[] a = args.clone();
                for (int i = 0; i < idx.length; i++) {
                  a[idx[i]] = v[i];
                }
                return m.call(a);
              },
              x0,
              c.fdRelativeStep());
      for (int i = 0; i < g.length; i++) {
        f.check(what + " " + names.get(i) + " (vs finite differences)", fd[i], g[i],
            c.fdTolerance());
      }
    }
  }

  private String context(GradientCase c, AdjointMethod m) {
    String snippet;
    try {
      snippet = m.generatedSnippet();
    } catch (RuntimeException | AssertionError e) {
      snippet = "(unavailable: " + e + ")";
    }
    return "---- source ----\n" + c.declaration() + "---- generated ----\n" + snippet;
  }

  /** Collects mismatches so one test reports all of them. */
  static final class Failures {
    private final List<String> messages = new ArrayList<>();

    void check(String what, double expected, double actual, double rtol) {
      double err = FiniteDifferences.relativeError(expected, actual);
      if (!(err <= rtol)) {
        messages.add(String.format(Locale.ROOT,
            "%s: expected %.17g but got %.17g (relative error %.3g > %.1g)",
            what, expected, actual, err, rtol));
      }
    }

    void add(String message) {
      messages.add(message);
    }

    boolean isEmpty() {
      return messages.isEmpty();
    }

    void throwIfAny(
        java.util.function.Supplier<String> header, java.util.function.Supplier<String> context) {
      if (!messages.isEmpty()) {
        throw new AssertionError(
            header.get() + "\n  - " + String.join("\n  - ", messages) + "\n" + context.get());
      }
    }
  }
}
