package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Rematerialization;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.DerivativeRegistry;
import java.util.List;

/**
 * The IR → IR pipeline for one method: single exit, three-address form, analyses, reverse mode.
 * Run once per method, for its pullback; the value-and-gradient call delegates to that pullback
 * with a unit seed. Its output is the mechanical adjoint; the caller runs the optimizer on it.
 */
public final class Differentiator {
  private final boolean analyses;
  private final DerivativeRegistry derivatives;

  /**
   * @param analyses false to treat every double as active and record every overwrite
   * @param derivatives what implements each callee's derivative
   */
  public Differentiator(boolean analyses, DerivativeRegistry derivatives) {
    this.analyses = analyses;
    this.derivatives = derivatives;
  }

  /**
   * The primal in the form the transforms start from (also what the tests inspect), for a
   * method the checks ({@code verify}) accepted; {@link Lowering} runs it stage by stage.
   */
  public static Function lower(Function read) {
    return Lowering.threeAddress(Lowering.expandAliases(Lowering.renameArrays(
        Lowering.normalize(read))));
  }

  /**
   * @param lowered output of {@link #lower}
   * @param independents the parameters to differentiate, a subset of {@code lowered.params()}
   * @param seed the pullback's seed parameter: the result's adjoint
   */
  public ReverseMode.Output differentiate(Function lowered, List<Var> independents, Var seed) {
    Activity activity = Activity.analyse(lowered, independents, analyses);
    Rematerialization remat = analyses ? Rematerialization.analyse(lowered)
        : Rematerialization.none();
    ToBeRecorded recording = ToBeRecorded.analyse(lowered, activity, analyses, remat);
    return ReverseMode.apply(lowered, independents, activity, recording, Exprs.ref(seed),
        derivatives);
  }

  /** The pullback's seed parameter. */
  public static Var seedParameter() {
    return new Var("seed", Type.DOUBLE, Var.Role.SEED);
  }
}
