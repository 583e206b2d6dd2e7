package dev.adjoint.processor.ir;

import java.util.function.Function;

/** Prints expressions as Java source with the fewest parentheses that keep their meaning. */
public final class JavaText {
  private static final int PRIMARY = 14;
  private static final int CONDITIONAL = 2;

  /** The classes of java.lang that generated code names by their simple names. */
  private static final java.util.Set<String> JAVA_LANG = java.util.Set.of("Math", "StrictMath",
      "Double");

  /** The name generated methods give their {@code dev.adjoint.runtime.Stacks}. */
  public static final String STACKS = "stacks";

  private final Function<Var, String> names;
  private final java.util.function.Predicate<String> qualifyJavaLang;
  private final String stacks;
  private final Function<String, com.palantir.javapoet.ClassName> classes;

  public JavaText(Function<Var, String> names) {
    this(names, false);
  }

  /** @param qualifyMath write {@code java.lang.Math} where a local class hides {@code Math} */
  public JavaText(Function<Var, String> names, boolean qualifyMath) {
    this(names, simple -> qualifyMath && !simple.equals("Double"), STACKS, null);
  }

  /**
   * @param qualifyJavaLang whether a simple name is hidden where the code is generated: {@code
   *     Math} by a class of the package, any name by a variable; such a class is written in full
   *     ({@code java.lang.Math})
   * @param stacks the name of the generated method's {@code Stacks}
   * @param classes the class a canonical name (of a callee's owner) denotes, for {@link
   *     #template}; null to print such names by a guess at where the package ends
   */
  public JavaText(Function<Var, String> names,
      java.util.function.Predicate<String> qualifyJavaLang, String stacks,
      Function<String, com.palantir.javapoet.ClassName> classes) {
    this.names = names;
    this.qualifyJavaLang = qualifyJavaLang;
    this.stacks = stacks;
    this.classes = classes;
  }

  /** {@code java.lang.} if the simple name {@code owner} of java.lang is hidden, else "". */
  private String javaLang(String owner) {
    return qualifyJavaLang.test(owner) ? "java.lang." : "";
  }

  public String print(Expr e) {
    StringBuilder out = new StringBuilder();
    print(e, out);
    return out.toString();
  }

  /**
   * Prints {@code e} as a JavaPoet format string: qualified class names become {@code $T} (added
   * to {@code types}, so JavaPoet imports them) and a {@code $} in a name is escaped.
   */
  public String template(Expr e, java.util.List<Object> types) {
    this.types = types;
    try {
      return print(e);
    } finally {
      this.types = null;
    }
  }

  private java.util.List<Object> types;

  private String name(String name) {
    return types == null ? name : name.replace("$", "$$");
  }

  private String owner(String owner) {
    if (types != null && classes != null) {
      com.palantir.javapoet.ClassName type = classes.apply(owner);
      // A variable of that name obscures the class (JLS 6.4.2), and importing a class called
      // Math would hide java.lang's: name those in full, let JavaPoet import the others.
      if (type.simpleNames().stream().anyMatch(n -> qualifyJavaLang.test(n)
          || JAVA_LANG.contains(n))) {
        return name(type.canonicalName());
      }
      types.add(type);
      return "$T";
    }
    int dot = owner.lastIndexOf('.');
    if (types == null || dot < 0 || !Character.isLowerCase(owner.charAt(0))) {
      return name(owner);
    }
    types.add(com.palantir.javapoet.ClassName.get(owner.substring(0, dot),
        owner.substring(dot + 1)));
    return "$T";
  }

