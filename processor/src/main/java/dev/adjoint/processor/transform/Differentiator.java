package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Rematerialization;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.DerivativeRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The IR → IR pipeline for one method: single exit, three-address form, analyses, reverse mode,
 * simplification. Run once per method, for its pullback; the value-and-gradient call delegates
 * to that pullback with a unit seed.
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

  /** A differentiated method: the transformed function and its parameters' adjoints. */
  public record Result(Function function, Map<Var, Var> parameterAdjoints) {}

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
  public Result differentiate(Function lowered, List<Var> independents, Var seed) {
    Activity activity = Activity.analyse(lowered, independents, analyses);
    Rematerialization remat = analyses ? Rematerialization.analyse(lowered)
        : Rematerialization.none();
    ToBeRecorded recording = ToBeRecorded.analyse(lowered, activity, analyses, remat);
    ReverseMode.Output out = ReverseMode.apply(lowered, independents, activity, recording,
        Exprs.ref(seed), derivatives);
    Set<Var> roots = new LinkedHashSet<>(out.parameterAdjoints().values());
    roots.add(lowered.result());
    return new Result(Simplifier.apply(out.function(), roots), out.parameterAdjoints());
  }

  /** The pullback's seed parameter. */
  public static Var seedParameter() {
    return new Var("seed", Type.DOUBLE, Var.Role.SEED);
  }
}
