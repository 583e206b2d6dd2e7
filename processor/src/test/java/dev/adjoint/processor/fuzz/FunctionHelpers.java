package dev.adjoint.processor.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plain methods of the generated class that take a function ({@link Ast.PassFunction}), which
 * the processor inlines where a lambda or a local function is passed to them: one applies it
 * twice, one in a loop of a count the caller gives, one passes it on to another (issue 10).
 * {@code V(...)} marks a value the instrumented twin routes through {@code Trace.v}.
 */
final class FunctionHelpers {
  private FunctionHelpers() {}

  private static final String F = "java.util.function.DoubleUnaryOperator f";

  private static final Map<String, List<String>> BODIES = Map.of(
      "applyTwice", List.of(
          "static double applyTwice(" + F + ", double a) {",
          "  return V(f.applyAsDouble(a) + 0.5 * f.applyAsDouble(V(0.5 * a)));",
          "}"),
      "sumSteps", List.of(
          "static double sumSteps(" + F + ", double a, int n) {",
          "  double s = 0.25;",
          "  for (int i = 0; i < n; i++) {",
          "    s = V(s + f.applyAsDouble(V(a + 0.25 * i)));",
          "  }",
          "  return s;",
          "}"),
      "passOn", List.of(
          "static double passOn(" + F + ", double a) {",
          "  return V(0.5 * applyTwice(f, a) + f.applyAsDouble(a));",
          "}"));

  /** What each helper calls besides itself. */
  private static final Map<String, List<String>> CALLS = Map.of("passOn", List.of("applyTwice"));

  /** The helpers' names, for the generator. */
  static List<String> names() {
    return List.copyOf(new TreeSet<>(BODIES.keySet()));
  }

  /** Whether {@code fn} takes an int count after the function and the double. */
  static boolean takesCount(String fn) {
    return fn.equals("sumSteps");
  }

  /** The helpers {@code p} calls, with those they call, in name order. */
  static Set<String> used(Program p) {
    Set<String> out = new TreeSet<>();
    for (Program.Method m : p.methods()) {
      collect(m.body(), out);
    }
    for (String fn : List.copyOf(out)) {
      out.addAll(CALLS.getOrDefault(fn, List.of()));
    }
    return out;
  }

  private static void collect(Ast.Node n, Set<String> out) {
    if (n instanceof Ast.PassFunction p) {
      out.add(p.helper());
    }
    for (Ast.Node k : n.kids()) {
      collect(k, out);
    }
  }

  /** The lines of helper {@code fn}, at indentation 0; for the twin if {@code trace}. */
  static List<String> lines(String fn, boolean trace) {
    return BODIES.get(fn).stream()
        .map(l -> trace ? l.replace("V(", "Trace.v(") : l.replaceAll("V\\(", "("))
        .toList();
  }
}
