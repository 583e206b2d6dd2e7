package dev.adjoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.Rule;
import dev.adjoint.processor.rules.RulesTable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code // rules:} notes of {@code -Aadjoint.comments=chain-rule} print each function's
 * rule from the rules table, applied to the call's arguments. Here every function's, applied to
 * plain variables, is printed as {@link RuleNotes} prints it and read back by a small evaluator
 * of the notes' notation and compared with central finite differences of the {@code Math}
 * function itself, so a note cannot state a wrong derivative (a misprinted precedence, a swapped
 * argument name) without failing. (The goldens {@code *ChainRuleAdjoint.java.txt} pin where the
 * notes go.)
 */
class RuleNotesTest {

  private final ChainRuleNotes printer = new ChainRuleNotes(v -> v.name());

  @Test
  void everyPrintedFunctionDerivativeIsTheDerivative() throws Exception {
    Random random = new Random(13);
    int checked = 0;
    List<String> unprinted = new ArrayList<>();
    for (Rule rule : RulesTable.functions()) {
      if (rule.isPiecewiseConstant()) {
        continue;
      }
      for (int i = 0; i < rule.arity(); i++) {
        String formula = applied(rule, i);
        if (formula == null) {
          // conditional derivatives (max, min; pow's ∂/∂x, guarded at y = 0 unless y is a
          // literal): noted nowhere
          unprinted.add(rule.name());
          continue;
        }
        for (int trial = 0; trial < 5; trial++) {
          // In every function's domain: asin and acos need |x| < 1, log and pow x > 0.
          double[] at = new double[rule.arity()];
          Map<String, Double> vars = new HashMap<>();
          for (int k = 0; k < at.length; k++) {
            at[k] = 0.15 + 0.7 * random.nextDouble();
            vars.put(rule.parameters().get(k), at[k]);
          }
          double expected = centralDifference(rule.name(), at, i);
          double actual = new Evaluator(formula, vars).evaluate();
          assertEquals(expected, actual, 1e-6 * Math.max(1, Math.abs(expected)),
              rule.name() + " ∂/∂" + rule.parameters().get(i) + " = " + formula + " at "
                  + Arrays.toString(at));
        }
        checked++;
      }
    }
    assertTrue(checked >= 25, "checked " + checked);
    assertEquals(List.of("pow", "max", "max", "min", "min"), unprinted);
  }

  @Test
  void appliesTheRuleToTheArgumentsAsTheTableOrdersThem() {
    Rule atan2 = RulesTable.function(RulesTable.MATH, "atan2", 2).orElseThrow();
    assertEquals(List.of("y", "x"), atan2.parameters());
    assertEquals("x/(x·x + y·y)", applied(atan2, 0));
    assertEquals("−y/(x·x + y·y)", applied(atan2, 1));
    assertEquals("exp(x)",
        applied(RulesTable.function(RulesTable.MATH, "exp", 1).orElseThrow(), 0));
    assertEquals("1 − tanh(x)·tanh(x)",
        applied(RulesTable.function(RulesTable.MATH, "tanh", 1).orElseThrow(), 0));
  }

  /**
   * What {@link RuleNotes} prints for the partial {@code i} of {@code rule} applied to variables
   * named as the table names its arguments, its result the call itself.
   */
  private String applied(Rule rule, int i) {
    List<Expr> args = new ArrayList<>();
    for (String name : rule.parameters()) {
      args.add(Exprs.ref(new Var(name, Type.DOUBLE, Var.Role.PARAM)));
    }
    Expr call = new Expr.Call(RulesTable.MATH, rule.name(), args, Type.DOUBLE);
    return printer.math(Exprs.instantiate(rule.partial(i), args, call));
  }

  private static double centralDifference(String name, double[] at, int i) throws Exception {
    double h = 1e-6;
    double[] plus = at.clone();
    double[] minus = at.clone();
    plus[i] += h;
    minus[i] -= h;
    return (call(name, plus) - call(name, minus)) / (2 * h);
  }

  static double call(String name, double[] args) throws Exception {
    Class<?>[] types = new Class<?>[args.length];
    Arrays.fill(types, double.class);
    Method m = Math.class.getMethod(name, types);
    Object[] boxed = Arrays.stream(args).boxed().toArray();
    return ((Number) m.invoke(null, boxed)).doubleValue();
  }

  /** Reads the notes' notation: {@code + − · /}, unary {@code −}, calls, names, numbers. */
  private static final class Evaluator {
    private final String text;
    private final Map<String, Double> vars;
    private int at;

    Evaluator(String text, Map<String, Double> vars) {
      this.text = text.replace(" ", "");
      this.vars = vars;
    }

    double evaluate() throws Exception {
      double v = sum();
      assertEquals(text.length(), at, "unread: " + text.substring(at));
      return v;
    }

    private double sum() throws Exception {
      double v = product();
      while (at < text.length() && (peek() == '+' || peek() == '−')) {
        char op = text.charAt(at++);
        double r = product();
        v = op == '+' ? v + r : v - r;
      }
      return v;
    }

    private double product() throws Exception {
      double v = unary();
      while (at < text.length() && (peek() == '·' || peek() == '/')) {
        char op = text.charAt(at++);
        double r = unary();
        v = op == '·' ? v * r : v / r;
      }
      return v;
    }

    private double unary() throws Exception {
      if (peek() == '−') {
        at++;
        return -unary();
      }
      if (peek() == '(') {
        at++;
        double v = sum();
        expect(')');
        return v;
      }
      int start = at;
      if (Character.isDigit(peek())) {
        while (at < text.length()
            && (Character.isDigit(peek()) || peek() == '.' || peek() == 'E')) {
          at++;
        }
        return Double.parseDouble(text.substring(start, at));
      }
      while (at < text.length() && Character.isLetterOrDigit(peek())) {
        at++;
      }
      String name = text.substring(start, at);
      if (at < text.length() && peek() == '(') {
        at++;
        List<Double> args = new ArrayList<>();
        args.add(sum());
        while (peek() == ',') {
          at++;
          args.add(sum());
        }
        expect(')');
        return call(name, args.stream().mapToDouble(Double::doubleValue).toArray());
      }
      if (name.equals("π")) {
        return Math.PI;
      }
      Double v = vars.get(name);
      assertTrue(v != null, "unknown name '" + name + "' in " + text);
      return v;
    }

    private char peek() {
      return text.charAt(at);
    }

    private void expect(char c) {
      assertEquals(c, peek(), "at " + at + " of " + text);
      at++;
    }
  }
}
