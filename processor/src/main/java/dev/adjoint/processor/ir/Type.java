package dev.adjoint.processor.ir;

import java.util.Optional;

/**
 * The value types the IR models. Derivatives flow through {@link #DOUBLE} values and the
 * elements of {@link #DOUBLE_ARRAY} and {@link #DOUBLE_MATRIX}.
 */
public enum Type {
  DOUBLE("double", 3),
  LONG("long", 2),
  INT("int", 1),
  /** Passed through like an int; arithmetic on it is int arithmetic, as in Java. */
  CHAR("char", 1),
  BOOLEAN("boolean", 0),
  DOUBLE_ARRAY("double[]", -1),
  DOUBLE_MATRIX("double[][]", -1),
  INT_ARRAY("int[]", -1),
  /**
   * An enum or {@code String} value, passed through: compared, switched on, handed to callees.
   * Its class is the {@link Var#objectClass} of the variable holding it.
   */
  OBJECT("Object", 0),
  /**
   * The receiver of an instance method ({@link Var#receiver}), passed first to a call of another
   * instance method of {@code this}; no value of the IR's arithmetic.
   */
  RECEIVER("this", 0);

  private final String javaName;
  private final int numericRank;

  Type(String javaName, int numericRank) {
    this.javaName = javaName;
    this.numericRank = numericRank;
  }

  public String javaName() {
    return javaName;
  }

  public boolean isNumeric() {
    return numericRank > 0;
  }

  public boolean isArray() {
    return numericRank < 0;
  }

  /** Whether values of this type carry derivatives (doubles, and arrays of doubles). */
  public boolean isDifferentiable() {
    return this == DOUBLE || this == DOUBLE_ARRAY || this == DOUBLE_MATRIX;
  }

  /** The type of an array of this type's values, if the IR models one. */
  public Optional<Type> arrayOf() {
    switch (this) {
      case DOUBLE:
        return Optional.of(DOUBLE_ARRAY);
      case DOUBLE_ARRAY:
        return Optional.of(DOUBLE_MATRIX);
      case INT:
        return Optional.of(INT_ARRAY);
      default:
        return Optional.empty();
    }
  }

  /** The type of {@code a[i]} for an array {@code a} of this type. */
  public Type elementType() {
    switch (this) {
      case DOUBLE_ARRAY:
        return DOUBLE;
      case DOUBLE_MATRIX:
        return DOUBLE_ARRAY;
      case INT_ARRAY:
        return INT;
      default:
        throw new IllegalStateException(this + " is not an array");
    }
  }

  /** Java's binary numeric promotion over the types we model. */
  public static Type promote(Type a, Type b) {
    Type wider = a.numericRank >= b.numericRank ? a : b;
    return wider == CHAR ? INT : wider;
  }

  /** The Java source text of this type's zero value, used where a declaration needs one. */
  public String zeroLiteral() {
    switch (this) {
      case DOUBLE:
        return "0.0";
      case LONG:
        return "0L";
      case INT:
      case CHAR:
        return "0";
      case BOOLEAN:
        return "false";
      default:
        return "null";
    }
  }
}
