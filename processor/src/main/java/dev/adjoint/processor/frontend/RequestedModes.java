package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Mode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The modes a method's {@code @Differentiable(modes = ...)} asks for. Reverse mode is always
 * among them: its methods are what every caller and the other modes build on. A plain helper
 * (differentiated as if annotated) gets reverse mode only.
 */
public final class RequestedModes {
  private static final String ANNOTATION = "dev.adjoint.Differentiable";

  private RequestedModes() {}

  public static Set<Mode> of(ExecutableElement method) {
    Set<Mode> out = EnumSet.of(Mode.REVERSE);
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (!((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ANNOTATION)) {
        continue;
      }
      m.getElementValues().forEach((k, v) -> {
        if (k.getSimpleName().contentEquals("modes") && v.getValue() instanceof List<?> values) {
          for (Object value : values) {
            Object constant = ((AnnotationValue) value).getValue();
            if (constant instanceof VariableElement e) {
              out.add(Mode.valueOf(e.getSimpleName().toString()));
            }
          }
        }
      });
    }
    return out;
  }
}
