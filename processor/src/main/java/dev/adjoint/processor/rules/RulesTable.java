package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every primitive Adjoint differentiates, with its chain-rule templates. The transformer looks
 * rules up here and never special-cases a function; a call with no entry is rejected by the
 * frontend. Templates reuse the primal {@code result} where that is cheaper than recomputing.
 */
public final class RulesTable {

  /** Functions of {@code java.lang.Math} and {@code StrictMath} with rules, by name and arity. */
  private static final Map<String, Rule> FUNCTIONS = new LinkedHashMap<>();

  /** Arithmetic operators, keyed by {@link Op}. */
  private static final Map<Op, Rule> OPERATORS = new LinkedHashMap<>();

  private static Rule reciprocal;

  static {
    unary("sin", "Math.cos(x)");
    unary("cos", "-Math.sin(x)");
    unary("tan", "1 + result * result");
    unary("asin", "1 / Math.sqrt(1 - x * x)");
    unary("acos", "-1 / Math.sqrt(1 - x * x)");
    unary("atan", "1 / (1 + x * x)");
    unary("sinh", "Math.cosh(x)");
    unary("cosh", "Math.sinh(x)");
    unary("tanh", "1 - result * result");
    unary("exp", "result");
    unary("expm1", "result + 1");
    unary("log", "1 / x");
    unary("log10", "1 / (x * 2.302585092994046)");
    unary("log1p", "1 / (1 + x)");
    unary("sqrt", "0.5 / result");
    unary("cbrt", "1 / (3 * result * result)");
    unary("toRadians", "0.017453292519943295");
    unary("toDegrees", "57.29577951308232");
    define("abs", "x", "abs'(0) = 0, the midpoint of the subgradient", "Math.signum(x)");
    define("atan2", "y, x", "", "x / (x * x + y * y)", "-y / (x * x + y * y)");
    define("pow", "x, y", "", "y * Math.pow(x, y - 1)", "result * Math.log(x)");
    define("hypot", "x, y", "", "x / result", "y / result");
    define("max", "x, y", "ties go to the first argument", "x >= y ? 1 : 0", "x >= y ? 0 : 1");
    define("min", "x, y", "ties go to the first argument", "x <= y ? 1 : 0", "x <= y ? 0 : 1");
    define("withoutDerivative", "x", "Gradients.withoutDerivative: the gradient stops here");
    for (String f : List.of("signum", "floor", "ceil", "rint")) {
      define(f, "x", "piecewise constant: derivative 0, also at jumps");
    }

    operator(Op.ADD, "x, y", "1", "1");
    operator(Op.SUB, "x, y", "1", "-1");
    operator(Op.MUL, "x, y", "y", "x");
    operator(Op.DIV, "x, y", "1 / y", "-result / y");
    operator(Op.NEG, "x", "-1");
    // 1 / y: d/dy = -1 / y² = -result², a multiplication where the general rule divides.
    reciprocal = rule("1/", List.of("x", "y"), "", "0", "-result * result");
  }


  private RulesTable() {}

  /** The rule for {@code Math.name} (or {@code StrictMath.name}) with {@code arity} arguments. */
  public static Optional<Rule> function(String name, int arity) {
    Rule rule = FUNCTIONS.get(key(name, arity));
    return Optional.ofNullable(rule);
  }

  public static Optional<Rule> operator(Op op) {
    return Optional.ofNullable(OPERATORS.get(op));
  }

  /** The rule for {@code 1 / y}, which reuses the result instead of dividing again. */
  public static Rule reciprocal() {
    return reciprocal;
  }

  /** Every function rule, in table order (for docs and tests). */
  public static List<Rule> functions() {
    return Collections.unmodifiableList(new ArrayList<>(FUNCTIONS.values()));
  }

  private static void unary(String name, String derivative) {
    define(name, "x", "", derivative);
  }

  private static void define(String name, String params, String note, String... partials) {
    List<String> names = Arrays.asList(params.split(",\\s*"));
    FUNCTIONS.put(key(name, names.size()), rule(name, names, note, partials));
  }

  private static void operator(Op op, String params, String... partials) {
    List<String> names = Arrays.asList(params.split(",\\s*"));
    OPERATORS.put(op, rule(op.symbol(), names, "", partials));
  }

  private static Rule rule(String name, List<String> params, String note, String... partials) {
    List<Expr> templates = new ArrayList<>();
    for (String p : partials) {
      templates.add(TemplateParser.parse(p, params));
    }
    return new Rule(name, params.size(), templates, note);
  }

  private static String key(String name, int arity) {
    return name + "/" + arity;
  }
}
