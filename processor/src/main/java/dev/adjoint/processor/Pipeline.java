package dev.adjoint.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.emit.MethodPlan;
import dev.adjoint.processor.frontend.CalleeResolver;
import dev.adjoint.processor.frontend.MethodReader;
import dev.adjoint.processor.frontend.MethodValidator;
import dev.adjoint.processor.frontend.Shadowing;
import dev.adjoint.processor.frontend.SubsetFence;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Mode;
import dev.adjoint.processor.rules.CallRules;
import dev.adjoint.processor.rules.DerivativeRegistry;
import dev.adjoint.processor.optimize.Optimizer;
import dev.adjoint.processor.transform.Differentiator;
import dev.adjoint.processor.transform.ReverseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * The phases that turn one user method into what the emitter writes, in order:
 *
 * <ol>
 *   <li><b>read</b> the signature and body into IR ({@code frontend}), reporting every
 *       construct outside the supported subset;
 *   <li><b>check</b> what only the IR shows;
 *   <li><b>lower</b> to single exit, one binding per array and three-address form;
 *   <li><b>analyse</b> activity and what must be recorded;
 *   <li><b>differentiate</b> in the request's {@link Mode};
 *   <li><b>optimize</b> the result;
 *   <li>hand a {@link MethodPlan} to the emitter.
 * </ol>
 *
 * A phase that reports an error ends the method's run; {@link AdjointProcessor} goes on with
 * the other methods and classes. Each phase is its own package, and none imports a later one.
 */
final class Pipeline {
  private final Trees trees;
  private final Elements elements;
  private final CallRules callRules;
  private final DerivativeRegistry derivatives;
  private final boolean analyses;

  Pipeline(Trees trees, Elements elements, CallRules callRules, boolean analyses) {
    this.trees = trees;
    this.elements = elements;
    this.callRules = callRules;
    this.derivatives = new DerivativeRegistry(callRules);
    this.analyses = analyses;
  }

  /** The plan for {@code method}'s generated code, or empty after reporting why there is none. */
  Optional<MethodPlan> run(ExecutableElement method, Diagnostics diagnostics) {
    Optional<MethodValidator.Signature> signature =
        new MethodValidator(diagnostics).validate(method);
    TreePath path = trees.getPath(method);
    if (signature.isEmpty() || path == null) {
      return Optional.empty();
    }
    Request request = new Request(method, Mode.REVERSE, signature.get().independents(),
        analyses);
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();

    // read
    if (new SubsetFence(unit, diagnostics).check(tree.getBody()) > 0) {
      return Optional.empty();
    }
    SourcePositions positions = trees.getSourcePositions();
    Shadowing shadowing = new Shadowing(method, unit, elements);
    CalleeResolver callees = new CalleeResolver(method, unit, elements, callRules);
    MethodReader reader = new MethodReader(unit, positions, diagnostics, shadowing, callees);
    Optional<Function> read = reader.read(tree, signature.get().parameterTypes());
    if (read.isEmpty()) {
      return Optional.empty();
    }

    // check and lower
    Function lowered = Differentiator.lower(read.get());
    List<Var> independents = new ArrayList<>();
    for (int i : request.wrt()) {
      independents.add(lowered.params().get(i));
    }

    // analyse, differentiate, optimize
    Var seed = Differentiator.seedParameter();
    ReverseMode.Output pullback = Optimizer.apply(
        new Differentiator(request.analyses(), derivatives)
            .differentiate(lowered, independents, seed));

    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    return Optional.of(new MethodPlan(
        method,
        lowered.params(),
        independents,
        pullback,
        seed,
        reader.fileName(),
        (int) unit.getLineMap().getLineNumber(start),
        (int) unit.getLineMap().getLineNumber(end),
        shadowing.generatedCodeMustQualify("Math")
            || shadowing.generatedCodeMustQualify("StrictMath")));
  }
}
