package dev.adjoint.processor.frontend;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/** The {@code @NoDerivative} parameter annotation: a parameter that is passed through. */
final class NoDerivative {
  private static final String ANNOTATION = "dev.adjoint.NoDerivative";

  private NoDerivative() {}

  static boolean on(VariableElement parameter) {
    for (AnnotationMirror a : parameter.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ANNOTATION)) {
        return true;
      }
    }
    return false;
  }
}
