package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Mode;
import java.util.Optional;

/**
 * Answers "what implements this callee's derivative in this mode": a {@code @DerivativeOf}
 * method the user wrote, the hand-written {@code fPullback} beside a kernel, or the method
 * Adjoint generates for a {@code @Differentiable} callee. Functions of the {@link RulesTable}
 * need no method: their partials are inlined.
 */
public final class DerivativeRegistry {
  private final CallRules custom;

  public DerivativeRegistry(CallRules custom) {
    this.custom = custom;
  }

  /** A static method that implements a derivative. */
  public record Implementation(ClassRef owner, String name) {}

  /**
   * The method to call for {@code call}'s derivative in {@code mode}.
   *
   * @throws IllegalStateException for a helper, which has none (an internal error: the
   *     transforms never differentiate a helper's int, long or boolean result)
   */
  public Implementation find(Expr.Invoke call, Mode mode) {
    switch (call.kind()) {
      case DIFFERENTIABLE:
        return new Implementation(GeneratedApi.adjointClass(call.owner()),
            GeneratedApi.pullbackName(call.name()));
      case KERNEL:
        Optional<CallRule> rule = custom.find(call.owner().canonical(), call.name(),
            call.args().size());
        return rule.map(r -> new Implementation(r.pullbackOwner(), r.pullbackName()))
            .orElseGet(() -> new Implementation(call.owner(),
                GeneratedApi.pullbackName(call.name())));
      default:
        throw new IllegalStateException(call.kind() + " " + call.name() + " has no " + mode
            + " derivative");
    }
  }
}
