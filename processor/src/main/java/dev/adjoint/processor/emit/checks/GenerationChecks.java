package dev.adjoint.processor.emit.checks;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.AdjointClassGenerator;
import dev.adjoint.processor.emit.MethodPlan;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Everything that must hold for the generated code to be written and to compile, beyond what
 * the user's method itself must satisfy: the source level, the generated names, visibility
 * and the JVM's limits. One instance per compilation (made in {@code init}, so that it sees
 * units no round shows), as names are claimed across rounds.
 */
public final class GenerationChecks {
  private final ProcessingEnvironment env;
  private final GeneratedCodeLimits limits;
  private final LocalClasses localClasses = new LocalClasses();
  private GeneratedNames names;
  private boolean sourceLevelReported;

  public GenerationChecks(ProcessingEnvironment env) {
    this.env = env;
    this.limits = new GeneratedCodeLimits(env.getElementUtils());
    localClasses.listen(env);
  }

  /**
   * Checks of a whole round. Returns false if no code may be generated at all: records need
   * source level 16, reported once per compilation at the first annotated method.
   */
  public boolean beginRound(RoundEnvironment round, Set<? extends Element> annotated,
      Collection<TypeElement> owners, Trees trees) {
    if (env.getSourceVersion().compareTo(SourceVersion.RELEASE_16) < 0) {
      if (!sourceLevelReported && !annotated.isEmpty()) {
        sourceLevelReported = true;
        env.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.SOURCE_LEVEL.format(
                env.getSourceVersion().name().replace("RELEASE_", "")), annotated.iterator().next());
      }
      return false;
    }
    Diagnostics diagnostics = new Diagnostics(env.getMessager(), trees);
    for (Element root : round.getRootElements()) {
      TreePath path = trees.getPath(root);
      if (path != null) {
        localClasses.report(path.getCompilationUnit(), diagnostics);
      }
    }
    if (names == null) {
      names = new GeneratedNames(env.getElementUtils(), trees);
    }
    names.beginRound(owners, round.getRootElements());
    return true;
  }

  /** Checks of one class, before its methods are read. */
  public void checkClass(TypeElement owner, List<ExecutableElement> methods,
      Diagnostics diagnostics) {
    names.claim(owner, diagnostics);
    limits.checkVisible(owner, methods, diagnostics);
  }

  /** Checks of one method's generated signatures. */
  public void checkPlan(MethodPlan plan, Diagnostics diagnostics) {
    limits.checkSlots(plan, diagnostics);
    limits.checkCodeSize(plan, diagnostics);
  }

  /** Reports two generated methods with one signature, at the user's second method. */
  public static void report(AdjointClassGenerator.SignatureClash clash,
      Diagnostics diagnostics) {
    diagnostics.error(clash.method(), Message.GENERATED_SIGNATURE,
        signature(clash.method()), clash.signature(), signature(clash.other()));
  }

  private static String signature(ExecutableElement m) {
    return m.getSimpleName() + "(" + m.getParameters().stream()
        .map(p -> p.asType().toString()).collect(java.util.stream.Collectors.joining(", "))
        + ")";
  }
}
