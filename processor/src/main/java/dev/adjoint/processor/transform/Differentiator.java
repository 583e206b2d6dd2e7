package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Rematerialization;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;

/**
 * The IR → IR pipeline for one method: single exit, three-address form, analyses, reverse mode.
 * Run twice per method: with seed 1 for the value-and-gradient call, and with a seed parameter
 * for the pullback. Its output is the mechanical adjoint; the caller runs the optimizer on it.
 */
public final class Differentiator {
  private final boolean analyses;

  /** @param analyses false to treat every double as active and record every overwrite */
  public Differentiator(boolean analyses) {
    this.analyses = analyses;
  }

  /** The primal in the form the transforms start from (also what the tests inspect). */
  public static Function lower(Function read) {
    Function lowered = AnfLowering.apply(AliasExpansion.apply(
        ArrayRebinding.apply(ControlFlowNormalizer.apply(read))));
    CallArgumentCheck.check(lowered);
    return lowered;
  }

  /**
   * @param lowered output of {@link #lower}
   * @param independents the parameters to differentiate, a subset of {@code lowered.params()}
   * @param seed {@code null} for a unit seed, else the pullback's seed parameter
   */
  public ReverseMode.Output differentiate(Function lowered, List<Var> independents, Var seed) {
    Activity activity = Activity.analyse(lowered, independents, analyses);
    Rematerialization remat = analyses ? Rematerialization.analyse(lowered)
        : Rematerialization.none();
    ToBeRecorded recording = ToBeRecorded.analyse(lowered, activity, analyses, remat);
    Expr seedValue = seed == null ? Expr.Const.ofDouble(1) : Exprs.ref(seed);
    return ReverseMode.apply(lowered, independents, activity, recording, seedValue,
        seed == null);
  }

  /** The pullback's seed parameter. */
  public static Var seedParameter() {
    return new Var("seed", Type.DOUBLE, Var.Role.SEED);
  }
}