  private void print(Expr e, StringBuilder out) {
    if (e instanceof Expr.Const c) {
      String literal = literal(c);
      int dot = literal.indexOf('.');
      // Math.PI, StrictMath.E, Double.NaN: a class of java.lang, named in full where hidden.
      boolean member = dot > 0 && Character.isUpperCase(literal.charAt(0));
      out.append(member ? javaLang(literal.substring(0, dot)) : "").append(literal);
    } else if (e instanceof Expr.Ref r && r.var().owner() != null) {
      out.append(owner(r.var().owner().canonical())).append('.').append(name(r.var().name()));
    } else if (e instanceof Expr.Ref r) {
      out.append(name(names.apply(r.var())));
    } else if (e instanceof Expr.Hole h) {
      out.append(h.index() == Expr.Hole.RESULT ? "result" : "$" + h.index());
    } else if (e instanceof Expr.Unary u) {
      out.append(u.op().symbol());
      // "- -x" and "-(-1.0)" must not print as "--x".
      boolean clash = u.op() == Op.NEG && startsWithMinus(u.operand());
      child(u.operand(), u.op().precedence(), clash, out);
    } else if (e instanceof Expr.Binary b) {
      int p = b.op().precedence();
      child(b.left(), p, bitClarity(b, b.left()), out);
      // In a template, a sum outside any parentheses may break after its operator where the
      // line would pass 100 columns (JavaPoet's $W).
      boolean wrappable = types != null && nesting == 0
          && (b.op() == Op.ADD || b.op() == Op.SUB);
      out.append(' ').append(b.op().symbol()).append(wrappable ? "$W" : " ");
      // Floating-point + and * are not associative: a right operand of equal precedence keeps
      // its parentheses so the printed code evaluates in the IR's order.
      child(b.right(), p + 1, bitClarity(b, b.right()), out);
    } else if (e instanceof Expr.Call c) {
      boolean math = c.owner().equals("Math") || c.owner().equals("StrictMath");
      out.append(math ? javaLang(c.owner()) + c.owner() : owner(c.owner())).append('.')
          .append(c.name()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        nested(c.args().get(i), out);
      }
      out.append(')');
    } else if (e instanceof Expr.Cond c) {
      nesting++;
      child(c.condition(), CONDITIONAL + 1, false, out);
      out.append(" ? ");
      child(c.then(), CONDITIONAL + 1, false, out);
      out.append(" : ");
      child(c.otherwise(), CONDITIONAL, false, out);
      nesting--;
    } else if (e instanceof Expr.Cast c) {
      out.append('(').append(c.type().javaName()).append(") ");
      child(c.operand(), Op.NEG.precedence(), false, out);
    } else if (e instanceof Expr.Index i) {
      child(i.array(), PRIMARY, false, out);
      out.append('[');
      nested(i.index(), out);
      out.append(']');
    } else if (e instanceof Expr.Length l) {
      child(l.array(), PRIMARY, false, out);
      out.append(".length");
    } else if (e instanceof Expr.NewArray n) {
      out.append("new ").append(n.type() == Type.INT_ARRAY ? "int" : "double");
      for (Expr d : n.dimensions()) {
        out.append('[');
        print(d, out);
        out.append(']');
      }
      if (n.type() == Type.DOUBLE_MATRIX && n.dimensions().size() == 1) {
        out.append("[]");
      }
    } else if (e instanceof Expr.Invoke call) {
      // An instance method's call of another (receiver first) is a call on the receiver; its
      // pullback, a static method of the generated class, takes the receiver first.
      boolean onReceiver = call.kind() != Expr.Invoke.Kind.PULLBACK && !call.args().isEmpty()
          && call.args().get(0).type() == Type.RECEIVER || ObjectMethods.isOnValue(call);
      if (onReceiver) {
        print(call.args().get(0), out);
      } else {
        out.append(owner(call.owner().canonical()));
      }
      out.append('.').append(call.name()).append('(');
      for (int i = onReceiver ? 1 : 0; i < call.args().size(); i++) {
        if (i > (onReceiver ? 1 : 0)) {
          out.append(", ");
        }
        RecordArg record = call.recordAt(i);
        if (record != null) {
          // The record's leaves are the record itself: p.l1().
          out.append(record.value());
          i += record.count() - 1;
        } else {
          nested(call.args().get(i), out);
        }
      }
      out.append(')');
    } else if (e instanceof Expr.Pop p) {
      out.append(p.type() == Type.CHAR ? "(char) " : "").append(stacks).append(".pop")
          .append(stackSuffix(p.type())).append("()");
    }
  }

  /** Parentheses, brackets and conditionals open around the expression being printed. */
  private int nesting;

  private void nested(Expr e, StringBuilder out) {
    nesting++;
    print(e, out);
    nesting--;
  }

