package dev.adjoint.processor.emit;

import dev.adjoint.processor.forward.ForwardMode;
import dev.adjoint.processor.reverse.ReverseMode;

/**
 * What the forward and second-order modes hand the emitter for one method; each part is null
 * when its mode was not asked for.
 *
 * @param jvp the tangent of the method ({@code Mode.FORWARD}): {@code fJvp}
 * @param gradient the adjoint seeded with 1 ({@code Mode.HESSIAN}), whose tangent is {@code hvp}
 * @param hvp the tangent of {@code gradient}: {@code fHvp} and {@code fHessian}
 */
public record ForwardPlan(ForwardMode.Output jvp, ReverseMode.Output gradient,
    ForwardMode.Output hvp) {
  /** Reverse mode only. */
  public static final ForwardPlan NONE = new ForwardPlan(null, null, null);
}
