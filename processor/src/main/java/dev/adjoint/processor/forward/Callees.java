package dev.adjoint.processor.forward;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Mode;

/** What the tangent transform needs to know of a called {@code @Differentiable} method. */
public interface Callees {
  /** Whether the callee of {@code call} generates the methods of {@code mode}. */
  boolean generates(Expr.Invoke call, Mode mode);
}
