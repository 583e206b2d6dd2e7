package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.CallRule;
import dev.adjoint.processor.rules.CallRules;
import dev.adjoint.processor.rules.GeneratedApi;
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
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Decides whether a method the reader resolved ({@link NameResolver}) is one Adjoint can call,
 * and how: a {@code @Differentiable} method is differentiated through its generated pullback, a
 * kernel or {@code @DerivativeOf} target through its hand-written one.
 */
public final class CalleeResolver {

  /** A callee: where it lives, how it is differentiated, and with respect to what. */
  record Callee(Expr.Invoke.Kind kind, ClassRef owner, String name,
      List<Type> parameterTypes, List<Integer> independents, Type returnType,
      String problem, boolean onReceiver, List<String> writtenArrays) {}

  private static final String ANNOTATION = "dev.adjoint.Differentiable";

  private final Element method;
  private final Elements elements;
  private final CallRules rules;
  private final NameResolver names;

  /** The array parameters a {@code @Differentiable} callee writes into, from its source. */
  private final java.util.function.Function<ExecutableElement, List<String>> writes;

  public CalleeResolver(Element method, CompilationUnitTree unit, Elements elements,
      CallRules rules) {
    this(method, unit, elements, rules, m -> List.of());
  }

  public CalleeResolver(Element method, CompilationUnitTree unit, Elements elements,
      CallRules rules, java.util.function.Function<ExecutableElement, List<String>> writes) {
    this.writes = writes;
    this.rules = rules;
    this.method = method;
    this.elements = elements;
    this.names = new NameResolver(method, unit, elements);
  }

  /** How names of the method's body resolve, for the reader. */
  NameResolver names() {
    return names;
  }

