package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;

/**
 * A local {@code DoubleUnaryOperator} or {@code DoubleBinaryOperator} ({@code sq = v -> v * v},
 * {@code f = Losses::g}): no variable of the IR, but inlined at each {@code applyAsDouble}
 * ({@link LocalFunctionCalls}), reading what its declaration saw.
 *
 * @param initializer a {@code LambdaExpressionTree} or a {@code MemberReferenceTree}
 */
record LocalFunction(String name, int arity, ExpressionTree initializer, Scopes.Snapshot scope) {

  LocalFunction named(String other) {
    return new LocalFunction(other, arity, initializer, scope);
  }
}
