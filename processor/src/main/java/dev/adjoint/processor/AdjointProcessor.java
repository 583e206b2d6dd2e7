package dev.adjoint.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.check.GenerationChecks;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.AdjointClassGenerator;
import dev.adjoint.processor.emit.GeneratedDerivativeNames;
import dev.adjoint.processor.emit.MethodPlan;
import dev.adjoint.processor.frontend.CalleeResolver;
import dev.adjoint.processor.frontend.DerivativeOfReader;
import dev.adjoint.processor.frontend.JavacTrees;
import dev.adjoint.processor.frontend.MethodReader;
import dev.adjoint.processor.frontend.MethodValidator;
import dev.adjoint.processor.frontend.Problems;
import dev.adjoint.processor.frontend.Shadowing;
import dev.adjoint.processor.frontend.SubsetFence;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.CallRules;
import dev.adjoint.processor.transform.Differentiator;
import dev.adjoint.processor.transform.UnsupportedConstruct;
import dev.adjoint.processor.verify.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates the adjoint of every {@code @Differentiable} method. Phases, each its own class:
 * validate the signature ({@link MethodValidator}), fence the body ({@link SubsetFence}), read
 * it into IR ({@link MethodReader}), transform ({@link Differentiator}), write Java ({@link
 * AdjointClassGenerator}). Errors are reported at their position and collected; a class with any
 * error gets no generated code, and nothing is thrown out of {@link #process}.
 */
@AutoService(Processor.class)
public final class AdjointProcessor extends AbstractProcessor {
  static final String ANNOTATION = "dev.adjoint.Differentiable";
  static final String DERIVATIVE_OF = "dev.adjoint.DerivativeOf";

  /** {@code -Aadjoint.analyses=off}: every double active, every overwrite recorded. */
  public static final String ANALYSES_OPTION = "adjoint.analyses";

  /** Rules from {@code @DerivativeOf}; kept across rounds, as generated code may call them. */
  private final CallRules callRules = new CallRules();

  /** Checks that the generated code can be written and compiles. */
  private GenerationChecks checks;

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
    super.init(env);
    checks = new GenerationChecks(env);
  }

  /** What the generated classes carry; see {@link #getSupportedAnnotationTypes}. */
  static final String GENERATED = "javax.annotation.processing.Generated";

  /**
   * Ours, and {@code @Generated}, which the classes we generate carry: claiming them all keeps
   * {@code -Xlint:all -Werror} builds free of "No processor claimed any of these annotations".
   * A round holding another tool's {@code @Generated} class claims nothing (see {@link
   * #claimable}).
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ANNOTATION, DERIVATIVE_OF, GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(ANALYSES_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      LargeStack.run(() -> processRound(annotations, round));
    } catch (RuntimeException | StackOverflowError e) {
      // Last line of defence: a bug in Adjoint must be a clear error, never a javac crash.
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL.format("this round", e));
    }
    return claimable(annotations, round);
  }

  /**
   * Claims the round's annotations (see {@link #getSupportedAnnotationTypes}) unless it holds a
   * class another tool marked {@code @Generated}: that one stays visible to later processors.
   */
  private static boolean claimable(Set<? extends TypeElement> annotations,
      RoundEnvironment round) {
    for (TypeElement a : annotations) {
      if (a.getQualifiedName().contentEquals(GENERATED)) {
        for (Element e : round.getElementsAnnotatedWith(a)) {
          if (!generatedByAdjoint(e)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean generatedByAdjoint(Element e) {
    for (var mirror : e.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(GENERATED)) {
        return mirror.getElementValues().values().stream()
            .anyMatch(v -> v.toString().contains(AdjointClassGenerator.PROCESSOR));
      }
    }
    return false;
  }

  private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
    if (annotation == null || annotations.isEmpty()) {
      return;
    }
    readCustomDerivatives(round);
    Set<? extends Element> annotated = round.getElementsAnnotatedWith(annotation);
    Trees trees;
    try {
      trees = JavacTrees.of(processingEnv);
    } catch (IllegalStateException e) {
      for (Element element : annotated) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.TREES_UNAVAILABLE.format(e.getMessage()), element);
      }
      return;
    }
    Map<TypeElement, List<ExecutableElement>> byClass = new LinkedHashMap<>();
    for (Element e : annotated) {
      if (e instanceof ExecutableElement m && m.getEnclosingElement() instanceof TypeElement t) {
        byClass.computeIfAbsent(t, k -> new ArrayList<>()).add(m);
      }
    }
    if (!checks.beginRound(round, annotated, byClass.keySet(), trees)) {
      return;
    }
    byClass.forEach((owner, methods) -> processClass(owner, methods, trees));
  }

  /** User-declared derivatives of this round, before any method that may call them is read. */
  private void readCustomDerivatives(RoundEnvironment round) {
    TypeElement derivativeOf = processingEnv.getElementUtils().getTypeElement(DERIVATIVE_OF);
    if (derivativeOf == null) {
      return;
    }
    DerivativeOfReader reader = new DerivativeOfReader(
        new Diagnostics(processingEnv.getMessager(), null));
    for (Element e : round.getElementsAnnotatedWith(derivativeOf)) {
      if (e instanceof ExecutableElement m) {
        reader.register(m, callRules);
      }
    }
  }

  private void processClass(TypeElement owner, List<ExecutableElement> methods, Trees trees) {
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
    List<MethodPlan> plans = new ArrayList<>();
    checks.checkClass(owner, methods, diagnostics);
    for (ExecutableElement method : methods) {
      try {
        plan(method, trees, diagnostics).ifPresent(p -> {
          checks.checkPlan(p, diagnostics);
          plans.add(p);
        });
      } catch (RuntimeException e) {
        diagnostics.error(method, Message.INTERNAL, method.getSimpleName(), e);
      } catch (StackOverflowError e) {
        diagnostics.error(method, Message.TOO_DEEP, method.getSimpleName());
      }
    }
    if (diagnostics.errorCount() > 0) {
      return;
    }
    try {
      new AdjointClassGenerator(processingEnv.getElementUtils())
          .generate(owner, plans)
          .writeTo(processingEnv.getFiler());
    } catch (AdjointClassGenerator.SignatureClash e) {
      GenerationChecks.report(e, diagnostics);
    } catch (IOException | RuntimeException e) {
      diagnostics.error(owner, Message.INTERNAL, owner.getSimpleName(), e);
    } catch (StackOverflowError e) {
      diagnostics.error(owner, Message.TOO_DEEP, owner.getSimpleName());
    }
  }

  private Optional<MethodPlan> plan(ExecutableElement method, Trees trees,
      Diagnostics diagnostics) {
    Optional<MethodValidator.Signature> signature =
        new MethodValidator(diagnostics).validate(method);
    TreePath path = trees.getPath(method);
    if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();
    SourcePositions positions = trees.getSourcePositions();
    Problems problems = new Problems();
    SubsetFence fence = new SubsetFence(problems);
    fence.check(tree.getBody());
    if (signature.isEmpty()) {
      problems.reportTo(diagnostics, unit, positions);
      return Optional.empty();
    }
    Shadowing shadowing = new Shadowing(method, unit, processingEnv.getElementUtils());
    CalleeResolver callees = new CalleeResolver(method, unit, processingEnv.getElementUtils(),
        callRules, new GeneratedDerivativeNames(processingEnv.getElementUtils()));
    MethodReader reader = new MethodReader(unit, positions, problems, fence, shadowing, callees);
    Function read = reader.read(tree, signature.get().parameterTypes());
    problems.reportTo(diagnostics, unit, positions);
    boolean clean = problems.count() == 0 && signature.get().valid();
    CheckedLowering.Result checked;
    try {
      checked = CheckedLowering.lower(read);
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
    List<Var> independents = new ArrayList<>();
    for (int i : signature.get().independents()) {
      independents.add(lowered.params().get(i));
    }
    boolean analyses = !"off".equals(processingEnv.getOptions().get(ANALYSES_OPTION));
    Differentiator differentiator = new Differentiator(analyses);
    Var seed = Differentiator.seedParameter();
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    List<Problem> adjointProblems =
        CheckedLowering.checkAdjoints(lowered, independents, analyses);
    if (!adjointProblems.isEmpty()) {
      report(adjointProblems, method, unit, diagnostics);
      return Optional.empty();
    }
    return Optional.of(new MethodPlan(
        method,
        lowered.params(),
        independents,
        differentiator.differentiate(lowered, independents, null),
        differentiator.differentiate(lowered, independents, seed),
        seed,
        reader.fileName(),
        (int) unit.getLineMap().getLineNumber(start),
        (int) unit.getLineMap().getLineNumber(end),
        shadowing.generatedCodeMustQualify("Math") || shadowing.generatedCodeMustQualify(
            "StrictMath")));
  }

  /** IR problems at their statements' trees, one per statement. */
  private static void report(List<Problem> problems, ExecutableElement method,
      CompilationUnitTree unit, Diagnostics diagnostics) {
    Set<Object> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Problem p : problems) {
      Object origin = p.at().origin();
      if (origin instanceof com.sun.source.tree.Tree tree) {
        if (reported.add(tree)) {
          diagnostics.error(tree, unit, p.message(), p.args());
        }
      } else {
        diagnostics.error(method, p.message(), p.args());
      }
    }
  }
}
