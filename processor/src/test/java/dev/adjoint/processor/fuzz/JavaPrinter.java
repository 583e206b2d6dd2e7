package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.And;
import dev.adjoint.processor.fuzz.Ast.Arg;
import dev.adjoint.processor.fuzz.Ast.ArrayName;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Bin;
import dev.adjoint.processor.fuzz.Ast.Block;
import dev.adjoint.processor.fuzz.Ast.BoolConst;
import dev.adjoint.processor.fuzz.Ast.BoolHelper;
import dev.adjoint.processor.fuzz.Ast.BoolVar;
import dev.adjoint.processor.fuzz.Ast.Break;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cmp;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Continue;
import dev.adjoint.processor.fuzz.Ast.DeclArray;
import dev.adjoint.processor.fuzz.Ast.DeclBool;
import dev.adjoint.processor.fuzz.Ast.DeclDouble;
import dev.adjoint.processor.fuzz.Ast.DeclInt;
import dev.adjoint.processor.fuzz.Ast.DeclKernel;
import dev.adjoint.processor.fuzz.Ast.DeclMatrix;
import dev.adjoint.processor.fuzz.Ast.DeclRow;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.For;
import dev.adjoint.processor.fuzz.Ast.ForEach;
import dev.adjoint.processor.fuzz.Ast.ForEachRow;
import dev.adjoint.processor.fuzz.Ast.IAssign;
import dev.adjoint.processor.fuzz.Ast.IBin;
import dev.adjoint.processor.fuzz.Ast.ICmp;
import dev.adjoint.processor.fuzz.Ast.IConst;
import dev.adjoint.processor.fuzz.Ast.IExpr;
import dev.adjoint.processor.fuzz.Ast.IHelper;
import dev.adjoint.processor.fuzz.Ast.IVar;
import dev.adjoint.processor.fuzz.Ast.If;
import dev.adjoint.processor.fuzz.Ast.Kernel;
import dev.adjoint.processor.fuzz.Ast.Length;
import dev.adjoint.processor.fuzz.Ast.MathCall;
import dev.adjoint.processor.fuzz.Ast.Neg;
import dev.adjoint.processor.fuzz.Ast.Not;
import dev.adjoint.processor.fuzz.Ast.Num;
import dev.adjoint.processor.fuzz.Ast.Or;
import dev.adjoint.processor.fuzz.Ast.Read;
import dev.adjoint.processor.fuzz.Ast.Read2;
import dev.adjoint.processor.fuzz.Ast.Reallocate;
import dev.adjoint.processor.fuzz.Ast.RebindKernel;
import dev.adjoint.processor.fuzz.Ast.Return;
import dev.adjoint.processor.fuzz.Ast.Step;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Store;
import dev.adjoint.processor.fuzz.Ast.Store2;
import dev.adjoint.processor.fuzz.Ast.Ternary;
import dev.adjoint.processor.fuzz.Ast.ToDouble;
import dev.adjoint.processor.fuzz.Ast.ToInt;
import dev.adjoint.processor.fuzz.Ast.IMath;
import dev.adjoint.processor.fuzz.Ast.INamed;
import dev.adjoint.processor.fuzz.Ast.IRound;
import dev.adjoint.processor.fuzz.Ast.Named;
import dev.adjoint.processor.fuzz.Ast.Node;
import dev.adjoint.processor.fuzz.Ast.ShadowCall;
import dev.adjoint.processor.fuzz.Ast.Var;
import dev.adjoint.processor.fuzz.Ast.While;
import dev.adjoint.processor.fuzz.Program.Method;
import dev.adjoint.processor.fuzz.Program.Param;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prints a {@link Program} as Java source. Two flavors from one tree:
 *
 * <ul>
 *   <li>{@link Flavor#ORIGINAL}: the class under test, every method {@code @Differentiable} but
 *       the plain helpers;
 *   <li>{@link Flavor#TRACE}: a plain class with the same methods, where every comparison, every
 *       piecewise function ({@code abs max min signum floor ceil rint}, {@code (int)} casts,
 *       {@code relu}) and every function with a singular point goes through {@link Trace}, which
 *       returns exactly what the plain expression returns and records the decision. Finite
 *       differences evaluate the trace flavor, so a probe that crosses a branch or a kink is seen.
 *       Every operation's result also goes through {@code Trace.v}, which flags infinities and
 *       NaN: a point where some intermediate overflows is no reference for a derivative, even if
 *       the overflow is dead (the adjoint of a dead infinity is {@code 0 * inf}).
 * </ul>
 *
 * Binary operations are parenthesized when nested, so no precedence reasoning is needed.
 */
final class JavaPrinter {

  enum Flavor {
    ORIGINAL,
    TRACE
  }

  /** Math functions the trace flavor routes through {@link Trace} (same name, same result). */
  static final Set<String> TRACED_MATH =
      Set.of("abs", "max", "min", "signum", "floor", "ceil", "rint", "cbrt", "sqrt", "pow",
          "hypot", "atan2", "log", "log10", "log1p", "asin", "acos");

  /** An exponent with no derivative: a literal, its negation or an int. */
  private static boolean constantExponent(Expr e) {
    return e instanceof Num || e instanceof Neg n && n.a() instanceof Num
        || e instanceof Ast.ToDouble;
  }

  /** Kernels the trace flavor routes through {@link Trace}. */
  static final Set<String> TRACED_KERNELS = Set.of("relu", "norm2");

  /** A plain int helper for index arithmetic: non-negative arguments give 0..6. */
  static final String MIX = "mix";

  /** A stateful int helper ({@link Ticks}): must run exactly as often as in the original. */
  static final String TICK = "tick";

  private static boolean usesHelper(Program p, String name) {
    for (Method m : p.methods()) {
      if (mentionsHelper(m.body(), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsHelper(Ast.Node n, String name) {
    if (n instanceof IHelper h && h.name().equals(name)) {
      return true;
    }
    for (Ast.Node k : n.kids()) {
      if (mentionsHelper(k, name)) {
        return true;
      }
    }
    return false;
  }

  /** A plain boolean helper. */
  static final String EVEN = "even";

  /** The class's {@code static final double}s ({@link Ast.Constant}): name and initializer. */
  static final java.util.Map<String, String> CONSTANTS = java.util.Map.of(
      "K_SQRT2PI", "Math.sqrt(2 * Math.PI)",
      "K_HALF", "0.5",
      "K_NEG", "-1.25");

  /** The class's {@code static final double[]} ({@link Ast.TableRead}), as long as its arrays. */
  static final String TABLE = "K_TABLE";

  /** The table's entries: {@code 0.5, -0.75, 1.25, ...}. */
  static double tableEntry(int i) {
    return (i % 2 == 0 ? 0.5 : -0.75) + 0.75 * i;
  }

  /**
   * The program's own functions named like Math's ({@link ShadowCall}), in a nested class {@code
   * Shadow}: different functions with the same ranges as Math's (so the generator's domain
   * reasoning holds), each qualifying the Math call in its body.
   */
  static final java.util.Map<String, String> SHADOWS = java.util.Map.of(
      "exp", "Math.exp(0.5 * x)",
      "sin", "Math.sin(0.5 * x + 0.25)",
      "cos", "Math.cos(0.5 * x - 0.25)",
      "tanh", "Math.tanh(2 * x)",
      "atan", "0.5 * Math.atan(x)");

  static final String SHADOW_CLASS = "Shadow";

  /**
   * The nested class of functions of several doubles with {@code @DerivativeOf} pullbacks
   * ({@link Ast.CustomCall}): each function's arity, body, and pullback body.
   */
  static final String CUSTOM = "Custom";

  static final java.util.Map<String, List<String>> CUSTOMS = java.util.Map.of(
      "logAddExp", List.of("double a, double b",
          "double m = Math.max(a, b);\n"
              + "return m + Math.log(Math.exp(a - m) + Math.exp(b - m));",
          "grad[0] += resultBar * Math.exp(a - result);\n"
              + "grad[1] += resultBar * Math.exp(b - result);"),
      "mulSin", List.of("double a, double b, double c",
          "return a * b + Math.sin(c);",
          "grad[0] += resultBar * b;\ngrad[1] += resultBar * a;\n"
              + "grad[2] += resultBar * Math.cos(c);"));

  /** The shadowed names the program calls: Math's functions of those names stay qualified. */
  private Set<String> shadowed = Set.of();

  private final Flavor flavor;
  /** The class being printed; null when printing one method alone. */
  private String className;
  private boolean staticImport;
  /**
   * Whether a {@code wrt} subset is spelled as {@code @NoDerivative} on the other parameters
   * (programs of odd seeds), the equivalent alternative.
   */
  private boolean noDerivativeSpelling;
  /** Whether the methods are instance methods ({@link Program#instance}). */
  private boolean instance;
  /** {@code Math}, or {@code java.lang.Math} where a variable of that name hides it. */
  private String math = "Math";
  /** {@code LinearAlgebra}, or its full name where a variable of that name hides it. */
  private String linearAlgebra = "LinearAlgebra";
  /** Classes of java.lang a variable of the program hides: written in full. */
  private final Set<String> hiddenLang = new HashSet<>();
  /** Names of the double variables of the method being printed. */
  private final Set<String> doubles = new HashSet<>();
  private final StringBuilder out = new StringBuilder();
  private int indent;

  private JavaPrinter(Flavor flavor) {
    this.flavor = flavor;
  }

  static String print(Program p, String className, Flavor flavor) {
    JavaPrinter w = new JavaPrinter(flavor);
    w.staticImport = p.staticImport() && flavor == Flavor.ORIGINAL;
    w.noDerivativeSpelling = (p.seed() & 1) == 1;
    w.instance = p.instance();
    w.shadowed = shadowCalls(p);
    if (GeneratedLikeNames.mentions(p, "Math")) {
      w.math = "java.lang.Math";
    }
    for (String c : List.of("Double", "Integer", "Long")) {
      if (GeneratedLikeNames.mentions(p, c)) {
        w.hiddenLang.add(c);
      }
    }
    if (GeneratedLikeNames.mentions(p, "LinearAlgebra")) {
      w.linearAlgebra = "dev.adjoint.runtime.LinearAlgebra";
    }
    w.program(p, className);
    return w.out.toString();
  }

  /** One method alone (for messages). */
  static String print(Method m, Flavor flavor) {
    JavaPrinter w = new JavaPrinter(flavor);
    w.method(m);
    return w.out.toString();
  }

  private void program(Program p, String className) {
    this.className = className;
    out.append("package ").append(Program.PACKAGE).append(";\n\n");
    if (flavor == Flavor.ORIGINAL) {
      out.append("import dev.adjoint.Differentiable;\n");
    } else {
      out.append("import dev.adjoint.processor.fuzz.Trace;\n");
    }
    if (p.uses(Kernel.class) || p.uses(DeclKernel.class) || p.uses(RebindKernel.class)
        || p.uses(Ast.RowAssign.class)) {
      out.append("import dev.adjoint.runtime.LinearAlgebra;\n");
    }
    if (staticImport || !shadowed.isEmpty() && flavor == Flavor.ORIGINAL) {
      out.append("\nimport static java.lang.Math.*;\n");
    }
    if (flavor == Flavor.ORIGINAL) {
      for (String fn : new java.util.TreeSet<>(shadowed)) {
        out.append("import static ").append(Program.PACKAGE).append('.').append(className)
            .append('.').append(SHADOW_CLASS).append('.').append(fn).append(";\n");
      }
    }
    out.append("\npublic final class ").append(className).append(" {\n");
    indent = 1;
    line("private " + className + "() {}");
    for (Method m : p.methods()) {
      out.append('\n');
      method(m);
    }
    if (p.uses(IHelper.class)) {
      out.append('\n');
      line("static int " + MIX + "(int a, int b) {");
      line("  return (a * 3 + b) % 7;");
      line("}");
    }
    if (!shadowed.isEmpty()) {
      shadowClass();
    }
    if (p.uses(Ast.CustomCall.class)) {
      customClass();
    }
    if (usesHelper(p, TICK)) {
      out.append('\n');
      line("/** Stateful: its value depends on how often it ran since the checker's reset. */");
      line("static int " + TICK + "(int a, int b) {");
      line("  return Math.floorMod(a * 3 + b + dev.adjoint.processor.fuzz.Ticks.next(), 7);");
      line("}");
    }
    if (p.uses(Ast.Constant.class) || p.uses(Ast.TableRead.class)) {
      constants(p);
    }
    for (String fn : VectorHelpers.used(p)) {
      out.append('\n');
      VectorHelpers.lines(fn, flavor == Flavor.TRACE, math, linearAlgebra).forEach(this::line);
    }
    for (String fn : FunctionHelpers.used(p)) {
      out.append('\n');
      FunctionHelpers.lines(fn, flavor == Flavor.TRACE).forEach(this::line);
    }
    for (String fn : WritingHelpers.used(p)) {
      out.append('\n');
      WritingHelpers.lines(fn, flavor == Flavor.TRACE, math).forEach(this::line);
    }
    if (p.uses(BoolHelper.class)) {
      out.append('\n');
      line("static boolean " + EVEN + "(int a) {");
      line("  return a % 2 == 0;");
      line("}");
    }
    out.append("}\n");
  }

  /**
   * The constants {@link Ast.Constant} and {@link Ast.TableRead} read: {@code static final}, or
   * in a program of instance methods plain fields of {@code this}, read the same way.
   */
  private void constants(Program p) {
    out.append('\n');
    String modifiers = instance ? "" : "static final ";
    for (String name : new java.util.TreeSet<>(CONSTANTS.keySet())) {
      line(modifiers + "double " + name + " = "
          + CONSTANTS.get(name).replace("Math.", math + ".") + ";");
    }
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < p.arrayLength(); i++) {
      entries.add(Double.toString(tableEntry(i)));
    }
    line(modifiers + "double[] " + TABLE + " = {" + String.join(", ", entries) + "};");
  }

  /** The nested class whose functions the single-static-imports name. */
  private void shadowClass() {
    out.append('\n');
    line("public static final class " + SHADOW_CLASS + " {");
    indent++;
    line("private " + SHADOW_CLASS + "() {}");
    for (String fn : new java.util.TreeSet<>(shadowed)) {
      if (flavor == Flavor.ORIGINAL) {
        line("@Differentiable");
      }
      line("public static double " + fn + "(double x) {");
      line("  return " + SHADOWS.get(fn) + ";");
      line("}");
    }
    indent--;
    line("}");
  }

  /** The functions of {@link #CUSTOMS}; their pullbacks only in the class under test. */
  private void customClass() {
    out.append('\n');
    line("public static final class " + CUSTOM + " {");
    indent++;
    line("private " + CUSTOM + "() {}");
    for (String fn : new java.util.TreeSet<>(CUSTOMS.keySet())) {
      List<String> parts = CUSTOMS.get(fn);
      line("public static double " + fn + "(" + parts.get(0) + ") {");
      for (String l : parts.get(1).split("\n")) {
        line("  " + l);
      }
      line("}");
      if (flavor == Flavor.ORIGINAL) {
        line("@dev.adjoint.DerivativeOf(value = " + CUSTOM + ".class, method = \"" + fn + "\")");
        line("public static void " + fn + "Pullback(" + parts.get(0)
            + ", double result, double resultBar, double[] grad) {");
        for (String l : parts.get(2).split("\n")) {
          line("  " + l);
        }
        line("}");
      }
    }
    indent--;
    line("}");
  }

  private static Set<String> shadowCalls(Program p) {
    Set<String> out = new HashSet<>();
    for (Method m : p.methods()) {
      collectShadowCalls(m.body(), out);
    }
    return out;
  }

  private static void collectShadowCalls(Node n, Set<String> out) {
    if (n instanceof ShadowCall c) {
      out.add(c.fn());
    }
    for (Node k : n.kids()) {
      collectShadowCalls(k, out);
    }
  }

  private void method(Method m) {
    boolean passThrough = noDerivativeSpelling && m.wrt() != null;
    // Plain helpers are static only: in a program of instance methods they stay annotated.
    boolean annotated = m.annotated() || instance;
    if (flavor == Flavor.ORIGINAL && annotated) {
      if (m.wrt() == null || passThrough) {
        line("@Differentiable");
      } else {
        List<String> quoted = new ArrayList<>();
        for (String w : m.wrt()) {
          quoted.add('"' + w + '"');
        }
        line("@Differentiable(wrt = {" + String.join(", ", quoted) + "})");
      }
    }
    List<String> ps = new ArrayList<>();
    doubles.clear();
    for (Param p : m.params()) {
      boolean excluded = passThrough && flavor == Flavor.ORIGINAL && annotated
          && p.type().differentiable() && !m.wrt().contains(p.name());
      ps.add((excluded ? "@dev.adjoint.NoDerivative " : "") + p.type().java + " " + p.name());
      if (p.type() == Program.Type.DOUBLE) {
        doubles.add(p.name());
      }
    }
    line("public " + (instance ? "" : "static ") + "double " + m.name() + "("
        + String.join(", ", ps) + ") {");
    indent++;
    for (Stmt s : m.body().stmts()) {
      stmt(s);
    }
    indent--;
    line("}");
  }

  private void line(String s) {
    out.append("  ".repeat(indent)).append(s).append('\n');
  }

  private void block(Block b) {
    indent++;
    for (Stmt s : b.stmts()) {
      stmt(s);
    }
    indent--;
  }

  private void stmt(Stmt s) {
    if (s instanceof Block b) {
      line("{");
      block(b);
      line("}");
    } else if (s instanceof DeclDouble d) {
      line("double " + d.name() + " = " + expr(d.init()) + ";");
      doubles.add(d.name());
    } else if (s instanceof DeclInt d) {
      line((d.isLong() ? "long " : "int ") + d.name() + " = " + iexpr(d.init()) + ";");
    } else if (s instanceof DeclBool d) {
      line("boolean " + d.name() + " = " + cond(d.init()) + ";");
    } else if (s instanceof DeclArray d) {
      line("double[] " + d.name() + " = new double[" + iexpr(d.size()) + "];");
    } else if (s instanceof DeclMatrix d) {
      line("double[][] " + d.name() + " = new double[" + iexpr(d.rows()) + "]["
          + (d.cols() == null ? "" : iexpr(d.cols())) + "];");
    } else if (s instanceof Ast.WriteCall c) {
      line(c.fn() + "(" + c.read() + ", " + c.written() + ", " + expr(c.p()) + ");");
      checkFinite(c.written() + "[0]");
    } else if (s instanceof Ast.Fill f) {
      line("java.util.Arrays.fill(" + f.array() + ", " + expr(f.value()) + ");");
      checkFinite(f.array() + "[0]"); // every array of a program has length L >= 1
    } else if (s instanceof Ast.ArrayCopy c) {
      line("System.arraycopy(" + c.source() + ", " + position(c.from(), c.computed()) + ", "
          + c.target() + ", " + position(c.to(), c.computed()) + ", " + c.count() + ");");
      checkFinite(c.target() + "[0]");
    } else if (s instanceof Ast.FillRange f) {
      line("java.util.Arrays.fill(" + f.array() + ", " + f.from() + ", " + f.to() + ", "
          + expr(f.value()) + ");");
      checkFinite(f.array() + "[0]");
    } else if (s instanceof Ast.DeclCopy d) {
      String copy = switch (d.how()) {
        case "clone" -> d.source() + ".clone()";
        case "copyOf" -> "java.util.Arrays.copyOf(" + d.source() + ", " + d.length() + ")";
        default -> "java.util.Arrays.copyOfRange(" + d.source() + ", " + d.from() + ", "
            + (d.from() + d.length()) + ")";
      };
      line("double[] " + d.name() + " = " + copy + ";");
    } else if (s instanceof Ast.RowAssign a) {
      String value = switch (a.fn()) {
        case "clone" -> args(a.args()) + ".clone()";
        case "new" -> "new double[] {" + args(a.args()) + "}";
        default -> kernel(a.fn(), a.args());
      };
      line(a.matrix() + "[" + iexpr(a.row()) + "] = " + value + ";");
    } else if (s instanceof DeclKernel d) {
      line((d.matrix() ? "double[][] " : "double[] ") + d.name() + " = "
          + kernel(d.fn(), d.args()) + ";");
    } else if (s instanceof Ast.DeclChoice d) {
      line((d.matrix() ? "double[][] " : "double[] ") + d.name() + " = " + cond(d.c()) + " ? "
          + d.a() + " : " + d.b() + ";");
    } else if (s instanceof Ast.Chain c) {
      line(String.join(" = ", c.names()) + " = " + expr(c.value()) + ";");
      c.names().forEach(this::checkFinite);
    } else if (s instanceof RebindKernel k) {
      line(k.name() + " = " + kernel(k.fn(), k.args()) + ";");
    } else if (s instanceof Reallocate a) {
      String size = "[" + iexpr(a.size()) + "]";
      line(a.name() + " = new double" + size + (a.matrix() ? size : "") + ";");
    } else if (s instanceof DeclRow d) {
      line("double[] " + d.name() + " = " + d.matrix() + "[" + iexpr(d.row()) + "];");
    } else if (s instanceof Assign a) {
      line(a.name() + " " + a.op() + " " + expr(a.value()) + ";");
      checkFinite(a.name());
    } else if (s instanceof IAssign a) {
      line(a.name() + " " + a.op() + " " + iexpr(a.value()) + ";");
    } else if (s instanceof Step st) {
      line(st.name() + st.op() + ";");
      if (doubles.contains(st.name())) {
        checkFinite(st.name());
      }
    } else if (s instanceof Store st) {
      if (flavor == Flavor.TRACE) {
        // The index once, in Java's order, so the check re-runs no (stateful) helper.
        line("{");
        line("  int i$ = " + iexpr(st.index()) + ";");
        line("  " + st.array() + "[i$] " + st.op() + " " + expr(st.value()) + ";");
        line("  Trace.v(" + st.array() + "[i$]);");
        line("}");
      } else {
        line(st.array() + "[" + iexpr(st.index()) + "] " + st.op() + " " + expr(st.value())
            + ";");
      }
    } else if (s instanceof Store2 st) {
      if (flavor == Flavor.TRACE) {
        line("{");
        line("  int i$ = " + iexpr(st.i()) + ";");
        line("  int j$ = " + iexpr(st.j()) + ";");
        line("  " + st.matrix() + "[i$][j$] " + st.op() + " " + expr(st.value()) + ";");
        line("  Trace.v(" + st.matrix() + "[i$][j$]);");
        line("}");
      } else {
        line(st.matrix() + "[" + iexpr(st.i()) + "][" + iexpr(st.j()) + "] " + st.op() + " "
            + expr(st.value()) + ";");
      }
    } else if (s instanceof If i) {
      line("if (" + cond(i.c()) + ") {");
      block(i.then());
      if (i.otherwise().stmts().isEmpty()) {
        line("}");
      } else {
        line("} else {");
        block(i.otherwise());
        line("}");
      }
    } else if (s instanceof For f) {
      String c = f.var() + " < " + iexpr(f.bound());
      line("for (" + (f.isLong() ? "long " : "int ") + f.var() + " = 0; " + loopCond(c, f.extra())
          + "; " + f.var() + "++) {");
      block(f.body());
      line("}");
    } else if (s instanceof While w) {
      String c = loopCond(w.counter() + " < " + iexpr(w.bound()), w.extra());
      line("int " + w.counter() + " = 0;");
      line(w.doWhile() ? "do {" : "while (" + c + ") {");
      indent++;
      line(w.counter() + "++;");
      indent--;
      block(w.body());
      line(w.doWhile() ? "} while (" + c + ");" : "}");
    } else if (s instanceof ForEach f) {
      line("for (double " + f.var() + " : " + f.array() + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof ForEachRow f) {
      line("for (double[] " + f.var() + " : " + f.matrix() + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof Break) {
      line("break;");
    } else if (s instanceof Continue) {
      line("continue;");
    } else if (s instanceof Return r) {
      line("return " + expr(r.value()) + ";");
    } else if (s instanceof Ast.Switch sw) {
      switchStatement(sw);
    } else if (s instanceof Ast.ObjSwitch sw) {
      objectSwitch(sw);
    } else if (s instanceof Ast.DeclFunction d) {
      line("java.util.function.DoubleUnaryOperator " + d.name() + " = " + d.param() + " -> "
          + expr(d.body()) + ";");
    } else if (s instanceof Ast.Assert a) {
      line("assert " + condOperand(a.c()) + " || !" + condAtom(a.c()) + ";");
    } else if (s instanceof Ast.CountedFor f) {
      boolean up = f.op().startsWith("<");
      String step = f.step() == 1 ? f.var() + (up ? "++" : "--")
          : f.var() + (up ? " += " : " -= ") + f.step();
      line("for (int " + f.var() + " = " + iexpr(f.from()) + "; "
          + traced(f.var() + " " + f.op() + " " + iexpr(f.bound())) + "; " + step + ") {");
      block(f.body());
      line("}");
    } else if (s instanceof Ast.CountDown c) {
      line("int " + c.counter() + " = " + iexpr(c.bound()) + ";");
      line("while (" + traced(c.counter() + "-- > 0") + ") {");
      block(c.body());
      line("}");
    } else if (s instanceof Ast.DeclInit d) {
      List<String> elements = new ArrayList<>();
      d.elements().forEach(e -> elements.add(expr(e)));
      line("double[] " + d.name() + " = {" + String.join(", ", elements) + "};");
    } else {
      throw new IllegalArgumentException("statement " + s);
    }
  }

  /** Colon form: each case's block, then {@code break}; arrow form: each case a block. */
  private void switchStatement(Ast.Switch sw) {
    String selector = selector(sw.selector());
    line("switch (" + (sw.chars() ? "(char) ('a' + " + selector + ")" : selector) + ") {");
    indent++;
    for (int k = 0; k < sw.bodies().size(); k++) {
      caseBlock(labels(sw.labels().get(k), sw.arrow(), sw.chars()), sw.bodies().get(k),
          sw.arrow());
    }
    caseBlock(sw.arrow() ? "default ->" : "default:", sw.otherwise(), sw.arrow());
    indent--;
    line("}");
  }

  /** A switch on an enum or String: its selector is never perturbed, so it is no decision. */
  private void objectSwitch(Ast.ObjSwitch sw) {
    line("switch (" + sw.selector() + ") {");
    indent++;
    for (int k = 0; k < sw.bodies().size(); k++) {
      List<String> ls = sw.labels().get(k).stream()
          .map(v -> ObjectValues.label(v, sw.text())).toList();
      caseBlock(sw.arrow() ? "case " + String.join(", ", ls) + " ->"
          : ls.stream().map(l -> "case " + l + ":").collect(
              java.util.stream.Collectors.joining(" ")), sw.bodies().get(k), sw.arrow());
    }
    caseBlock(sw.arrow() ? "default ->" : "default:", sw.otherwise(), sw.arrow());
    indent--;
    line("}");
  }

  private void caseBlock(String labels, Block body, boolean arrow) {
    line(labels + " {");
    block(body);
    line(arrow ? "}" : "} break;");
  }

  /** {@code case 1, 2 ->}, or in the colon form {@code case 1: case 2:}. */
  private static String labels(List<Integer> values, boolean arrow, boolean chars) {
    java.util.function.Function<Integer, String> label =
        v -> chars ? "'" + (char) ('a' + v) + "'" : String.valueOf(v);
    if (arrow) {
      return "case " + values.stream().map(label)
          .collect(java.util.stream.Collectors.joining(", ")) + " ->";
    }
    return values.stream().map(v -> "case " + label.apply(v) + ":")
        .collect(java.util.stream.Collectors.joining(" "));
  }

  /** A switch selector: in the trace flavor, its value is a decision. */
  private String selector(IExpr e) {
    return flavor == Flavor.TRACE ? "Trace.i(" + iexpr(e) + ")" : iexpr(e);
  }

  private String switchValue(Ast.SwitchValue sw) {
    StringBuilder sb = new StringBuilder("(switch (" + selector(sw.selector()) + ") {");
    for (int k = 0; k < sw.values().size(); k++) {
      sb.append(' ').append(labels(sw.labels().get(k), true, false)).append(' ')
          .append(expr(sw.values().get(k))).append(';');
    }
    return sb.append(" default -> ").append(expr(sw.otherwise())).append("; })").toString();
  }

  /** An array position, as a constant or hidden from the processor in a computed int. */
  private String position(int p, boolean computed) {
    return computed ? math + ".max(" + p + ", 0)" : String.valueOf(p);
  }

  /**
   * Trace flavor: after an assignment, the value assigned goes through {@code Trace.v} (a
   * compound assignment computes it without an expression of ours). Indices are pure, so
   * evaluating one again changes nothing.
   */

  private void checkFinite(String lvalue) {
    if (flavor == Flavor.TRACE) {
      line("Trace.v(" + lvalue + ");");
    }
  }

  /** {@code text} with the java.lang classes a variable hides written in full. */
  private String lang(String text) {
    for (String c : hiddenLang) {
      text = text.replaceAll("(?<![.\\w])" + c + "\\.", "java.lang." + c + ".");
    }
    return text;
  }

  private String loopCond(String counterTest, Cond extra) {
    String c = traced(counterTest);
    return extra == null ? c : c + " && " + condOperand(extra);
  }

  private String traced(String booleanExpr) {
    return flavor == Flavor.TRACE ? "Trace.b(" + booleanExpr + ")" : booleanExpr;
  }

  // ---------------------------------------------------------------------------------------------

  String expr(Expr e) {
    if (e instanceof Num n) {
      String number = number(n.value());
      return lang(number.startsWith("Math.") ? math + number.substring(4) : number);
    } else if (e instanceof Var v) {
      return v.name();
    } else if (e instanceof Bin b) {
      if (flavor == Flavor.TRACE) {
        return b.op().equals("/") ? "Trace.div(" + expr(b.a()) + ", " + expr(b.b()) + ")"
            : "Trace.v(" + operand(b.a()) + " " + b.op() + " " + operand(b.b()) + ")";
      }
      return operand(b.a()) + " " + b.op() + " " + operand(b.b());
    } else if (e instanceof Neg n) {
      return "-" + (atomic(n.a()) ? expr(n.a()) : "(" + expr(n.a()) + ")");
    } else if (e instanceof MathCall c) {
      List<String> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(expr(a));
      }
      if (flavor == Flavor.TRACE) {
        String owner = TRACED_MATH.contains(c.fn()) ? "Trace" : math;
        // An exponent with no derivative (a literal, an int) makes pow(0, 0) and pow(0, k >= 1)
        // ordinary points: their derivative in the base is finite (0 for x^0).
        String fn = c.fn().equals("pow") && constantExponent(c.args().get(1)) ? "powConstant"
            : c.fn();
        return "Trace.v(" + owner + "." + fn + "(" + String.join(", ", args) + "))";
      }
      boolean unqualified = staticImport && !shadowed.contains(c.fn());
      return (unqualified ? "" : math + ".") + c.fn() + "(" + String.join(", ", args) + ")";
    } else if (e instanceof ShadowCall c) {
      return flavor == Flavor.TRACE
          ? "Trace.v(" + SHADOW_CLASS + "." + c.fn() + "(" + expr(c.arg()) + "))"
          : c.fn() + "(" + expr(c.arg()) + ")";
    } else if (e instanceof Ast.CustomCall c) {
      List<String> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(expr(a));
      }
      String call = CUSTOM + "." + c.fn() + "(" + String.join(", ", args) + ")";
      return flavor == Flavor.TRACE ? "Trace.v(" + call + ")" : call;
    } else if (e instanceof Named n) {
      return lang(n.name());
    } else if (e instanceof Ast.PassFunction p) {
      String function = p.function() != null ? p.function() : p.param() + " -> " + expr(p.body());
      String call = p.helper() + "(" + function + ", " + expr(p.arg())
          + (FunctionHelpers.takesCount(p.helper()) ? ", " + p.count() : "") + ")";
      return flavor == Flavor.TRACE ? "Trace.v(" + call + ")" : call;
    } else if (e instanceof Ast.Apply a) {
      String call = a.function() + ".applyAsDouble(" + expr(a.arg()) + ")";
      return flavor == Flavor.TRACE ? "Trace.v(" + call + ")" : call;
    } else if (e instanceof Ast.Constant c) {
      String qualifier = instance ? "this." : className + ".";
      return (c.qualified() && className != null ? qualifier : "") + c.name();
    } else if (e instanceof Ast.TableRead t) {
      return TABLE + "[" + iexpr(t.index()) + "]";
    } else if (e instanceof Ternary t) {
      return condOperand(t.c()) + " ? " + operand(t.a()) + " : " + operand(t.b());
    } else if (e instanceof Read r) {
      return r.array() + "[" + iexpr(r.index()) + "]";
    } else if (e instanceof Read2 r) {
      return r.matrix() + "[" + iexpr(r.i()) + "][" + iexpr(r.j()) + "]";
    } else if (e instanceof ToDouble d) {
      return "(double) " + ioperand(d.e());
    } else if (e instanceof Call c) {
      String call = c.method() + "(" + args(c.args()) + ")";
      return flavor == Flavor.TRACE ? "Trace.v(" + call + ")" : call;
    } else if (e instanceof Kernel k) {
      return kernel(k.fn(), k.args());
    } else if (e instanceof Ast.SwitchValue sw) {
      return switchValue(sw);
    }
    throw new IllegalArgumentException("expression " + e);
  }

  private String kernel(String fn, List<Arg> args) {
    if (VectorHelpers.isVector(fn)) {
      String call = fn + "(" + args(args) + ")";
      return flavor == Flavor.TRACE ? "Trace.v(" + call + ")" : call;
    }
    if (flavor == Flavor.TRACE) {
      String owner = TRACED_KERNELS.contains(fn) ? "Trace" : linearAlgebra;
      return "Trace.v(" + owner + "." + fn + "(" + args(args) + "))";
    }
    return linearAlgebra + "." + fn + "(" + args(args) + ")";
  }

  private String args(List<Arg> args) {
    List<String> out = new ArrayList<>();
    for (Arg a : args) {
      if (a instanceof Expr e) {
        out.add(expr(e));
      } else if (a instanceof IExpr i) {
        out.add(iexpr(i));
      } else if (a instanceof Ast.ChoiceArg c) {
        out.add("(" + cond(c.c()) + " ? " + c.a() + " : " + c.b() + ")");
      } else {
        out.add(((ArrayName) a).name());
      }
    }
    return String.join(", ", out);
  }

  private static boolean atomic(Expr e) {
    return e instanceof Num || e instanceof Var || e instanceof MathCall || e instanceof Read
        || e instanceof ShadowCall || e instanceof Named || e instanceof Ast.CustomCall
        || e instanceof Ast.Constant || e instanceof Ast.TableRead
        || e instanceof Read2 || e instanceof Call || e instanceof Kernel;
  }

  /** An operand of a binary operator or ternary: parenthesized unless atomic. */
  private String operand(Expr e) {
    if (atomic(e) || flavor == Flavor.TRACE && e instanceof Bin) {
      return expr(e);
    }
    return "(" + expr(e) + ")";
  }

  static String number(double v) {
    if (v == Math.PI || v == Math.E) {
      return v == Math.PI ? "Math.PI" : "Math.E";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      String s = (long) v + ".0";
      return v < 0 || (v == 0 && 1 / v < 0) ? "(" + (v == 0 ? "-0.0" : s) + ")" : s;
    }
    String s = Double.toString(v);
    return v < 0 ? "(" + s + ")" : s;
  }

  String iexpr(IExpr e) {
    if (e instanceof IConst c) {
      return c.value() < 0 ? "(" + c.value() + ")" : Integer.toString(c.value());
    } else if (e instanceof IVar v) {
      return v.name();
    } else if (e instanceof IBin b) {
      return ioperand(b.a()) + " " + b.op() + " " + ioperand(b.b());
    } else if (e instanceof Length l) {
      return l.array() + ".length";
    } else if (e instanceof ToInt t) {
      String cast = "(int) " + operand(t.e());
      return flavor == Flavor.TRACE ? "Trace.i(" + cast + ")" : cast;
    } else if (e instanceof IHelper h) {
      List<String> args = new ArrayList<>();
      for (IExpr a : h.args()) {
        args.add(iexpr(a));
      }
      return h.name() + "(" + String.join(", ", args) + ")";
    } else if (e instanceof IMath m) {
      List<String> args = new ArrayList<>();
      for (IExpr a : m.args()) {
        args.add(iexpr(a));
      }
      return (staticImport ? "" : math + ".") + m.fn() + "(" + String.join(", ", args) + ")";
    } else if (e instanceof INamed n) {
      // A named constant may call Math's integer functions; a local called Math hides the class.
      return "(" + lang(n.text().replaceAll("(?<![.\\w])Math\\.", math + ".")) + ")";
    } else if (e instanceof Ast.PostStep p) {
      return p.name() + "++";
    } else if (e instanceof IRound r) {
      String round = "(int) " + (staticImport ? "" : math + ".") + "round(" + expr(r.e()) + ")";
      return flavor == Flavor.TRACE ? "Trace.i(" + round + ")" : round;
    }
    throw new IllegalArgumentException("int expression " + e);
  }

  private String ioperand(IExpr e) {
    if (e instanceof IBin || (e instanceof ToInt || e instanceof IRound)
        && flavor == Flavor.ORIGINAL) {
      return "(" + iexpr(e) + ")";
    }
    return iexpr(e);
  }

  String cond(Cond c) {
    if (c instanceof Cmp cmp) {
      return traced(operand(cmp.a()) + " " + cmp.op() + " " + operand(cmp.b()));
    } else if (c instanceof ICmp cmp) {
      return traced(ioperand(cmp.a()) + " " + cmp.op() + " " + ioperand(cmp.b()));
    } else if (c instanceof And a) {
      return condOperand(a.a()) + " && " + condOperand(a.b());
    } else if (c instanceof Or o) {
      return condOperand(o.a()) + " || " + condOperand(o.b());
    } else if (c instanceof Not n) {
      return "!" + condAtom(n.a());
    } else if (c instanceof BoolConst b) {
      return Boolean.toString(b.value());
    } else if (c instanceof BoolVar v) {
      return v.name();
    } else if (c instanceof BoolHelper h) {
      return traced(h.name() + "(" + iexpr(h.arg()) + ")");
    } else if (c instanceof Ast.ObjCmp o) {
      String literal = ObjectValues.label(o.constant(), o.text());
      return o.text() ? (o.flipped() ? literal + ".equals(" + o.name() + ")"
          : o.name() + ".equals(" + literal + ")")
          : o.name() + (o.flipped() ? " != " : " == ") + "java.math.RoundingMode." + o.constant();
    }
    throw new IllegalArgumentException("condition " + c);
  }

  private String condOperand(Cond c) {
    if (c instanceof And || c instanceof Or) {
      return "(" + cond(c) + ")";
    }
    return condAtom(c);
  }

  private String condAtom(Cond c) {
    if (c instanceof BoolConst || c instanceof BoolVar || c instanceof Not
        || c instanceof BoolHelper
        || flavor == Flavor.TRACE && (c instanceof Cmp || c instanceof ICmp)) {
      return cond(c);
    }
    return "(" + cond(c) + ")";
  }
}
