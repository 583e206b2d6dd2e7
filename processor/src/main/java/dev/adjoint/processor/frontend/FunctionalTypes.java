package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** The functional interfaces a local function may have: {@code DoubleUnaryOperator}, binary. */
final class FunctionalTypes {
  private FunctionalTypes() {}

  /** The number of {@code double} parameters of {@code type}'s method; -1 if not one of ours. */
  static int arity(TypeElement type) {
    if (type == null) {
      return -1;
    }
    String name = type.getQualifiedName().toString();
    return name.equals("java.util.function.DoubleUnaryOperator") ? 1
        : name.equals("java.util.function.DoubleBinaryOperator") ? 2 : -1;
  }

  static boolean isFunctional(TypeMirror t) {
    return t instanceof DeclaredType d && d.asElement() instanceof TypeElement type
        && (arity(type) > 0 || type.getKind() == javax.lang.model.element.ElementKind.INTERFACE
            && type.getQualifiedName().toString().startsWith("java.util.function."));
  }

  /** Whether a type tree may name one of them (the fence's guess, before names resolve). */
  static boolean mayName(Tree typeTree) {
    String text = typeTree == null ? "" : typeTree.toString();
    return text.endsWith("DoubleUnaryOperator") || text.endsWith("DoubleBinaryOperator");
  }
}