  /**
   * The method {@code owner.name} with {@code arity} parameters as a callee, if it is one Adjoint
   * can call: {@code @Differentiable}, a kernel or {@code @DerivativeOf} target, or a helper with
   * an integer or boolean result.
   */
  Optional<Callee> find(TypeElement owner, String name, int arity) {
    for (Element member : owner.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD || !member.getSimpleName().contentEquals(name)) {
        continue;
      }
      ExecutableElement m = (ExecutableElement) member;
      AnnotationMirror annotation = annotation(m);
      Optional<Type> returns = TreeKinds.type(m.getReturnType());
      boolean differentiable = annotation != null
          && m.getReturnType().getKind() == TypeKind.DOUBLE;
      // A helper without a derivative is fine where its result carries none: int, long, boolean.
      boolean integerHelper = returns.isPresent() && returns.get() != Type.DOUBLE
          && !returns.get().isArray();
      Optional<CallRule> custom = rules.find(owner.getQualifiedName().toString(), name, arity);
      Optional<ExecutableElement> convention = differentiable || custom.isPresent()
          ? Optional.empty() : conventionPullback(owner, m);
      boolean kernel = (custom.isPresent() || convention.isPresent())
          && returns.filter(Type::isDifferentiable).isPresent();
      differentiable &= !kernel;
      boolean onReceiver = !m.getModifiers().contains(Modifier.STATIC);
      // Instance methods of this: only @Differentiable ones (helpers of this are not yet).
      if (m.getParameters().size() != arity || onReceiver && !(differentiable && ofThis(m))
          || !differentiable && !integerHelper && !kernel) {
        continue;
      }
      List<Type> types = new ArrayList<>();
      for (var p : m.getParameters()) {
        Optional<Type> t = TreeKinds.type(p.asType());
        if (t.isEmpty()) {
          return Optional.empty();
        }
        types.add(t.get());
      }
      List<String> wrt = differentiable ? wrt(annotation) : List.of();
      List<Integer> independents = new ArrayList<>();
      for (int i = 0; (differentiable || kernel) && i < types.size(); i++) {
        String param = m.getParameters().get(i).getSimpleName().toString();
        if (types.get(i).isDifferentiable() && (wrt.isEmpty() || wrt.contains(param))) {
          independents.add(i);
        }
      }
      Expr.Invoke.Kind kind = differentiable ? Expr.Invoke.Kind.DIFFERENTIABLE
          : kernel ? Expr.Invoke.Kind.KERNEL : Expr.Invoke.Kind.HELPER;
      String pkg = elements.getPackageOf(method).getQualifiedName().toString();
      boolean conventionHidden = convention.isPresent()
          && !convention.get().getModifiers().contains(Modifier.PUBLIC)
          && !elements.getPackageOf(owner).getQualifiedName().contentEquals(pkg);
      String problem = custom.filter(r -> !r.pullbackPublic() && !pkg.equals(r.pullbackPackage()))
          .map(r -> "its pullback " + r.pullbackOwner() + "." + r.pullbackName() + " is not"
              + " public, so the adjoint generated in package " + pkg + " cannot call it"
              + "; make it public")
          .orElse(conventionHidden ? "its pullback " + name + "Pullback is not public, so the"
              + " adjoint generated in package " + pkg + " cannot call it; make it public" : null);
      if (problem == null) {
        problem = privacy(m);
      }
      if (problem == null && onReceiver) {
        problem = overridable(m);
      }
      List<String> written = differentiable ? writes.apply(m) : List.of();
      return Optional.of(new Callee(kind, ClassRefs.of(owner), name, types,
          independents, returns.get(), problem, onReceiver, written));
    }
    return Optional.empty();
  }

  /**
   * A private method, or one of a private class, is visible in its top-level class only; the
   * generated class, another top-level class, calls it to compute the value.
   */
  private static String privacy(ExecutableElement m) {
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      return m.getSimpleName() + " is private, so the generated adjoint cannot call it;"
          + " make it public";
    }
    for (Element e = m.getEnclosingElement(); e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return "its class " + t.getQualifiedName() + " is private, so the generated adjoint"
            + " cannot call it; make it public";
      }
    }
    return null;
  }

  /** Whether {@code m} is an instance method the receiver of the method being read has. */
  private boolean ofThis(ExecutableElement m) {
    TypeElement receiver = names.receiverClass();
    return receiver != null && elements.getAllMembers(receiver).contains(m);
  }

  /**
   * A call of an instance method runs whichever override the receiver has, but the caller's
   * pullback is that of the method it names: only a method no subclass can override is called.
   */
  private static String overridable(ExecutableElement m) {
    TypeElement owner = (TypeElement) m.getEnclosingElement();
    if (m.getModifiers().contains(Modifier.FINAL) || owner.getModifiers().contains(Modifier.FINAL)
        || owner.getKind() == ElementKind.RECORD || owner.getKind() == ElementKind.ENUM) {
      return null;
    }
    return "a subclass could override " + m.getSimpleName() + ", and the derivative would be"
        + " that of " + owner.getSimpleName() + "." + m.getSimpleName() + "; make "
        + m.getSimpleName() + " (or " + owner.getSimpleName() + ") final";
  }

  /**
   * A kernel carries its own pullback: {@code f} beside a static {@code fPullback} whose
   * signature follows the convention (a method merely named so is not one).
   */
  private static Optional<ExecutableElement> conventionPullback(TypeElement owner,
      ExecutableElement f) {
    for (Element member : owner.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD
          && member.getSimpleName().contentEquals(
              GeneratedApi.pullbackName(f.getSimpleName().toString()))
          && member.getModifiers().contains(Modifier.STATIC)
          && DerivativeOfReader.problems(f, (ExecutableElement) member).isEmpty()) {
        return Optional.of((ExecutableElement) member);
      }
    }
    return Optional.empty();
  }

  private static AnnotationMirror annotation(ExecutableElement m) {
    for (AnnotationMirror a : m.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(ANNOTATION)) {
        return a;
      }
    }
    return null;
  }

  private static List<String> wrt(AnnotationMirror annotation) {
    List<String> out = new ArrayList<>();
    annotation.getElementValues().forEach((k, v) -> {
      if (k.getSimpleName().contentEquals("wrt")) {
        for (Object value : (List<?>) v.getValue()) {
          out.add((String) ((AnnotationValue) value).getValue());
        }
      }
    });
    return out;
  }
}
