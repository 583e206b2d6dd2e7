package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.DeclKernel;
import dev.adjoint.processor.fuzz.Ast.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Methods returning {@code double[]}, {@code static double[] vecX(double[] v, double p)}, that
 * the generated code calls like a kernel ({@code double[] t = vecFresh(a0, x1 * 2);}, straight
 * or in a loop, with arrays chosen by a ternary as arguments): the caller's backward sweep runs
 * their pullback with the result's adjoint as the seed. One per way a result can come about: a
 * fresh array, the parameter itself, a kernel's result, a choice, a return in a branch or in a
 * loop, a copy written before it is returned. Some are {@code @Differentiable}, the others plain
 * helpers Adjoint differentiates because they are called. Branch decisions go through {@code
 * Trace.b} in the instrumented twin, so the checker knows where finite differences are unsafe.
 */
final class VectorHelpers {
  private VectorHelpers() {}

  /** Body lines: {@code B(c)} a branch decision, {@code LA.} the kernels, {@code M.} Math. */
  private static final Map<String, String> BODIES = new LinkedHashMap<>();
  private static final Set<String> ANNOTATED = Set.of("vecFresh", "vecKernel", "vecBranch",
      "vecCopy");

  static {
    BODIES.put("vecFresh", String.join("\n",
        "double[] y = new double[v.length];",
        "for (int i = 0; i < v.length; i++) {",
        "  y[i] = M.sin(p * v[i]) + v[(i + 1) % v.length] * p;",
        "}",
        "return y;"));
    BODIES.put("vecSame", "return v;");
    BODIES.put("vecKernel", "return LA.tanh(LA.scale(p, v));");
    BODIES.put("vecChoice", String.join("\n",
        "double[] e = LA.exp(LA.scale(0.5, v));",
        "return B(p > 0.1) ? v : e;"));
    BODIES.put("vecBranch", String.join("\n",
        "if (B(p > 0)) {",
        "  return LA.scale(p * p, v);",
        "}",
        "return LA.sigmoid(v);"));
    BODIES.put("vecLoop", String.join("\n",
        "for (int k = 0; k < 4; k++) {",
        "  double[] y = LA.scale(p + k, v);",
        "  if (B(y[0] > 0.5)) {",
        "    return y;",
        "  }",
        "}",
        "return v;"));
    BODIES.put("vecCopy", String.join("\n",
        "double[] y = v.clone();",
        "y[0] = y[0] * p + y[y.length - 1];",
        "return y;"));
  }

  /** The helpers' names, for the generator. */
  static List<String> names() {
    return List.copyOf(BODIES.keySet());
  }

  static boolean isVector(String fn) {
    return BODIES.containsKey(fn);
  }

  /** The helpers {@code p} calls, in name order. */
  static Set<String> used(Program p) {
    Set<String> out = new TreeSet<>();
    for (Program.Method m : p.methods()) {
      collect(m.body(), out);
    }
    return out;
  }

  private static void collect(Node n, Set<String> out) {
    if (n instanceof DeclKernel k && isVector(k.fn())) {
      out.add(k.fn());
    } else if (n instanceof Ast.RowAssign r && isVector(r.fn())) {
      out.add(r.fn());
    }
    for (Node k : n.kids()) {
      collect(k, out);
    }
  }

  /**
   * The lines of helper {@code fn}, at indentation 0.
   *
   * @param trace whether for the instrumented twin (no annotation, decisions traced)
   */
  static List<String> lines(String fn, boolean trace, String math, String linearAlgebra) {
    String body = BODIES.get(fn).replace("LA.", linearAlgebra + ".").replace("M.", math + ".");
    body = trace ? body.replaceAll("B\\((.*?)\\) ", "Trace.b($1) ")
        : body.replaceAll("B\\((.*?)\\) ", "$1 ");
    List<String> out = new java.util.ArrayList<>();
    if (!trace && ANNOTATED.contains(fn)) {
      out.add("@Differentiable");
    }
    out.add("static double[] " + fn + "(double[] v, double p) {");
    for (String l : body.split("\n")) {
      out.add("  " + l);
    }
    out.add("}");
    return out;
  }
}
