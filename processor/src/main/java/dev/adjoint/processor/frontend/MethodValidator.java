package dev.adjoint.processor.frontend;

import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Checks what the signature of a {@code @Differentiable} method promises, before its body is
 * read: static, not private, returns double or double[], parameter types we model, a valid
 * {@code wrt}.
 */
public final class MethodValidator {
  private static final String ANNOTATION = "dev.adjoint.Differentiable";

  /**
   * The IR type of each parameter and the indices to differentiate; {@code valid} false if the
   * signature had errors (the body can still be read and checked, not differentiated).
   *
   * @param parameterTypes null where the parameter is a record
   * @param records the record class of each record parameter, null for the others
   */
  public record Signature(List<Type> parameterTypes, List<TypeElement> records,
      List<Integer> independents, boolean valid) {}

  private final Diagnostics diagnostics;

  public MethodValidator(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The signature, reporting its errors; empty if a parameter's type cannot be read. */
  public Optional<Signature> validate(ExecutableElement method) {
    int before = diagnostics.errorCount();
    String name = method.getSimpleName().toString();
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      diagnostics.error(method, Message.PRIVATE, name,
          method.getEnclosingElement().getSimpleName() + "Adjoint");
    }
    if (modifiers.contains(Modifier.ABSTRACT) || modifiers.contains(Modifier.NATIVE)) {
      diagnostics.error(method, Message.NO_BODY, name);
    }
    Optional<Type> result = TreeKinds.type(method.getReturnType());
    // A void method's result is the one double[] it writes into (VoidResults).
    if (method.getReturnType().getKind() != TypeKind.DOUBLE
        && method.getReturnType().getKind() != TypeKind.VOID
        && result.filter(t -> t == Type.DOUBLE_ARRAY).isEmpty()) {
      diagnostics.error(method, Message.RETURN_TYPE, name, method.getReturnType(),
          result.filter(t -> t == Type.DOUBLE_MATRIX).isPresent()
              ? " (a matrix result has no pullback yet: return its rows' values in one"
                  + " row-major double[], or split it into one method per row)" : "");
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(method, Message.GENERIC_METHOD, name);
    }
    if (method.isVarArgs()) {
      diagnostics.error(method, Message.VARARGS, name);
    }
    checkNesting(method, name);
    List<Type> types = new ArrayList<>();
    List<TypeElement> records = new ArrayList<>();
    boolean readable = true;
    for (VariableElement p : method.getParameters()) {
      Optional<Type> t = TreeKinds.type(p.asType()).or(
          () -> ObjectTypes.of(p.asType()).map(c -> Type.OBJECT));
      Optional<TypeElement> record = t.isPresent() ? Optional.empty()
          : RecordParameters.check(p, name, diagnostics);
      if (t.isEmpty() && record.isEmpty()) {
        if (FunctionalTypes.isFunctional(p.asType())) {
          diagnostics.error(p, Message.FUNCTION_PARAMETER, p.getSimpleName(), name, p.asType());
        } else if (RecordParameters.recordOf(p.asType()).isEmpty()) {
          diagnostics.error(p, Message.PARAMETER_TYPE, p.getSimpleName(), name, p.asType());
        }
        readable = false;
      } else if (t.isPresent() && t.get() == Type.OBJECT && isPrivate(p.asType())) {
        diagnostics.error(p, Message.PRIVATE_PARAMETER_TYPE, p.getSimpleName(), name,
            p.asType());
      }
      types.add(t.orElse(null));
      records.add(record.orElse(null));
    }
    if (!readable) {
      return Optional.empty();
    }
    List<Integer> independents = independents(method, types, records);
    return Optional.of(new Signature(types, records, independents,
        diagnostics.errorCount() == before));
  }

  /** Whether the class of {@code t}, or one around it, is private: no other class names it. */
  private static boolean isPrivate(javax.lang.model.type.TypeMirror t) {
    for (Element e = ((javax.lang.model.type.DeclaredType) t).asElement();
        e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  /** Local and anonymous classes have no name the generated class could document. */
  private void checkNesting(ExecutableElement method, String name) {
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
        diagnostics.error(method, Message.NESTING, name,
            t.getNestingKind() == NestingKind.LOCAL ? "a local class" : "an anonymous class");
        return;
      }
    }
  }

  private List<Integer> independents(ExecutableElement method, List<Type> types,
      List<TypeElement> records) {
    List<? extends VariableElement> params = method.getParameters();
    AnnotationMirror annotation = annotation(method);
    List<String> wrt = wrtNames(annotation);
    List<Integer> out = new ArrayList<>();
    int before = diagnostics.errorCount();
    if (wrt.isEmpty()) {
      for (int i = 0; i < types.size(); i++) {
        if (differentiable(types, records, i) && !NoDerivative.on(params.get(i))) {
          out.add(i);
        }
      }
    } else {
      List<String> names = params.stream().map(p -> p.getSimpleName().toString())
          .collect(Collectors.toList());
      Set<String> seen = new HashSet<>();
      for (String w : wrt) {
        int i = names.indexOf(w);
        if (!seen.add(w)) {
          diagnostics.error(method, annotation, Message.WRT_DUPLICATE, w);
        } else if (i < 0) {
          diagnostics.error(method, annotation, Message.WRT_UNKNOWN, w,
              method.getSimpleName(), names);
        } else if (!differentiable(types, records, i)) {
          diagnostics.error(method, annotation, Message.WRT_NOT_DOUBLE, w, params.get(i).asType());
        } else if (NoDerivative.on(params.get(i))) {
          diagnostics.error(params.get(i), Message.WRT_NO_DERIVATIVE, w);
        } else {
          out.add(i);
        }
      }
      out.sort(Integer::compare);
    }
    if (diagnostics.errorCount() == before && out.isEmpty()) {
      diagnostics.error(method, Message.NO_DIFFERENTIABLE_PARAMETER, method.getSimpleName());
    }
    return out;
  }

  /** A double, an array of them, or a record with such a component. */
  private static boolean differentiable(List<Type> types, List<TypeElement> records, int i) {
    return records.get(i) != null ? RecordParameters.isDifferentiable(records.get(i))
        : types.get(i).isDifferentiable();
  }

  private static AnnotationMirror annotation(ExecutableElement method) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ANNOTATION)) {
        return m;
      }
    }
    return null; // a helper differentiated as if annotated: with respect to every double
  }

  private static List<String> wrtNames(AnnotationMirror annotation) {
    List<String> out = new ArrayList<>();
    if (annotation == null) {
      return out;
    }
    annotation.getElementValues().forEach((k, v) -> {
      if (k.getSimpleName().contentEquals("wrt")) {
        @SuppressWarnings("unchecked")
        List<? extends AnnotationValue> values = (List<? extends AnnotationValue>) v.getValue();
        for (AnnotationValue value : values) {
          out.add((String) value.getValue());
        }
      }
    });
    return out;
  }


}
