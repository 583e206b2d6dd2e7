package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the rules table's derivative templates, written as Java expressions over the
 * parameter names of the rule and {@code result}, into IR with {@link Expr.Hole}s. Kept tiny on
 * purpose: numbers, {@code NaN}, names, {@code Math.f(..)}, unary minus, {@code * / + -}, comparisons and one
 * conditional.
 */
final class TemplateParser {
  private final String text;
  private final List<String> params;
  private int pos;

  private TemplateParser(String text, List<String> params) {
    this.text = text;
    this.params = params;
  }

  static Expr parse(String text, List<String> params) {
    TemplateParser p = new TemplateParser(text, params);
    Expr e = p.conditional();
    p.skipSpaces();
    if (p.pos != text.length()) {
      throw p.error("unexpected input");
    }
    return e;
  }

  private Expr conditional() {
    Expr cond = comparison();
    if (accept("?")) {
      Expr then = conditional();
      expect(":");
      return new Expr.Cond(cond, then, conditional());
    }
    return cond;
  }

  private Expr comparison() {
    Expr left = additive();
    for (Op op : new Op[] {Op.LE, Op.GE, Op.EQ, Op.NE, Op.LT, Op.GT}) {
      if (accept(op.symbol())) {
        return new Expr.Binary(op, left, additive());
      }
    }
    return left;
  }

  private Expr additive() {
    Expr e = multiplicative();
    while (true) {
      if (accept("+")) {
        e = new Expr.Binary(Op.ADD, e, multiplicative());
      } else if (accept("-")) {
        e = new Expr.Binary(Op.SUB, e, multiplicative());
      } else {
        return e;
      }
    }
  }

  private Expr multiplicative() {
    Expr e = unary();
    while (true) {
      if (accept("*")) {
        e = new Expr.Binary(Op.MUL, e, unary());
      } else if (accept("/")) {
        e = new Expr.Binary(Op.DIV, e, unary());
      } else {
        return e;
      }
    }
  }

  private Expr unary() {
    return accept("-") ? new Expr.Unary(Op.NEG, unary()) : primary();
  }

  private Expr primary() {
    skipSpaces();
    if (accept("(")) {
      Expr e = conditional();
      expect(")");
      return e;
    }
    int start = pos;
    if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      while (pos < text.length()
          && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
        pos++;
      }
      // Partials are real-valued: an integer literal here must never turn 1 / n into int division.
      return Expr.Const.ofDouble(Double.parseDouble(text.substring(start, pos)));
    }
    String name = identifier();
    if (accept(".")) {
      String function = identifier();
      expect("(");
      List<Expr> args = new ArrayList<>();
      do {
        args.add(conditional());
      } while (accept(","));
      expect(")");
      return new Expr.Call(name, function, args, Type.DOUBLE);
    }
    if (name.equals("result")) {
      return new Expr.Hole(Expr.Hole.RESULT);
    }
    if (name.equals("NaN")) {
      return Expr.Const.ofDouble(Double.NaN);
    }
    int index = params.indexOf(name);
    if (index < 0) {
      throw error("unknown name " + name);
    }
    return new Expr.Hole(index);
  }

  private String identifier() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name");
    }
    return text.substring(start, pos);
  }

  private boolean accept(String token) {
    skipSpaces();
    if (text.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw error("expected '" + token + "'");
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at " + pos + " in rule template: " + text);
  }
}
