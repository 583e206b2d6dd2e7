package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.ObjectMethods;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The object types a method may pass through ({@link dev.adjoint.processor.ir.Type#OBJECT}):
 * enums and {@code String}.
 */
final class ObjectTypes {
  private ObjectTypes() {}

  /** The class of {@code t} if it is an enum or {@code String}. */
  static Optional<ClassRef> of(TypeMirror t) {
    return t instanceof DeclaredType d && d.asElement() instanceof TypeElement type
        ? of(type) : Optional.empty();
  }

  /** {@code type} if it is an enum or {@code String}. */
  static Optional<ClassRef> of(TypeElement type) {
    if (type == null) {
      return Optional.empty();
    }
    if (type.getQualifiedName().contentEquals("java.lang.String")) {
      return Optional.of(ObjectMethods.STRING);
    }
    return type.getKind() == ElementKind.ENUM ? Optional.of(ClassRefs.of(type))
        : Optional.empty();
  }

  static boolean isString(ClassRef c) {
    return ObjectMethods.STRING.equals(c);
  }
}
