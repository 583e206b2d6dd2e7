package dev.adjoint.processor;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import java.util.List;
import java.util.function.Predicate;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Which calls of a method are reversed by the callee's split halves ({@code
 * ir.SplitReversal}): calls of a static method returning {@code double} of scalar parameters,
 * generated in this compilation in the caller's package (the halves are package-private), made
 * by its own body (recursion) or by a caller that has loops (and so its stacks). Other callees
 * keep their pullback, which runs their forward sweep again.
 */
final class SplitCallees {
  private SplitCallees() {}

  static Predicate<Expr.Invoke> of(ExecutableElement caller, Function lowered,
      Elements elements, Predicate<ExecutableElement> hasSource) {
    boolean loops = hasLoop(lowered.body());
    String pkg = elements.getPackageOf(caller).getQualifiedName().toString();
    return call -> {
      if (call.kind() != Expr.Invoke.Kind.DIFFERENTIABLE) {
        return false;
      }
      ExecutableElement callee = callee(call, elements);
      return callee != null && (loops || callee.equals(caller))
          && callee.getModifiers().contains(Modifier.STATIC)
          && callee.getReturnType().getKind() == TypeKind.DOUBLE
          && callee.getParameters().stream().allMatch(p -> p.asType().getKind().isPrimitive())
          && hasSource.test(callee)
          && elements.getPackageOf(callee).getQualifiedName().contentEquals(pkg);
    };
  }

  /** The one method the call names (null if overloads of its arity make it ambiguous). */
  static ExecutableElement callee(Expr.Invoke call, Elements elements) {
    TypeElement owner = elements.getTypeElement(call.owner().canonical());
    if (owner == null) {
      return null;
    }
    List<ExecutableElement> named = owner.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.METHOD
            && e.getSimpleName().contentEquals(call.name()))
        .map(ExecutableElement.class::cast)
        .filter(e -> e.getParameters().size() == call.args().size())
        .toList();
    return named.size() == 1 ? named.get(0) : null;
  }

  private static boolean hasLoop(List<Stmt> body) {
    boolean[] loops = {false};
    Stmts.walk(body, s -> loops[0] |= s instanceof Stmt.Loop);
    return loops[0];
  }
}
