package dev.adjoint.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Rematerialization;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.emit.ForwardPlan;
import dev.adjoint.processor.emit.MethodPlan;
import dev.adjoint.processor.emit.checks.GeneratedCodeLimits;
import dev.adjoint.processor.frontend.CalleeResolver;
import dev.adjoint.processor.frontend.HelperCall;
import dev.adjoint.processor.frontend.MethodReader;
import dev.adjoint.processor.frontend.MethodValidator;
import dev.adjoint.processor.frontend.Problems;
import dev.adjoint.processor.frontend.RequestedModes;
import dev.adjoint.processor.frontend.Shadowing;
import dev.adjoint.processor.frontend.SubsetFence;
import dev.adjoint.processor.frontend.WrittenArguments;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Mode;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.CallRules;
import dev.adjoint.processor.rules.DerivativeRegistry;
import dev.adjoint.processor.optimize.Optimizer;
import dev.adjoint.processor.reverse.ReverseMode;
import dev.adjoint.processor.verify.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * The phases that turn one user method into what the emitter writes, in order:
 *
 * <ol>
 *   <li><b>read</b> the signature and body into IR ({@code frontend}), reporting every
 *       construct outside the supported subset;
 *   <li><b>check</b> what only the IR shows ({@code verify}), between the stages that
 *       <b>lower</b> it to single exit, one binding per array and three-address form ({@link
 *       CheckedLowering}), even when reading found problems;
 *   <li><b>analyse</b> activity and what must be recorded;
 *   <li><b>differentiate</b> in the request's {@link Mode};
 *   <li><b>optimize</b> the result;
 *   <li>hand a {@link MethodPlan} to the emitter.
 * </ol>
 *
 * Every problem of the method is reported, each construct once; a method with any gets no
 * plan, and {@link AdjointProcessor} goes on with the other methods and classes. Each phase is
 * its own package, and none imports a later one.
 */
final class Pipeline {
  private final Trees trees;
  private final Elements elements;
  private final CallRules callRules;
  private final DerivativeRegistry derivatives;
  private final boolean analyses;
  private final SplitCallGraph callGraph;

  Pipeline(Trees trees, Elements elements, CallRules callRules, boolean analyses) {
    this.trees = trees;
    this.elements = elements;
    this.callRules = callRules;
    this.derivatives = new DerivativeRegistry(callRules);
    this.analyses = analyses;
    this.callGraph = new SplitCallGraph(trees, elements);
  }

