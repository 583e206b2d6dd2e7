package dev.adjoint.processor;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.lower.Lowering;
import dev.adjoint.processor.lower.UnsupportedConstruct;
import dev.adjoint.processor.verify.ArrayAdjoints;
import dev.adjoint.processor.verify.CallArguments;
import dev.adjoint.processor.verify.CalleeAdjoints;
import dev.adjoint.processor.verify.LoopRebinding;
import dev.adjoint.processor.verify.NestedArrayChoices;
import dev.adjoint.processor.verify.ParameterWrites;
import dev.adjoint.processor.verify.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a method's IR stage by stage, running after each stage the checks that need its
 * output, and collects every problem they find. A stage runs only on IR its checks accepted:
 * arrays are renamed only when none is rebound in a loop, aliases expanded only when no array
 * choice is nested; the checks of the last stages (writes into fields, call arguments) all run
 * and all report.
 * Alias expansion still rejects two things itself, as only the expansion in progress knows
 * them: an alias whose array may change before a use, and a choice whose branch computes an
 * array or that is written through.
 */
final class CheckedLowering {
  /** The lowered function, or null if a problem stopped lowering; and every problem found. */
  record Result(Function lowered, List<Problem> problems) {}

  private CheckedLowering() {}

  /**
   * @param copied for the lowered function, the calls whose caller copies the array arguments
   *     it writes later ({@link SplitCallees}), which the call-argument check then allows
   */
  static Result lower(Function read,
      java.util.function.Function<Function, java.util.function.Predicate<Expr.Invoke>> copied) {
    List<Problem> problems = new ArrayList<>();
    Function normalized = Lowering.normalize(read);
    problems.addAll(LoopRebinding.check(normalized));
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    Function renamed = Lowering.renameArrays(normalized);
    problems.addAll(NestedArrayChoices.check(renamed));
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    Function expanded;
    try {
      expanded = Lowering.expandAliases(renamed);
    } catch (UnsupportedConstruct e) {
      problems.add(asProblem(e));
      return new Result(null, problems);
    }
    problems.addAll(ParameterWrites.check(expanded));
    Function lowered = Lowering.threeAddress(Lowering.shareFactorizations(expanded));
    problems.addAll(CallArguments.check(lowered, copied.apply(lowered)));
    return new Result(problems.isEmpty() ? lowered : null, problems);
  }

  /**
   * The checks that need reverse mode's view of the lowered IR: which variables are active, with
   * the same analysis (and {@code analyses} switch) reverse mode will use.
   */
  static List<Problem> checkAdjoints(Function lowered, List<Var> independents, boolean analyses) {
    Activity activity = Activity.analyse(lowered, independents, analyses);
    List<Problem> problems = new ArrayList<>(ArrayAdjoints.check(lowered, activity::isActive));
    problems.addAll(CalleeAdjoints.check(lowered, activity::isActive, activity::isVaried));
    return problems;
  }

  /** A construct a transform still rejects itself (alias expansion, reverse mode). */
  static Problem asProblem(UnsupportedConstruct e) {
    return new Problem(e.source(), Message.UNSUPPORTED_CONSTRUCT, e.getMessage());
  }
}
