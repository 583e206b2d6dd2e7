package dev.adjoint.processor.ir;

/**
 * Calls of methods of enum and {@code String} values ({@code s.equals("l2")}, {@code
 * mode.ordinal()}): {@link Expr.Invoke}s of kind {@code HELPER} whose owner is {@code String}
 * or {@code Enum} and whose first argument is the receiver. Neither class has a static method
 * the reader would call by these names, so the owner alone marks such a call. They have no
 * effect and no derivative.
 */
public final class ObjectMethods {
  public static final ClassRef STRING = new ClassRef("java.lang", "String");
  public static final ClassRef ENUM = new ClassRef("java.lang", "Enum");

  private ObjectMethods() {}

  /** Whether {@code call} is a method of its first argument. */
  public static boolean isOnValue(Expr.Invoke call) {
    return call.kind() == Expr.Invoke.Kind.HELPER
        && (call.owner().equals(STRING) || call.owner().equals(ENUM));
  }

  /** {@code receiver.name(args)}. */
  public static Expr.Invoke call(ClassRef owner, String name, java.util.List<Expr> receiverAndArgs,
      Type type) {
    return new Expr.Invoke(Expr.Invoke.Kind.HELPER, owner, name, receiverAndArgs,
        java.util.List.of(), type);
  }
}
