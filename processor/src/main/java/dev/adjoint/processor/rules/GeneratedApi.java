package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.ClassRef;

/**
 * The names of what Adjoint generates, fixed so that callers in other builds can rely on them:
 * {@code Outer.Inner} gets {@code Outer_InnerAdjoint} in the same package, and {@code f} gets
 * {@code fPullback} there.
 */
public final class GeneratedApi {
  private GeneratedApi() {}

  /** The generated class holding the derivatives of {@code owner}'s methods. */
  public static ClassRef adjointClass(ClassRef owner) {
    return new ClassRef(owner.packageName(), owner.simpleNames().replace('.', '_') + "Adjoint");
  }

  /**
   * The suggested name of the receiver parameter that the generated methods of an instance
   * method take first: the class's simple name, decapitalized ({@code Model} gives {@code
   * model}, {@code MLP} gives {@code mlp}); the generated code steps around a user's name.
   */
  public static String receiverName(String classSimpleName) {
    return classSimpleName.equals(classSimpleName.toUpperCase(java.util.Locale.ROOT))
        ? classSimpleName.toLowerCase(java.util.Locale.ROOT)
        : Character.toLowerCase(classSimpleName.charAt(0)) + classSimpleName.substring(1);
  }

  /** The pullback of {@code method}, in the generated class or beside a kernel. */
  public static String pullbackName(String method) {
    return method + "Pullback";
  }

  /** Forward mode's method for {@code method}: {@code fJvp}. */
  public static String jvpName(String method) {
    return method + "Jvp";
  }

  /** The tangent of {@code method}'s pullback (second order): {@code fPullbackJvp}. */
  public static String pullbackJvpName(String method) {
    return method + "PullbackJvp";
  }
}
