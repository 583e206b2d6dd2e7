package dev.adjoint.processor.ir;

/**
 * Calls that create an array: a kernel returning one, or a {@code @Differentiable} method (or
 * helper) returning a {@code double[]}. Reverse mode gives the array an adjoint as it gives one
 * to {@code new double[n]}, and the callee's pullback takes that adjoint as its seed.
 */
public final class ArrayResults {
  private ArrayResults() {}

  /** Whether {@code a} binds its array to what a kernel or a differentiable method returns. */
  public static boolean fromCall(Stmt.Assign a) {
    return a.target().type().isArray() && a.value() instanceof Expr.Invoke call
        && (call.kind() == Expr.Invoke.Kind.KERNEL
            || call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE);
  }

  /**
   * Whether {@code a} is a {@code return} of an array ({@code value = e} once returns are
   * normalized): the result names the array returned, the seed is its adjoint. It runs at most
   * once and nothing reads the result after it, so it is no binding the array passes track.
   */
  public static boolean returns(Stmt.Assign a) {
    return a.target().role() == Var.Role.RESULT && a.target().type().isArray();
  }

  /** Whether {@code a} binds the {@code double[]} a differentiable method returns. */
  public static boolean fromDifferentiable(Stmt.Assign a) {
    return a.target().type().isArray() && a.value() instanceof Expr.Invoke call
        && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE;
  }
}
