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
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Which calls of a method are reversed by the callee's split halves ({@code
 * ir.SplitReversal}): calls of a static method returning {@code double} of scalar, {@code
 * double[]} and {@code double[][]} parameters, generated in this compilation in the caller's
 * package (the halves are package-private), where the split saves work: calls of the callee
 * itself or another method of its call cycle (recursion, mutual recursion: each level's forward
 * sweep would run again at every level above), of a callee whose pullback records (it would
 * allocate stacks of its own and run its forward sweep again; the caller's one stacks serve
 * both halves), and every call of a caller that has stacks anyway (it has loops, or splits one
 * of those). Other callees keep their pullback: splitting a loop-free callee of a caller
 * without stacks would cost the caller stacks to save the callee's forward sweep. A callee with source never writes into its array parameters (such a callee is
 * read into its caller), so its reverse half may read them again: the caller passes their
 * values at the call, a copy where it writes them later ({@code reverse.ReverseMode}).
 */
final class SplitCallees {
  private SplitCallees() {}

  static Predicate<Expr.Invoke> of(ExecutableElement caller, Function lowered,
      Elements elements, Predicate<ExecutableElement> hasSource, SplitCallGraph graph) {
    Predicate<Expr.Invoke> saves = call -> {
      ExecutableElement callee = splittable(caller, call, elements, hasSource);
      return callee != null && (callee.equals(caller) || graph.reaches(callee, caller)
          || graph.records(callee));
    };
    // With stacks of its own (for its loops, or for a call split above), the caller splits
    // every call it can: the halves then cost it nothing more.
    boolean stacks = hasLoop(lowered.body()) || Stmts.assignments(lowered.body()).stream()
        .anyMatch(a -> a.value() instanceof Expr.Invoke call && saves.test(call));
    return stacks ? onStacks(caller, elements, hasSource) : saves;
  }

  /**
   * The calls the split halves of {@code caller} reverse by their callee's halves: every call
   * of a callee that has them, since the halves run on their caller's stacks (a loop-free
   * helper's pullback then gets what its forward sweep computed, not computing it again).
   */
  static Predicate<Expr.Invoke> onStacks(ExecutableElement caller, Elements elements,
      Predicate<ExecutableElement> hasSource) {
    return call -> splittable(caller, call, elements, hasSource) != null;
  }

  /** The callee of {@code call} if it can have split halves that {@code caller} may call. */
  private static ExecutableElement splittable(ExecutableElement caller, Expr.Invoke call,
      Elements elements, Predicate<ExecutableElement> hasSource) {
    if (call.kind() != Expr.Invoke.Kind.DIFFERENTIABLE) {
      return null;
    }
    ExecutableElement callee = callee(call, elements);
    boolean can = callee != null
        && callee.getModifiers().contains(Modifier.STATIC)
        && callee.getReturnType().getKind() == TypeKind.DOUBLE
        && callee.getParameters().stream().allMatch(p -> splittable(p.asType()))
        && hasSource.test(callee)
        && elements.getPackageOf(callee).getQualifiedName()
            .contentEquals(elements.getPackageOf(caller).getQualifiedName());
    return can ? callee : null;
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

  /** A primitive, {@code double[]} or {@code double[][]}: what the halves' signatures take. */
  private static boolean splittable(TypeMirror t) {
    if (t.getKind().isPrimitive()) {
      return true;
    }
    if (t.getKind() != TypeKind.ARRAY) {
      return false;
    }
    TypeMirror element = ((ArrayType) t).getComponentType();
    if (element.getKind() == TypeKind.ARRAY) {
      element = ((ArrayType) element).getComponentType();
    }
    return element.getKind() == TypeKind.DOUBLE;
  }

  private static boolean hasLoop(List<Stmt> body) {
    boolean[] loops = {false};
    Stmts.walk(body, s -> loops[0] |= s instanceof Stmt.Loop);
    return loops[0];
  }
}
