package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.Function;

/**
 * The stages that bring read IR into the form reverse mode starts from, one by one, so that the
 * checks of each stage's output ({@code verify}) can run between them.
 */
public final class Lowering {
  private Lowering() {}

  /** One exit, no jumps ({@link ControlFlowNormalizer}). */
  public static Function normalize(Function read) {
    return ControlFlowNormalizer.apply(read);
  }

  /** Every binding of an array variable its own variable ({@link ArrayRebinding}). */
  public static Function renameArrays(Function normalized) {
    return ArrayRebinding.apply(normalized);
  }

  /** Array aliases replaced by what they alias ({@link AliasExpansion}). */
  public static Function expandAliases(Function renamed) {
    return AliasExpansion.apply(renamed);
  }

  /** One Cholesky factorization per matrix for its log-determinant and solves. */
  public static Function shareFactorizations(Function expanded) {
    return SharedFactorizations.apply(expanded);
  }

  /** Three-address form ({@link AnfLowering}). */
  public static Function threeAddress(Function expanded) {
    return AnfLowering.apply(expanded);
  }
}
