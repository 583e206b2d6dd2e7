package dev.adjoint.processor.ir;

/** The value types the IR models. Only {@link #DOUBLE} carries derivatives. */
public enum Type {
  DOUBLE("double", 3),
  LONG("long", 2),
  INT("int", 1),
  BOOLEAN("boolean", 0);

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
    return this != BOOLEAN;
  }

  /** Java's binary numeric promotion over the types we model. */
  public static Type promote(Type a, Type b) {
    return a.numericRank >= b.numericRank ? a : b;
  }

  /** The Java source text of this type's zero value, used where a declaration needs one. */
  public String zeroLiteral() {
    switch (this) {
      case DOUBLE:
        return "0.0";
      case LONG:
        return "0L";
      case INT:
        return "0";
      default:
        return "false";
    }
  }
}