  private void child(Expr e, int minPrecedence, boolean forceParens, StringBuilder out) {
    if (forceParens || precedence(e) < minPrecedence) {
      out.append('(');
      nested(e, out);
      out.append(')');
    } else {
      print(e, out);
    }
  }

  /**
   * Few readers know where {@code << & ^ |} sit among Java's precedences: an operand of a bit
   * operator that is another operator's result keeps parentheses ({@code (mask >> (i % 4)) & 1}),
   * as does a bit operation inside another operator's operand.
   */
  private static boolean bitClarity(Expr.Binary parent, Expr operand) {
    if (!(operand instanceof Expr.Binary b) || b.op() == parent.op()) {
      return false;
    }
    return parent.op().isBitwise() || b.op().isBitwise();
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Unary u) {
      return u.op().precedence();
    } else if (e instanceof Expr.Binary b) {
      return b.op().precedence();
    } else if (e instanceof Expr.Cond) {
      return CONDITIONAL;
    } else if (e instanceof Expr.Cast) {
      return Op.NEG.precedence();
    } else if (e instanceof Expr.Const c && c.symbol() == null && Math.copySign(1.0, c.value()) < 0) {
      return Op.NEG.precedence();
    }
    return PRIMARY;
  }

  private static boolean startsWithMinus(Expr e) {
    return (e instanceof Expr.Unary u && u.op() == Op.NEG)
        || (e instanceof Expr.Const c && c.symbol() == null && Math.copySign(1.0, c.value()) < 0);
  }

  /** {@code Double}, {@code Int} or {@code Boolean}: the Stacks method family for a type. */
  public static String stackSuffix(Type type) {
    switch (type) {
      case DOUBLE:
        return "Double";
      case BOOLEAN:
        return "Boolean";
      case LONG:
        return "Long";
      case DOUBLE_ARRAY:
        return "DoubleArray";
      case DOUBLE_MATRIX:
        return "DoubleMatrix";
      case INT_ARRAY:
        return "IntArray";
      case OBJECT:
        return "Object";
      default:
        return "Int";
    }
  }

  /**
   * The declared type of a variable: its class as a JavaPoet template ({@code $T}, added to
   * {@code types}) for an {@link Type#OBJECT}, else the type's Java name.
   */
  public String declaredType(Var v, java.util.List<Object> types) {
    if (v.type() != Type.OBJECT) {
      return v.type().javaName();
    }
    if (v.objectClass() == null) {
      throw new IllegalStateException(v + " has no class");
    }
    this.types = types;
    try {
      return v.objectClass().equals(ObjectMethods.STRING) ? javaLang("String") + "String"
          : owner(v.objectClass().canonical());
    } finally {
      this.types = null;
    }
  }

  /** A string literal: {@code "l2"}, {@code "a\"b"}. */
  public static String stringLiteral(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      String ch = c == '"' ? "\\\"" : c == '\'' ? "'" : charLiteral(c);
      out.append(c == '"' || c == '\'' ? ch : ch.substring(1, ch.length() - 1));
    }
    return out.append('"').toString();
  }

  /** A char literal: {@code 'a'}, {@code '\n'}, {@code '\u00e9'}. */
  public static String charLiteral(char c) {
    switch (c) {
      case '\'':
        return "'\\''";
      case '\\':
        return "'\\\\'";
      case '\n':
        return "'\\n'";
      case '\t':
        return "'\\t'";
      case '\r':
        return "'\\r'";
      default:
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("'\\u%04x'", (int) c);
    }
  }

  /** Java source for a constant of the given type. */
  public static String literal(Expr.Const c) {
    if (c.symbol() != null) {
      return c.symbol();
    }
    double v = c.value();
    switch (c.type()) {
      case BOOLEAN:
        return v != 0 ? "true" : "false";
      case INT:
        return Long.toString((long) v);
      case CHAR:
        return "(char) " + (long) v;
      case LONG:
        return (long) v + "L";
      default:
        if (Double.isNaN(v)) {
          return "Double.NaN";
        } else if (Double.isInfinite(v)) {
          return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(v);
    }
  }
}
