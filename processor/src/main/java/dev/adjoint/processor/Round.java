package dev.adjoint.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.emit.AdjointClassGenerator;
import dev.adjoint.processor.emit.MethodPlan;
import dev.adjoint.processor.emit.checks.GenerationChecks;
import dev.adjoint.processor.frontend.HelperCall;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;

/**
 * One round's methods, class by class: the annotated ones and the unannotated helpers they
 * call (found while reading them, transitively), each run through the {@link Pipeline} once, so
 * a helper's adjoint is generated once in its own class's {@code FooAdjoint} and shared by all
 * callers. A class with any error gets no generated code; a call of a helper in such a class is
 * then an error at the call too, naming the helper's problem, and so on up its callers.
 */
final class Round {
  /** A class to generate: its methods, their plans, and where each method's first error is. */
  private static final class ClassWork {
    final Diagnostics diagnostics;
    final List<MethodPlan> plans = new ArrayList<>();
    /** Why each method that failed fails, as its callers' errors name it. */
    final Map<ExecutableElement, String> reasons = new HashMap<>();

    ClassWork(Diagnostics diagnostics) {
      this.diagnostics = diagnostics;
    }

    boolean failed() {
      return diagnostics.errorCount() > 0;
    }
  }

  private record Edge(ExecutableElement caller, HelperCall call) {}

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final GenerationChecks checks;
  private final Pipeline pipeline;
  private final RecordStorageWriter storage;
  private final Map<TypeElement, ClassWork> classes = new LinkedHashMap<>();
  private final Deque<ExecutableElement> queue = new ArrayDeque<>();
  private final Set<ExecutableElement> queued = new HashSet<>();
  private final List<Edge> edges = new ArrayList<>();

  Round(ProcessingEnvironment env, Trees trees, GenerationChecks checks, Pipeline pipeline,
      RecordStorageWriter storage) {
    this.env = env;
    this.storage = storage;
    this.trees = trees;
    this.checks = checks;
    this.pipeline = pipeline;
  }

  /** Reads, checks and differentiates every method, then writes the classes without errors. */
  void run(Map<TypeElement, List<ExecutableElement>> annotated) {
    annotated.forEach((owner, methods) -> {
      classWork(owner, methods);
      methods.forEach(this::enqueue);
    });
    while (!queue.isEmpty()) {
      differentiate(queue.poll());
    }
    reportFailedHelpers();
    classes.forEach(this::generate);
  }

  private ClassWork classWork(TypeElement owner, List<ExecutableElement> methods) {
    ClassWork work = classes.get(owner);
    if (work == null) {
      work = new ClassWork(new Diagnostics(env.getMessager(), trees));
      classes.put(owner, work);
      checks.checkClass(owner, methods, work.diagnostics);
    }
    return work;
  }

  private void enqueue(ExecutableElement method) {
    if (queued.add(method)) {
      queue.add(method);
    }
  }

  private void differentiate(ExecutableElement method) {
    ClassWork work = classWork(owner(method), List.of(method));
    Diagnostics diagnostics = work.diagnostics;
    int before = diagnostics.errorCount();
    try {
      pipeline.run(method, diagnostics, call -> {
        edges.add(new Edge(method, call));
        enqueue(call.helper());
      }).ifPresent(p -> {
        checks.checkPlan(p, diagnostics);
        work.plans.add(p);
      });
    } catch (RuntimeException e) {
      diagnostics.error(method, Message.INTERNAL, method.getSimpleName(), e);
    } catch (StackOverflowError e) {
      diagnostics.error(method, Message.TOO_DEEP, method.getSimpleName());
    }
    if (diagnostics.errorCount() > before) {
      work.reasons.put(method, diagnostics.describe(before));
    }
  }

  /**
   * A call of a helper whose class gets no generated code is an error at the call, naming the
   * helper's own first problem (found before its callers', so a chain names the root) or else,
   * if the caller's class has no error of its own, its class's; that fails the caller's class
   * in turn, until nothing changes (each call is reported once, so this ends).
   */
  private void reportFailedHelpers() {
    Set<Edge> reported = new HashSet<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Edge e : edges) {
        ClassWork callee = classes.get(owner(e.call().helper()));
        String own = callee.reasons.get(e.call().helper());
        if (own != null && reported.add(e)) {
          report(e, own);
          changed = true;
        }
      }
      for (Edge e : edges) {
        ClassWork callee = classes.get(owner(e.call().helper()));
        // Only where it explains why the caller's class gets no code either.
        if (!changed && callee.failed() && !classes.get(owner(e.caller())).failed()
            && reported.add(e)) {
          report(e, "its class " + owner(e.call().helper()).getQualifiedName() + " has errors,"
              + " so its adjoint is not generated (" + callee.diagnostics.describe(0) + ")");
          changed = true;
        }
      }
    }
  }

  /** The error at the call; the caller's own callers then name the same root problem. */
  private void report(Edge e, String reason) {
    ClassWork caller = classWork(owner(e.caller()), List.of(e.caller()));
    Name helper = e.call().helper().getSimpleName();
    CompilationUnitTree unit = trees.getPath(e.caller()).getCompilationUnit();
    caller.diagnostics.error(e.call().call(), unit, Message.HELPER_FAILED, helper, reason,
        helper);
    String file = unit.getSourceFile().getName();
    file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    long line = unit.getLineMap().getLineNumber(
        trees.getSourcePositions().getStartPosition(unit, e.call().call()));
    caller.reasons.putIfAbsent(e.caller(),
        "it calls " + helper + " (" + file + ":" + line + "), and " + reason);
  }

  private void generate(TypeElement owner, ClassWork work) {
    if (work.failed()) {
      return;
    }
    boolean stored = true;
    for (MethodPlan plan : work.plans) {
      stored &= storage.write(plan, work.diagnostics);
    }
    if (!stored) {
      return;
    }
    try {
      new AdjointClassGenerator(env.getElementUtils(), env.getOptions())
          .withSplitHalvesCalledBy(allPlans())
          .generate(owner, work.plans)
          .writeTo(env.getFiler());
    } catch (AdjointClassGenerator.SignatureClash e) {
      GenerationChecks.report(e, work.diagnostics);
    } catch (IOException | RuntimeException e) {
      work.diagnostics.error(owner, Message.INTERNAL, owner.getSimpleName(), e);
    } catch (StackOverflowError e) {
      work.diagnostics.error(owner, Message.TOO_DEEP, owner.getSimpleName());
    }
  }

  private List<MethodPlan> allPlans() {
    List<MethodPlan> out = new ArrayList<>();
    classes.values().forEach(w -> out.addAll(w.plans));
    return out;
  }

  private static TypeElement owner(ExecutableElement method) {
    return (TypeElement) method.getEnclosingElement();
  }
}
