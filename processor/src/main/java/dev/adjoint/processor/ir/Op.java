package dev.adjoint.processor.ir;

/** Unary and binary operators, with the Java text and precedence the emitter needs. */
public enum Op {
  NEG("-", 13, true),
  NOT("!", 13, true),
  BIT_NOT("~", 13, true),
  MUL("*", 12, false),
  DIV("/", 12, false),
  REM("%", 12, false),
  ADD("+", 11, false),
  SUB("-", 11, false),
  SHL("<<", 10, false),
  SHR(">>", 10, false),
  USHR(">>>", 10, false),
  LT("<", 9, false),
  LE("<=", 9, false),
  GT(">", 9, false),
  GE(">=", 9, false),
  EQ("==", 8, false),
  NE("!=", 8, false),
  BIT_AND("&", 7, false),
  BIT_XOR("^", 6, false),
  BIT_OR("|", 5, false),
  AND("&&", 4, false),
  OR("||", 3, false);

  private final String symbol;
  private final int precedence;
  private final boolean unary;

  Op(String symbol, int precedence, boolean unary) {
    this.symbol = symbol;
    this.precedence = precedence;
    this.unary = unary;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public boolean isUnary() {
    return unary;
  }

  public boolean isComparison() {
    return precedence == 9 || precedence == 8;
  }

  /** Java's integer bit operators ({@code & | ^ ~ << >> >>>}); {@code & | ^} take booleans too. */
  public boolean isBitwise() {
    return this == BIT_AND || this == BIT_XOR || this == BIT_OR || this == BIT_NOT || isShift();
  }

  /** A shift's type is its left operand's alone: {@code 1 << 40L} is an int. */
  public boolean isShift() {
    return this == SHL || this == SHR || this == USHR;
  }

  public boolean isLogical() {
    return this == AND || this == OR || this == NOT;
  }
}
