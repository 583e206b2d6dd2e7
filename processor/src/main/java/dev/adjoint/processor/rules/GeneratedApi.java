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

  /** The pullback of {@code method}, in the generated class or beside a kernel. */
  public static String pullbackName(String method) {
    return method + "Pullback";
  }
}
