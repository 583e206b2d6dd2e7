package dev.adjoint.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.emit.checks.GenerationChecks;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.AdjointClassGenerator;
import dev.adjoint.processor.frontend.DerivativeOfReader;
import dev.adjoint.processor.frontend.JavacTrees;
import dev.adjoint.processor.rules.CallRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Generates the adjoint of every {@code @Differentiable} method: per round, reads the custom
 * derivatives, then runs each method, and each plain helper they call, through the {@link
 * Pipeline} and writes one generated class per class ({@link Round}, {@link
 * AdjointClassGenerator}). Errors are reported at their position and
 * collected; a class with any error gets no generated code, every method and class is still
 * checked, and nothing is thrown out of {@link #process}.
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

  /** Writes records' adjoint storage classes, each once per compilation. */
  private RecordStorageWriter storage;

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
    super.init(env);
    OptionValues.check(env.getOptions(), env.getMessager());
    checks = new GenerationChecks(env);
    storage = new RecordStorageWriter(env);
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
    return Set.of(ANALYSES_OPTION, AdjointClassGenerator.COMMENTS_OPTION,
        AdjointClassGenerator.LOOP_METHODS_OPTION);
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
        if (trees.getTree(m) == null) {
          // A class named to javac for processing only (as Gradle's incremental mode would).
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.FROM_CLASS_FILE.format(m.getSimpleName(), t.getQualifiedName()), m);
          continue;
        }
        byClass.computeIfAbsent(t, k -> new ArrayList<>()).add(m);
      }
    }
    if (!checks.beginRound(round, annotated, byClass.keySet(), trees)) {
      return;
    }
    Pipeline pipeline = new Pipeline(trees, processingEnv.getElementUtils(), callRules,
        !"off".equals(processingEnv.getOptions().get(ANALYSES_OPTION)));
    new Round(processingEnv, trees, checks, pipeline, storage).run(byClass);
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
}
