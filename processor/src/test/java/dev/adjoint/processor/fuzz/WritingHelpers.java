package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code void} helpers that write into their array arguments, {@code static void wrX(double[]
 * x, double[] v, double p)} (x only read, v written), called as statements ({@link
 * Ast.WriteCall}): Adjoint reads their bodies into the caller. One per shape of body: a loop of
 * stores reading a neighbour, an axpy (the same array may be passed twice), a softmax with
 * traced decisions, a branch per element, a triangular update bounded by a local, one calling
 * two others. Some are {@code void
 * @Differentiable} methods, whose own pullbacks are generated too. Branch decisions go through
 * {@code Trace.b} in the instrumented twin.
 */
final class WritingHelpers {
  private WritingHelpers() {}

  private static final Map<String, String> BODIES = new LinkedHashMap<>();
  /** Void @Differentiable methods (they write into v only): their own pullbacks compile. */
  private static final Set<String> ANNOTATED = Set.of("wrAxpy", "wrBranch");

  static {
    BODIES.put("wrScale", String.join("\n",
        "for (int i = 0; i < v.length; i++) {",
        "  v[i] = v[i] * p + M.sin(v[(i + 1) % v.length]) * x[i % x.length];",
        "}"));
    BODIES.put("wrAxpy", String.join("\n",
        "for (int i = 0; i < v.length; i++) {",
        "  v[i] += p * x[i % x.length];",
        "}"));
    BODIES.put("wrSoftmax", String.join("\n",
        "double m = 0;",
        "for (int i = 0; i < v.length; i++) {",
        "  if (B(v[i] > m)) {",
        "    m = v[i];",
        "  }",
        "}",
        "double s = 1;",
        "for (int i = 0; i < v.length; i++) {",
        "  v[i] = M.exp(v[i] - m);",
        "  s += v[i];",
        "}",
        "for (int i = 0; i < v.length; i++) {",
        "  v[i] = v[i] * p / s + x[0];",
        "}"));
    BODIES.put("wrBranch", String.join("\n",
        "for (int i = 0; i < v.length; i++) {",
        "  if (B(p > v[i])) {",
        "    v[i] = p * v[i];",
        "  } else {",
        "    v[i] -= x[i % x.length];",
        "  }",
        "}"));
    // A bound in a local assigned once (gmm's qTimesX): counted once read into a loop.
    BODIES.put("wrLower", String.join("\n",
        "int d = v.length;",
        "int li = 0;",
        "for (int i = 0; i < d; i++) {",
        "  for (int j = i + 1; j < d; j++) {",
        "    v[j] += p * x[li % x.length] * v[i];",
        "    li++;",
        "  }",
        "}"));
    BODIES.put("wrNested", String.join("\n",
        "wrAxpy(x, v, p);",
        "double q = p * 0.5;",
        "wrScale(v, v, q);"));
  }

  /** The helpers' names, for the generator. */
  static List<String> names() {
    return List.copyOf(BODIES.keySet());
  }

  /** The helpers {@code p} calls, with those they call, in name order. */
  static Set<String> used(Program p) {
    Set<String> out = new TreeSet<>();
    for (Program.Method m : p.methods()) {
      collect(m.body(), out);
    }
    if (out.contains("wrNested")) {
      out.add("wrAxpy");
      out.add("wrScale");
    }
    return out;
  }

  private static void collect(Node n, Set<String> out) {
    if (n instanceof Ast.WriteCall c) {
      out.add(c.fn());
    }
    for (Node k : n.kids()) {
      collect(k, out);
    }
  }

  /**
   * The lines of helper {@code fn}, at indentation 0.
   *
   * @param trace whether for the instrumented twin (decisions traced)
   */
  static List<String> lines(String fn, boolean trace, String math) {
    String body = BODIES.get(fn).replace("M.", math + ".");
    body = trace ? body.replaceAll("B\\((.*?)\\)\\) ", "Trace.b($1)) ")
        : body.replaceAll("B\\((.*?)\\)\\) ", "$1) ");
    List<String> out = new java.util.ArrayList<>();
    if (!trace && ANNOTATED.contains(fn)) {
      out.add("@Differentiable");
    }
    out.add("static void " + fn + "(double[] x, double[] v, double p) {");
    for (String l : body.split("\n")) {
      out.add("  " + l);
    }
    out.add("}");
    return out;
  }
}
