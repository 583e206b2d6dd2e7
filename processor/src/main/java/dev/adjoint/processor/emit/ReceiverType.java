package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * The type of the receiver parameter the generated methods of an instance method take first:
 * the class, with a wildcard for each of its type parameters (and its enclosing classes', for
 * an inner class), so that a generic class's adjoint is no raw type ({@code Box<?> box}: a
 * {@code [rawtypes]} warning would break {@code -Xlint:all -Werror} builds). Its fields of the
 * supported types do not mention the type parameters, so the wildcard reads them all.
 */
final class ReceiverType {
  private ReceiverType() {}

  static TypeName of(TypeElement type) {
    TypeName[] wildcards = new TypeName[type.getTypeParameters().size()];
    for (int i = 0; i < wildcards.length; i++) {
      wildcards[i] = WildcardTypeName.subtypeOf(Object.class);
    }
    boolean inner = type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getEnclosingElement() instanceof TypeElement;
    if (inner && of((TypeElement) type.getEnclosingElement()) instanceof ParameterizedTypeName o) {
      return o.nestedClass(type.getSimpleName().toString(), java.util.List.of(wildcards));
    }
    ClassName raw = ClassName.get(type);
    return wildcards.length == 0 ? raw : ParameterizedTypeName.get(raw, wildcards);
  }
}