  /**
   * The plan for {@code method}'s generated code, or empty after reporting why there is none.
   * Each call of an unannotated helper read in it goes to {@code helperCalls}: the helper's
   * adjoint must be generated too.
   */
  Optional<MethodPlan> run(ExecutableElement method, Diagnostics diagnostics,
      Consumer<HelperCall> helperCalls) {
    Optional<MethodValidator.Signature> signature =
        new MethodValidator(diagnostics).validate(method);
    TreePath path = trees.getPath(method);
    if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();
    SourcePositions positions = trees.getSourcePositions();

    // read: the fence and the reader collect every problem of the body
    Problems problems = new Problems();
    SubsetFence fence = new SubsetFence(problems);
    fence.check(tree.getBody());
    if (signature.isEmpty()) { // a parameter type the reader cannot model
      problems.reportTo(diagnostics, unit, positions);
      return Optional.empty();
    }
    Shadowing shadowing = new Shadowing(method, unit, elements);
    java.util.function.Function<ExecutableElement, List<String>> writes = new WrittenArguments(
        trees::getTree, m -> {
          TreePath p = trees.getPath(m);
          return p == null ? null : p.getCompilationUnit();
        }, elements)::of;
    CalleeResolver callees = new CalleeResolver(method, unit, elements, callRules,
        this::hasSource, writes,
        new CalleeBodyReader(trees, elements, callRules, this::hasSource, writes, method));
    MethodReader reader = new MethodReader(unit, positions, problems, fence, shadowing, callees);
    reader.setCalleePaths(trees::getPath);
    Function read = reader.read(tree, signature.get().parameterTypes(),
        signature.get().records(), elements);
    callees.helperCalls().forEach(helperCalls);
    problems.reportTo(diagnostics, unit, positions);
    boolean clean = problems.count() == 0 && signature.get().valid();
    if (method.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID) {
      Optional<Function> withResult = clean ? VoidResults.withResult(read, writes.apply(method),
          tree, unit, diagnostics) : Optional.empty();
      if (withResult.isEmpty()) {
        return Optional.empty();
      }
      read = withResult.get();
    }

    // check and lower: the IR checks run even after frontend problems, on what could be read
    CheckedLowering.Result checked;
    try {
      checked = CheckedLowering.lower(read,
          fn -> SplitCallees.of(method, fn, elements, this::hasSource, callGraph));
    } catch (RuntimeException e) {
      if (clean) {
        throw e;
      }
      // IR with statements left out (reported above) may break a transform's assumptions.
      return Optional.empty();
    }
    report(checked.problems(), method, unit, diagnostics);
    if (!clean || checked.lowered() == null) {
      return Optional.empty();
    }
    Function lowered = checked.lowered();
    Request request = new Request(method, Mode.REVERSE, signature.get().independents(),
        analyses);
    List<Var> independents = independents(request.wrt(), lowered.params(), reader.records());
    List<Problem> adjointProblems =
        CheckedLowering.checkAdjoints(lowered, independents, request.analyses());
    if (!adjointProblems.isEmpty()) {
      report(adjointProblems, method, unit, diagnostics);
      return Optional.empty();
    }

    if (GeneratedCodeLimits.checkPrimalSize(method, lowered, diagnostics)) {
      return Optional.empty();
    }

    // analyse
    Activity activity = Activity.analyse(lowered, independents, request.analyses());
    Rematerialization remat = request.analyses() ? Rematerialization.analyse(lowered)
        : Rematerialization.none();
    ToBeRecorded recording = ToBeRecorded.analyse(lowered, activity, request.analyses(), remat);

    // differentiate (the request's mode is reverse, the only one so far) and optimize
    Var seed = ReverseMode.seedParameter(lowered.result().type());
    java.util.function.Predicate<Expr.Invoke> split =
        SplitCallees.of(method, lowered, elements, this::hasSource, callGraph);
    ReverseMode.Output pullback = Optimizer.apply(ReverseMode.apply(lowered, independents,
        activity, recording, Exprs.ref(seed), derivatives, split));
    // The split halves have their caller's stacks: they may split the other calls too.
    java.util.function.Predicate<Expr.Invoke> onStacks =
        SplitCallees.onStacks(method, elements, this::hasSource);
    boolean more = Stmts.assignments(lowered.body()).stream().anyMatch(a ->
        a.value() instanceof Expr.Invoke call && onStacks.test(call) && !split.test(call));
    ReverseMode.Output halves = !more ? pullback : Optimizer.apply(ReverseMode.apply(lowered,
        independents, activity, recording, Exprs.ref(seed), derivatives, onStacks));

    Optional<ForwardPlan> forward = new OtherModes(derivatives, new CalleeModes(elements))
        .plan(RequestedModes.of(method), lowered, independents, reader.records(), activity,
            recording, split, method, unit, diagnostics);
    if (forward.isEmpty()) {
      return Optional.empty();
    }

    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    return Optional.of(new MethodPlan(
        method,
        lowered.params(),
        reader.records(),
        independents,
        pullback,
        halves,
        seed,
        reader.fileName(),
        (int) unit.getLineMap().getLineNumber(start),
        (int) unit.getLineMap().getLineNumber(end),
        shadowing.generatedCodeMustQualify("Math")
            || shadowing.generatedCodeMustQualify("StrictMath"),
        forward.get()));
  }

  /**
   * The IR parameters for the user's parameters {@code wrt}: a record parameter stands for its
   * leaves, of which the differentiable ones are differentiated.
   */
  private static List<Var> independents(List<Integer> wrt, List<Var> params,
      java.util.Map<Integer, dev.adjoint.processor.ir.RecordShape> records) {
    List<Var> out = new ArrayList<>();
    int flat = 0;
    for (int i = 0; flat < params.size(); i++) {
      List<Var> leaves = records.containsKey(i) ? records.get(i).leaves()
          : List.of(params.get(flat));
      if (wrt.contains(i)) {
        leaves.stream().filter(v -> v.type().isDifferentiable()).forEach(out::add);
      }
      flat += leaves.size();
    }
    return out;
  }

  /** Whether {@code m}'s body is among the sources being compiled. */
  private boolean hasSource(ExecutableElement m) {
    MethodTree t = trees.getTree(m);
    return t != null && t.getBody() != null;
  }

  /** IR problems at their statements' trees, one per statement. */
  private static void report(List<Problem> problems, ExecutableElement method,
      CompilationUnitTree unit, Diagnostics diagnostics) {
    Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Problem p : problems) {
      if (p.at().origin() instanceof Tree tree) {
        if (reported.add(tree)) {
          diagnostics.error(tree, unit, p.message(), p.args());
        }
      } else {
        diagnostics.error(method, p.message(), p.args());
      }
    }
  }
}
