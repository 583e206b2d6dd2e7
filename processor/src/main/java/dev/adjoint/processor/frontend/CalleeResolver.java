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
import java.util.function.Predicate;
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
      String problem, ExecutableElement element, boolean implicit, boolean onReceiver,
      List<String> writtenArrays) {

    /** The record class of parameter {@code i} ({@link Type#OBJECT}), if it takes a record. */
    Optional<TypeElement> record(int i) {
      return parameterTypes.get(i) != Type.OBJECT ? Optional.empty()
          : RecordParameters.recordOf(element.getParameters().get(i).asType());
    }

    /** Read into the caller ({@link InlinedCalls}): it returns nothing or writes an array. */
    boolean inlined() {
      return !writtenArrays.isEmpty() || element.getReturnType().getKind() == TypeKind.VOID;
    }
  }

  private static final String ANNOTATION = "dev.adjoint.Differentiable";

  private final Element method;
  private final Elements elements;
  private final CallRules rules;
  private final NameResolver names;
  private final Predicate<ExecutableElement> hasSource;
  private final List<HelperCall> helperCalls = new ArrayList<>();
  private final CalleeBodies bodies;

  /** The array parameters a {@code @Differentiable} callee writes into, from its source. */
  private final java.util.function.Function<ExecutableElement, List<String>> writes;

  /**
   * @param hasSource whether a method's body is among the sources being compiled: such a
   *     method returning double is differentiated as if it were {@code @Differentiable}
   * @param writes the array parameters a callee with source writes into
   */
  public CalleeResolver(Element method, CompilationUnitTree unit, Elements elements,
      CallRules rules, Predicate<ExecutableElement> hasSource,
      java.util.function.Function<ExecutableElement, List<String>> writes) {
    this(method, unit, elements, rules, hasSource, writes, CalleeBodies.NONE);
  }

  /** @param bodies reads the callees that are read into the caller */
  public CalleeResolver(Element method, CompilationUnitTree unit, Elements elements,
      CallRules rules, Predicate<ExecutableElement> hasSource,
      java.util.function.Function<ExecutableElement, List<String>> writes, CalleeBodies bodies) {
    this.bodies = bodies;
    this.writes = writes;
    this.rules = rules;
    this.hasSource = hasSource;
    this.method = method;
    this.elements = elements;
    this.names = new NameResolver(method, unit, elements);
  }

  /** How names of the method's body resolve, for the reader. */
  NameResolver names() {
    return names;
  }

  /** The calls of unannotated helpers read so far, each differentiated as if annotated. */
  public List<HelperCall> helperCalls() {
    return helperCalls;
  }

  CalleeBodies bodies() {
    return bodies;
  }

  /** Notes the helper calls of a callee read into this method: their adjoints are needed. */
  void noteHelperCalls(List<HelperCall> calls) {
    helperCalls.addAll(calls);
  }

  /**
   * Whether {@code owner} has a static method {@code name} of {@code arity} parameters with
   * source that a call statement reads into the caller: one returning nothing, or writing into
   * an array parameter.
   */
  boolean readsInline(TypeElement owner, String name, int arity) {
    for (Element member : owner.getEnclosedElements()) {
      if (member instanceof ExecutableElement m && member.getKind() == ElementKind.METHOD
          && m.getSimpleName().contentEquals(name) && m.getParameters().size() == arity
          && m.getModifiers().contains(Modifier.STATIC) && hasSource.test(m)
          && (m.getReturnType().getKind() == TypeKind.VOID || !writes.apply(m).isEmpty())) {
        return true;
      }
    }
    return false;
  }

  void noteHelperCall(Callee callee, com.sun.source.tree.MethodInvocationTree call) {
    if (callee.implicit()) {
      helperCalls.add(new HelperCall(callee.element(), call));
    }
  }

  /**
   * A static method {@code owner.name} of {@code arity} parameters returning double whose source
   * is not in this compilation (a library's): only a {@code @DerivativeOf} pullback makes it
   * callable.
   */
  Optional<ExecutableElement> library(TypeElement owner, String name, int arity) {
    for (Element member : owner.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(name)
          && member.getModifiers().contains(Modifier.STATIC)
          && ((ExecutableElement) member).getParameters().size() == arity
          && ((ExecutableElement) member).getReturnType().getKind() == TypeKind.DOUBLE
          && !hasSource.test((ExecutableElement) member)) {
        return Optional.of((ExecutableElement) member);
      }
    }
    return Optional.empty();
  }

  /**
   * The method {@code owner.name} with {@code arity} parameters as a callee, if it is one Adjoint
   * can call: {@code @Differentiable}, a kernel or {@code @DerivativeOf} target, a helper with an
   * integer or boolean result, or an unannotated double helper whose source is being compiled
   * (differentiated as if annotated; one with no double parameter is a constant, a helper).
   */
  Optional<Callee> find(TypeElement owner, String name, int arity) {
    for (Element member : owner.getEnclosedElements()) {
      if (member.getKind() != ElementKind.METHOD || !member.getSimpleName().contentEquals(name)) {
        continue;
      }
      ExecutableElement m = (ExecutableElement) member;
      if (m.getReturnType().getKind() == TypeKind.VOID) {
        if (m.getParameters().size() == arity && m.getModifiers().contains(Modifier.STATIC)
            && hasSource.test(m)) {
          return Optional.of(voidCallee(owner, m));
        }
        continue;
      }
      AnnotationMirror annotation = annotation(m);
      Optional<Type> returns = TreeKinds.type(m.getReturnType());
      // A double[] result has a pullback seeded with its adjoint array.
      boolean pullbackResult = returns.filter(t -> t == Type.DOUBLE || t == Type.DOUBLE_ARRAY)
          .isPresent();
      boolean differentiable = annotation != null && pullbackResult;
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
      boolean implicit = !onReceiver && annotation == null && !kernel
          && pullbackResult && hasSource.test(m);
      // Instance methods of this: only @Differentiable ones (helpers of this are not yet).
      if (m.getParameters().size() != arity || onReceiver && !(differentiable && ofThis(m))
          || !differentiable && !integerHelper && !kernel && !implicit) {
        continue;
      }
      List<Type> types = new ArrayList<>();
      for (var p : m.getParameters()) {
        Optional<Type> t = TreeKinds.type(p.asType()).or(
            () -> ObjectTypes.of(p.asType()).map(c -> Type.OBJECT)).or(
            () -> RecordParameters.recordOf(p.asType()).filter(RecordParameters::fits)
                .map(r -> Type.OBJECT));
        if (t.isEmpty()) {
          // A function parameter takes a lambda: then the call is inlined (FunctionArguments).
          String problem = FunctionalTypes.isFunctional(p.asType()) ? "its parameter "
              + p.getSimpleName() + " is a function (" + p.asType() + "); pass it a lambda, a"
              + " method reference or a local function" : "its parameter " + p.getSimpleName()
              + " has type " + p.asType() + ", and a helper Adjoint differentiates takes only"
              + " double, double[], double[][], int, long, boolean and int[]; change the"
              + " parameter or give " + name + " a pullback with @DerivativeOf";
          return implicit ? Optional.of(new Callee(Expr.Invoke.Kind.HELPER, ClassRefs.of(owner),
              name, List.of(), List.of(), Type.DOUBLE, problem, m, false,
              false, List.of())) : Optional.empty();
        }
        types.add(t.get());
      }
      if (implicit && !m.getTypeParameters().isEmpty() || implicit && m.isVarArgs()) {
        return Optional.of(new Callee(Expr.Invoke.Kind.HELPER, ClassRefs.of(owner), name,
            types, List.of(), Type.DOUBLE, name + (m.isVarArgs() ? " takes varargs" : " is"
            + " generic") + ", which a helper Adjoint differentiates may not; change it or give"
            + " it a pullback with @DerivativeOf", m, false, false, List.of()));
      }
      // A double helper of no double parameter (or only @NoDerivative ones) is a constant here:
      // it needs no derivative.
      boolean anyDifferentiable = false;
      for (int i = 0; i < types.size(); i++) {
        anyDifferentiable |= differentiable(types.get(i), m.getParameters().get(i))
            && !NoDerivative.on(m.getParameters().get(i));
      }
      implicit &= anyDifferentiable;
      differentiable |= implicit;
      List<String> wrt = annotation != null && differentiable ? wrt(annotation) : List.of();
      List<Integer> independents = new ArrayList<>();
      for (int i = 0; (differentiable || kernel) && i < types.size(); i++) {
        String param = m.getParameters().get(i).getSimpleName().toString();
        boolean passedThrough = !kernel && NoDerivative.on(m.getParameters().get(i));
        if (differentiable(types.get(i), m.getParameters().get(i)) && !passedThrough
            && (wrt.isEmpty() || wrt.contains(param))) {
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
      if (differentiable && !hasSource.test(m) && problem == null) {
        problem = compiledWrites(owner, m);
      }
      return Optional.of(new Callee(kind, ClassRefs.of(owner), name, types,
          independents, returns.get(), problem, m, implicit, onReceiver, written));
    }
    return Optional.empty();
  }

  /**
   * For a {@code @Differentiable} method compiled before (no source here) whose generated
   * pullback says it writes into array parameters ({@code @WritesArrays}): why it cannot be
   * called. Such a method is read into its callers, which needs its source; its own pullback
   * would run it again on the arrays the caller's run changed.
   */
  private String compiledWrites(TypeElement owner, ExecutableElement m) {
    ClassRef adjoint = GeneratedApi.adjointClass(ClassRefs.of(owner));
    TypeElement generated = elements.getTypeElement(adjoint.canonical());
    if (generated == null) {
      return null;
    }
    String pullback = GeneratedApi.pullbackName(m.getSimpleName().toString());
    for (Element e : generated.getEnclosedElements()) {
      if (!e.getSimpleName().contentEquals(pullback)) {
        continue;
      }
      for (AnnotationMirror a : e.getAnnotationMirrors()) {
        if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
            .contentEquals("dev.adjoint.WritesArrays")) {
          String names = a.getElementValues().values().iterator().next().toString()
              .replaceAll("[{}\"]", "");
          return "it writes into its array parameter " + names + " (its generated "
              + adjoint.simpleNames() + "." + pullback + " says so), and its source is not part"
              + " of this compilation; Adjoint reads such a method into its callers, so compile "
              + owner.getSimpleName() + " with this class, or let it write into a local copy";
        }
      }
    }
    return null;
  }

  /** Whether a parameter carries derivatives: a double or its arrays, or a record with them. */
  private static boolean differentiable(Type type, javax.lang.model.element.VariableElement p) {
    return type.isDifferentiable() || type == Type.OBJECT
        && RecordParameters.recordOf(p.asType()).filter(RecordParameters::isDifferentiable)
            .isPresent();
  }

  /** A static method with source returning nothing: read into its caller. */
  private Callee voidCallee(TypeElement owner, ExecutableElement m) {
    String name = m.getSimpleName().toString();
    List<Type> types = new ArrayList<>();
    String problem = null;
    for (var p : m.getParameters()) {
      Optional<Type> t = TreeKinds.type(p.asType()).or(
          () -> ObjectTypes.of(p.asType()).map(c -> Type.OBJECT));
      if (t.isEmpty()) {
        problem = "its parameter " + p.getSimpleName() + " has type " + p.asType() + ", and a"
            + " method Adjoint reads into its caller takes only double, double[], double[][],"
            + " int, long, boolean and int[]; change the parameter";
        break;
      }
      types.add(t.get());
    }
    if (problem == null && (!m.getTypeParameters().isEmpty() || m.isVarArgs())) {
      problem = name + (m.isVarArgs() ? " takes varargs" : " is generic") + ", which a method"
          + " Adjoint reads into its caller may not; change it";
    }
    if (problem == null) {
      problem = privacy(m);
    }
    return new Callee(Expr.Invoke.Kind.HELPER, ClassRefs.of(owner), name,
        problem == null ? types : List.of(), List.of(), Type.DOUBLE, problem, m, false, false,
        writes.apply(m));
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
