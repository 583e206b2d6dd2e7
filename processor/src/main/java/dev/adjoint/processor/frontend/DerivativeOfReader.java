package dev.adjoint.processor.frontend;

import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.CallRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code @DerivativeOf} method into a {@link CallRule}, checking its signature against
 * the method it differentiates and saying, parameter by parameter, what was expected.
 */
public final class DerivativeOfReader {
  private static final String ANNOTATION = "dev.adjoint.DerivativeOf";

  private final Diagnostics diagnostics;

  public DerivativeOfReader(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reads {@code pullback} and adds its rule; a second pullback for one method is an error. */
  public void register(ExecutableElement pullback, dev.adjoint.processor.rules.CallRules rules) {
    read(pullback).ifPresent(rule -> {
      if (!rules.add(rule)) {
        diagnostics.error(pullback, annotationOf(pullback), Message.DERIVATIVE_TARGET,
            rule.owner(), rule.name(), "another @DerivativeOf already gives its pullback; keep"
                + " one");
      }
    });
  }

  private static AnnotationMirror annotationOf(ExecutableElement pullback) {
    for (AnnotationMirror a : pullback.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ANNOTATION)) {
        return a;
      }
    }
    throw new IllegalStateException("not annotated with " + ANNOTATION);
  }

  public Optional<CallRule> read(ExecutableElement pullback) {
    AnnotationMirror annotation = annotationOf(pullback);
    TypeElement owner = null;
    String name = null;
    for (var e : annotation.getElementValues().entrySet()) {
      AnnotationValue v = e.getValue();
      if (e.getKey().getSimpleName().contentEquals("value")
          && v.getValue() instanceof DeclaredType t) {
        owner = (TypeElement) t.asElement();
      } else if (e.getKey().getSimpleName().contentEquals("method")) {
        name = (String) v.getValue();
      }
    }
    if (owner == null || name == null) {
      return Optional.empty(); // javac reports the missing or unresolvable value itself
    }
    if (!pullback.getModifiers().contains(Modifier.STATIC)
        || pullback.getModifiers().contains(Modifier.PRIVATE)) {
      diagnostics.error(pullback, annotation, Message.DERIVATIVE_SIGNATURE,
          pullback.getSimpleName(), "it must be static and not private");
      return Optional.empty();
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    for (Element member : owner.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)
          && member.getModifiers().contains(Modifier.STATIC)) {
        candidates.add((ExecutableElement) member);
      }
    }
    if (candidates.isEmpty()) {
      diagnostics.error(pullback, annotation, Message.DERIVATIVE_TARGET, owner.getQualifiedName(),
          name, "there is no static method of that name");
      return Optional.empty();
    }
    // Among overloads, the one whose parameters the pullback follows is meant.
    List<ExecutableElement> fitting = new ArrayList<>();
    for (ExecutableElement c : candidates) {
      if (problems(c, pullback).isEmpty()) {
        fitting.add(c);
      }
    }
    if (fitting.size() != 1) {
      String why = candidates.size() == 1 ? String.join("; ", problems(candidates.get(0), pullback))
          : fitting.isEmpty() ? "it fits none of the " + candidates.size() + " overloads of "
              + name : "it fits " + fitting.size() + " overloads of " + name;
      diagnostics.error(pullback, annotation, Message.DERIVATIVE_SIGNATURE,
          pullback.getSimpleName(), why);
      return Optional.empty();
    }
    ExecutableElement target = fitting.get(0);
    TypeElement pullbackOwner = (TypeElement) pullback.getEnclosingElement();
    boolean everywhere = pullback.getModifiers().contains(Modifier.PUBLIC);
    boolean inPackage = true;
    // A nested class's access narrows its members': the generated adjoint, another top-level
    // class, sees what every enclosing class lets it see.
    for (Element e = pullbackOwner; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      everywhere &= t.getModifiers().contains(Modifier.PUBLIC);
      inPackage &= !t.getModifiers().contains(Modifier.PRIVATE);
    }
    String pkg = packageOf(pullbackOwner);
    return Optional.of(new CallRule(owner.getQualifiedName().toString(), name,
        target.getParameters().size(), ClassRefs.of(pullbackOwner),
        pullback.getSimpleName().toString(), everywhere, inPackage ? pkg : null));
  }

  private static String packageOf(Element e) {
    while (!(e instanceof javax.lang.model.element.PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((javax.lang.model.element.PackageElement) e).getQualifiedName().toString();
  }

  /** What is wrong with the pullback's signature, one entry per parameter; empty if it fits. */
  static List<String> problems(ExecutableElement target, ExecutableElement pullback) {
    List<String> want = new ArrayList<>();
    List<String> what = new ArrayList<>();
    int scalars = 0;
    for (var p : target.getParameters()) {
      want.add(p.asType().toString());
      what.add("parameter " + p.getSimpleName() + " of " + target.getSimpleName());
    }
    want.add(target.getReturnType().toString());
    what.add("the result of " + target.getSimpleName());
    want.add(target.getReturnType().toString());
    what.add("the result's adjoint");
    List<String> scalarNames = new ArrayList<>();
    for (var p : target.getParameters()) {
      if (p.asType().getKind() == TypeKind.DOUBLE) {
        scalars++;
        scalarNames.add(p.getSimpleName().toString());
      }
    }
    if (scalars > 1) {
      // Several scalar adjoints: added into slots of a caller-owned array, as a generated
      // pullback adds into grad.
      want.add("double[]");
      what.add("grad: slots 0.." + (scalars - 1) + " receive the adjoints of "
          + String.join(", ", scalarNames));
    }
    for (var p : target.getParameters()) {
      Optional<Type> t = TreeKinds.type(p.asType());
      if (t.isPresent() && t.get().isArray() && t.get().isDifferentiable()) {
        want.add(p.asType().toString());
        what.add("the adjoint of " + p.getSimpleName());
      }
    }
    List<String> problems = new ArrayList<>();
    List<? extends javax.lang.model.element.VariableElement> got = pullback.getParameters();
    for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
      if (i >= got.size()) {
        problems.add("parameter " + (i + 1) + " is missing: expected " + want.get(i) + " ("
            + what.get(i) + ")");
      } else if (i >= want.size()) {
        problems.add("parameter " + (i + 1) + " (" + got.get(i).getSimpleName()
            + ") is one too many");
      } else if (!got.get(i).asType().toString().equals(want.get(i))) {
        problems.add("parameter " + (i + 1) + " (" + got.get(i).getSimpleName() + ") is "
            + got.get(i).asType() + ", expected " + want.get(i) + " (" + what.get(i) + ")");
      }
    }
    TypeKind returns = pullback.getReturnType().getKind();
    TypeKind wantReturn = scalars == 1 ? TypeKind.DOUBLE : TypeKind.VOID;
    if (returns != wantReturn) {
      problems.add("it returns " + pullback.getReturnType() + ", expected "
          + (scalars == 1 ? "double (the adjoint of the double parameter)"
          : scalars > 1 ? "void (the adjoints go into grad)" : "void"));
    }
    return problems;
  }
}
