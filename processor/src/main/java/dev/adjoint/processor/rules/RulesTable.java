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

  /** How the IR (and generated code) names {@code java.lang.Math}. */
  public static final String MATH = "Math";
  public static final String STRICT_MATH = "StrictMath";
  /** Where {@code withoutDerivative} lives: a function of its own class, not of Math. */
  public static final String GRADIENTS = "dev.adjoint.runtime.Gradients";

  /** The classes with function rules: qualified name to the owner an {@code Expr.Call} names. */
  private static final Map<String, String> OWNERS = Map.of(
      "java.lang.Math", MATH, "java.lang.StrictMath", STRICT_MATH, GRADIENTS, GRADIENTS);

  /** Functions with rules, by owner, name and arity: a rule belongs to its class's method. */
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
    // x^0 is 1 for every x: its derivative is 0, also at x = 0 (where 0 * pow(0, -1) is NaN).
    define("pow", "x, y", "d/dx x^0 = 0", "y == 0 ? 0 : y * Math.pow(x, y - 1)",
        "result * Math.log(x)");
    define("hypot", "x, y", "", "x / result", "y / result");
    // A NaN argument makes both comparisons false: the derivative is NaN, as the result is. The
    // common case costs one comparison.
    define("max", "x, y", "ties go to the first argument", "x >= y ? 1 : x < y ? 0 : NaN",
        "x >= y ? 0 : x < y ? 1 : NaN");
    define("min", "x, y", "ties go to the first argument", "x <= y ? 1 : x > y ? 0 : NaN",
        "x <= y ? 0 : x > y ? 1 : NaN");
    define("fma", "a, b, c", "", "b", "a", "1");
    for (String f : List.of("signum", "floor", "ceil", "rint", "round")) {
      define(f, "x", "piecewise constant: derivative 0, also at jumps");
    }
    // Integer functions: no derivative, for index arithmetic.
    for (String f : List.of("floorMod", "floorDiv")) {
      define(f, "x, y", "integer arithmetic: no derivative");
    }
    FUNCTIONS.put(key(GRADIENTS, "withoutDerivative", 1),
        rule("withoutDerivative", List.of("x"), "the gradient stops here"));

    operator(Op.ADD, "x, y", "1", "1");
    operator(Op.SUB, "x, y", "1", "-1");
    operator(Op.MUL, "x, y", "y", "x");
    operator(Op.DIV, "x, y", "1 / y", "-result / y");
    operator(Op.NEG, "x", "-1");
    // 1 / y: d/dy = -1 / y² = -result², a multiplication where the general rule divides.
    reciprocal = rule("1/", List.of("x", "y"), "", "0", "-result * result");
  }


  private RulesTable() {}

  /**
   * How an {@code Expr.Call} names the class {@code qualifiedName} if it is one with function
   * rules ({@code Math}, {@code StrictMath}, {@code Gradients}); empty for any other class, a
   * user's class called {@code Math} included.
   */
  public static Optional<String> owner(String qualifiedName) {
    return Optional.ofNullable(OWNERS.get(qualifiedName));
  }

  /** The rule for {@code owner.name} with {@code arity} arguments ({@code owner} as in IR). */
  public static Optional<Rule> function(String owner, String name, int arity) {
    return Optional.ofNullable(FUNCTIONS.get(key(owner, name, arity)));
  }

  /** Whether {@code Math} has a rule of this name (for messages about a function that is not). */
  public static boolean isMathFunction(String name) {
    return FUNCTIONS.keySet().stream().anyMatch(k -> k.startsWith(MATH + "." + name + "/"));
  }

  public static Optional<Rule> operator(Op op) {
    return Optional.ofNullable(OPERATORS.get(op));
  }

  /** The rule for {@code 1 / y}, which reuses the result instead of dividing again. */
  public static Rule reciprocal() {
    return reciprocal;
  }

  /** Every function rule of {@code Math}, in table order (for docs, messages and tests). */
  public static List<Rule> functions() {
    List<Rule> out = new ArrayList<>();
    FUNCTIONS.forEach((k, rule) -> {
      if (k.startsWith(MATH + ".")) {
        out.add(rule);
      }
    });
    return Collections.unmodifiableList(out);
  }

  /**
   * The key of every function rule, {@code owner.name/arity} with the owner as in IR ({@code
   * Math.atan2/2}, {@code dev.adjoint.runtime.Gradients.withoutDerivative/1}), in table order:
   * what a coverage test must find a numeric case for.
   */
  public static List<String> functionKeys() {
    return List.copyOf(FUNCTIONS.keySet());
  }

  private static void unary(String name, String derivative) {
    define(name, "x", "", derivative);
  }

  /** A function of both {@code Math} and {@code StrictMath}: they compute the same math. */
  private static void define(String name, String params, String note, String... partials) {
    List<String> names = Arrays.asList(params.split(",\\s*"));
    Rule rule = rule(name, names, note, partials);
    FUNCTIONS.put(key(MATH, name, names.size()), rule);
    FUNCTIONS.put(key(STRICT_MATH, name, names.size()), rule);
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
    return new Rule(name, params.size(), templates, note, params);
  }

  private static String key(String owner, String name, int arity) {
    return owner + "." + name + "/" + arity;
  }
}
