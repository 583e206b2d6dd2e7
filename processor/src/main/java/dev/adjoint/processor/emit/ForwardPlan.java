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
 * @param adjoint the adjoint with {@code seed} as the result's adjoint, callees not split
 * @param adjointTangent its tangent with respect to the inputs, the seed and the adjoint
 *     arrays: {@code fPullbackJvp}, what callers' second order calls
 * @param seed the seed parameter of {@code adjoint}
 */
public record ForwardPlan(ForwardMode.Output jvp, ReverseMode.Output gradient,
    ForwardMode.Output hvp, ReverseMode.Output adjoint, ForwardMode.Output adjointTangent,
    dev.adjoint.processor.ir.Var seed) {
  /** Reverse mode only. */
  public static final ForwardPlan NONE = new ForwardPlan(null, null, null, null, null, null);
}
