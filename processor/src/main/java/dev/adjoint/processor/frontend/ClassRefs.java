package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.ClassRef;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** {@link ClassRef}s of the classes javac resolved. */
final class ClassRefs {
  private ClassRefs() {}

  static ClassRef of(TypeElement type) {
    String nested = type.getSimpleName().toString();
    Element e = type.getEnclosingElement();
    for (; e instanceof TypeElement outer; e = e.getEnclosingElement()) {
      nested = outer.getSimpleName() + "." + nested;
    }
    return new ClassRef(((PackageElement) e).getQualifiedName().toString(), nested);
  }
}
