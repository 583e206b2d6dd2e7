package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.ir.RecordArg;
import dev.adjoint.processor.ir.SplitReversal;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.GeneratedApi;
import dev.adjoint.processor.reverse.ReverseMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * What reverse mode generates for one method: the pullback, written from the differentiated IR
 * (plus an overload allocating its stacks when it records loops), and the value-and-gradient
 * call with its record, which seeds the pullback with 1.
 */
final class ReverseModeMethods {
  private final Elements elements;
  private final boolean chainRuleNotes;
  /** The methods whose split halves a caller uses, by {@link SplitHalves#key}. */
  private Set<String> splitHalves = Set.of();
  private final LoopMethods loopMethods;
  /** The method names of the class being generated; loop nests' methods add theirs. */
  private Set<String> methodNames = new HashSet<>();

  ReverseModeMethods(Elements elements, boolean chainRuleNotes, LoopMethods loopMethods) {
    this.elements = elements;
    this.chainRuleNotes = chainRuleNotes;
    this.loopMethods = loopMethods;
  }

  /** The names the methods of the next class take, so that loop nests' methods take others. */
  void methodNames(Set<String> names) {
    methodNames = names;
  }

  /** The value-and-gradient call, the pullback and, if it records, its allocating overload. */
  List<MethodSpec> methods(TypeElement owner, ClassName record, MethodPlan m) {
    List<MethodSpec> out = new ArrayList<>();
    if (!m.vectorResult()) {
      // A double[] result has a vector-Jacobian product, its pullback, but no one gradient.
      out.add(gradientMethod(owner, record, m));
    }
    List<MethodSpec> nests = new ArrayList<>();
    MethodSpec pullback = pullbackMethod(owner, m, nests);
    if (BodyWriter.takesStacks(m.pullback().function().body())) {
      out.add(allocatingPullback(pullback));
    }
    out.add(pullback);
    out.addAll(nests);
    String adjointClass = AdjointClassGenerator.adjointClassName(owner, elements).canonicalName();
    if (splitHalves.contains(SplitHalves.key(adjointClass, m.element().getSimpleName()
        .toString()))) {
      out.addAll(SplitHalves.methods(this, m));
    }
    return out;
  }

  /** Generate the split halves of the methods {@code keys} name ({@link SplitHalves#key}). */
  void splitHalves(Set<String> keys) {
    splitHalves = Set.copyOf(keys);
  }


  /** The class a canonical name denotes: a type we can see, else a top-level class to be. */
  private ClassName classNamed(String canonical) {
    TypeElement known = elements.getTypeElement(canonical);
    if (known != null) {
      return ClassName.get(known);
    }
    int dot = canonical.lastIndexOf('.');
    if (dot < 0) {
      return ClassName.get("", canonical);
    }
    TypeElement outer = elements.getTypeElement(canonical.substring(0, dot));
    return outer != null ? ClassName.get(outer).nestedClass(canonical.substring(dot + 1))
        : ClassName.get(canonical.substring(0, dot), canonical.substring(dot + 1));
  }

  /** Whether a class of the package of {@code m} takes the simple name of a java.lang class. */
  private java.util.function.Predicate<String> hiddenInPackage(MethodPlan m) {
    String pkg = elements.getPackageOf(m.element()).getQualifiedName().toString();
    return simple -> (simple.equals("Math") || simple.equals("StrictMath")
        || simple.equals("Double"))
        && (m.qualifyMath() && !simple.equals("Double")
            || elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple) != null);
  }

  /** A writer of {@code body}, a split half of {@code m}'s pullback. */
  BodyWriter bodyWriter(MethodPlan m, List<Stmt> body, List<Var> params, Set<Var> readAfter,
      Names names) {
    BodyWriter writer = new BodyWriter(body, params, names, hiddenInPackage(m),
        this::classNamed, readAfter, receiverSuggestion(m));
    return chainRuleNotes ? writer.withChainRuleNotes() : writer;
  }

  private BodyWriter bodyWriter(MethodPlan m, ReverseMode.Output sweep, List<Var> params,
      Names names) {
    Set<Var> readAfter = new HashSet<>(sweep.parameterAdjoints().values());
    readAfter.add(sweep.function().result());
    BodyWriter writer = new BodyWriter(sweep.function().body(), params, names,
        hiddenInPackage(m), this::classNamed, readAfter, receiverSuggestion(m));
    return chainRuleNotes ? writer.withChainRuleNotes() : writer;
  }

  /** The receiver parameter's suggested name for an instance method; null for a static one. */
  static String receiverSuggestion(MethodPlan m) {
    return m.element().getModifiers().contains(Modifier.STATIC) ? null
        : GeneratedApi.receiverName(m.element().getEnclosingElement().getSimpleName().toString());
  }

  TypeSpec gradientRecord(ClassName record, MethodPlan m) {
    MethodSpec.Builder components = MethodSpec.constructorBuilder()
        .addParameter(TypeName.DOUBLE, "value");
    List<String> names = componentNames(m);
    boolean allScalar = true;
    for (int i = 0; i < names.size(); i++) {
      MethodPlan.Parameter p = m.wrtParameters().get(i);
      components.addParameter(p.record() != null ? RecordStorageClass.name(p.record().type())
          : javaType(p.plain().type()), names.get(i));
      allScalar &= p.plain() != null && p.plain().type() == Type.DOUBLE;
    }
    TypeSpec.Builder b = TypeSpec.recordBuilder(record)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .recordConstructor(components.build())
        .addJavadoc(Javadoc.of(
            "The value of {@code $L} and its partial derivatives with respect to $L.\n",
            m.element().getSimpleName(), paramList(m.wrtParameters())));
    if (allScalar) {
      b.addMethod(MethodSpec.methodBuilder("gradient")
          .addModifiers(Modifier.PUBLIC)
          .returns(ArrayTypeName.of(TypeName.DOUBLE))
          .addJavadoc(Javadoc.of(
              "The partial derivatives as a new array, in parameter order: $L.\n",
              String.join(", ", names)))
          .addStatement("return new double[] {$L}", String.join(", ", names))
          .build());
    }
    return b.build();
  }

  /**
   * The value-and-gradient call: seeds the pullback with 1 into fresh adjoints and returns
   * them in the record, so each method's derivative code exists once, in its pullback.
   */
  private MethodSpec gradientMethod(TypeElement owner, ClassName record, MethodPlan m) {
    Names names = new Names();
    List<String> args = new ArrayList<>();
    for (MethodPlan.Parameter p : m.userParameters()) {
      args.add(p.plain() != null ? names.of(p.plain()) : names.reserve(p.name()));
    }
    String receiver = receiverSuggestion(m) == null ? null : names.reserve(receiverSuggestion(m));
    if (receiver != null) {
      args.add(0, receiver);
    }
    MethodSpec.Builder method = signature(m, m.element().getSimpleName().toString(), receiver)
        .returns(record)
        .addJavadoc(Javadoc.of(
            "Value and gradient of {@link $L#$L} ($L:$L-$L): its pullback with seed 1 into"
            + " fresh adjoints.\n", owner.getQualifiedName(), linkSignature(m.element()),
            m.sourceFile(), m.firstLine(), m.lastLine()));
    args.add("1.0");
    int scalars = (int) m.wrtParameters().stream()
        .filter(p -> p.plain() != null && p.plain().type() == Type.DOUBLE).count();
    String grad = scalars > 0 ? names.reserve("grad") : null;
    if (grad != null) {
      method.addStatement("double[] $L = new double[$L]", grad, scalars);
      args.add(grad);
    }
    List<String> components = new ArrayList<>();
    int slot = 0;
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.plain() != null && p.plain().type() == Type.DOUBLE) {
        components.add(grad + "[" + slot++ + "]");
        continue;
      }
      String bar = names.reserve(p.name() + "Bar");
      if (p.record() != null) {
        ClassName storage = RecordStorageClass.name(p.record().type());
        method.addStatement("$T $L = $T.zerosLike($L)", storage, bar, storage, p.name());
      } else {
        allocateLike(method, bar, names.of(p.plain()), p.plain().type(), names);
      }
      args.add(bar);
      components.add(bar);
    }
    String value = names.reserve("value");
    method.addStatement("double $L = $L($L)", value, pullbackName(m), String.join(", ", args));
    components.add(0, value);
    return method.addStatement("return new $T($L)", record, String.join(", ", components))
        .build();
  }

  private static String pullbackName(MethodPlan m) {
    return GeneratedApi.pullbackName(m.element().getSimpleName().toString());
  }

  /** {@code bar = } zeros of the shape of {@code array}, rows one by one for a matrix. */
  static void allocateLike(MethodSpec.Builder method, String bar, String array,
      Type type, Names names) {
    if (type == Type.DOUBLE_ARRAY) {
      method.addStatement("double[] $L = new double[$L.length]", bar, array);
      return;
    }
    String row = names.reserve("row");
    method.addStatement("double[][] $L = new double[$L.length][]", bar, array)
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", row, row, array, row)
        .addStatement("$L[$L] = new double[$L[$L].length]", bar, row, array, row)
        .endControlFlow();
  }

  /** @param nests receives the methods of the loop nests the pullback calls */
  private MethodSpec pullbackMethod(TypeElement owner, MethodPlan m, List<MethodSpec> nests) {
    Names names = new Names();
    List<MethodPlan.Parameter> user = m.userParameters();
    for (MethodPlan.Parameter p : user) {
      if (p.record() != null) {
        names.reserve(p.name());
      }
    }
    List<Var> params = new ArrayList<>(m.parameters());
    params.add(m.seed());
    Map<Var, Var> adjoints = m.pullback().parameterAdjoints();
    for (Var p : m.independents()) {
      if (p.type().isArray()) {
        params.add(adjoints.get(p));
      }
    }
    Map<Var, RecordArg> passed = m.pullback().recordStorage();
    params.addAll(passed.keySet());
    BodyWriter body = bodyWriter(m, m.pullback(), params, names);
    boolean scalars = m.wrtParameters().stream()
        .anyMatch(p -> p.plain() != null && p.plain().type() == Type.DOUBLE);
    String grad = scalars ? names.reserve("grad") : null;
    Map<MethodPlan.Parameter, String> storage = new java.util.LinkedHashMap<>();
    Map<String, String> storageByName = new java.util.HashMap<>();
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.record() != null) {
        // Where the record goes to a callee whole, the callee adds into this same storage.
        Var passedWhole = passed.entrySet().stream()
            .filter(e -> e.getValue().path().equals(List.of(p.name()))).map(Map.Entry::getKey)
            .findFirst().orElse(null);
        storage.put(p, passedWhole != null ? body.name(passedWhole)
            : names.reserve(p.name() + "Bar"));
        storageByName.put(p.name(), storage.get(p));
      }
    }
    boolean stacks = BodyWriter.takesStacks(m.pullback().function().body());
    LoopMethodWriter loops = null;
    if (body.receiver() == null) {
      List<TypeName> thrown = new ArrayList<>();
      m.element().getThrownTypes().forEach(t -> thrown.add(TypeName.get(t)));
      loops = new LoopMethodWriter(loopMethods, m.element().getSimpleName().toString(),
          pullbackName(m), m.sourceFile(), methodNames, thrown);
      body.withLoopMethods(loops);
    }
    CodeBlock code = body.write(m.pullback().sweeps(), forwardTitle(m), stacks);
    if (loops != null) {
      nests.addAll(loops.methods());
    }
    MethodSpec.Builder method = signature(m, pullbackName(m), body.receiver())
        .addParameter(javaType(m.seed().type()), body.name(m.seed()));
    if (scalars) {
      method.addParameter(ArrayTypeName.of(TypeName.DOUBLE), grad);
    }
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.record() != null) {
        method.addParameter(RecordStorageClass.name(p.record().type()), storage.get(p));
      } else if (p.plain().type().isArray()) {
        method.addParameter(javaType(p.plain().type()), body.name(adjoints.get(p.plain())));
      }
    }
    if (stacks) {
      method.addParameter(BodyWriter.STACKS, body.stacks());
    }
    method.returns(javaType(m.seed().type()))
        .addJavadoc(Javadoc.of(m.element().getReturnType().getKind()
            == javax.lang.model.type.TypeKind.VOID
            ? "Pullback of {@link $L#$L}: runs it (writing into the array it writes, as it"
            + " does), returns that array and adds {@code $L}ᵀ times the Jacobian of its values"
            + " on exit to $L; the seed is their adjoint, has the array's length and is only"
            + " read.\n"
            : m.vectorResult()
            ? "Pullback of {@link $L#$L}: returns its result and adds {@code $L}ᵀ times its"
            + " Jacobian to $L; the seed has the result's length and is only read.\n"
            : "Pullback of {@link $L#$L}: returns its value and adds {@code $L} times its"
            + " gradient to $L.\n", owner.getQualifiedName(),
            linkSignature(m.element()), body.name(m.seed()),
            adjoints(m, grad, storage)))
        .addJavadoc(Javadoc.of("\n<p>$L. $L\n", slots(m, grad, body, storage),
            ownership(m, grad, adjoints(m, grad, storage))));
    RecordUnpacking unpacking = new RecordUnpacking(m.pullback().function().body(), body::name,
        adjoints);
    for (MethodPlan.Parameter p : user) {
      if (p.record() != null) {
        unpacking.unpack(p.name(), p.record(), storage.get(p), method);
      }
    }
    unpacking.storage(passed, storageByName, method);
    method.addCode(code);
    WrittenParameters.mark(m, method);
    boolean first = true;
    int slot = 0;
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.record() != null) {
        first = unpacking.addScalars(storage.get(p), p.record(), first, method);
        continue;
      }
      if (p.plain().type() != Type.DOUBLE) {
        continue;
      }
      Var bar = adjoints.get(p.plain());
      if (bar != null) {
        if (first) {
          method.addCode("\n");
          first = false;
        }
        method.addStatement("$L[$L] += $L", grad, slot, body.name(bar));
      }
      slot++;
    }
    return method.addStatement("return $L", body.name(m.pullback().function().result())).build();
  }

  /** The pullback without the stacks parameter: allocates fresh stacks and delegates. */
  private static MethodSpec allocatingPullback(MethodSpec full) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(full.name())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(full.returnType())
        .addExceptions(full.exceptions())
        .addJavadoc(Javadoc.of(
            "Like {@link #$L}, with stacks allocated for this call. Pass your own"
            + " {@code Stacks} to the other overload to reuse them across calls.\n", full.name()));
    List<String> args = new ArrayList<>();
    for (var p : full.parameters().subList(0, full.parameters().size() - 1)) {
      b.addParameter(p);
      args.add(p.name());
    }
    args.add("new $T()");
    return b.addStatement("return " + full.name() + "(" + String.join(", ", args) + ")",
        BodyWriter.STACKS).build();
  }

  /** A package-private static method with the user's parameters, for the split halves. */
  static MethodSpec.Builder internalSignature(MethodPlan m, String name) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(name).addModifiers(Modifier.STATIC);
    for (VariableElement p : m.element().getParameters()) {
      b.addParameter(TypeName.get(p.asType()), p.getSimpleName().toString());
    }
    for (javax.lang.model.type.TypeMirror thrown : m.element().getThrownTypes()) {
      b.addException(TypeName.get(thrown));
    }
    return b;
  }

  /** @param receiver the receiver parameter, first, of an instance method; null if static */
  static MethodSpec.Builder signature(MethodPlan m, String name, String receiver) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC,
        Modifier.STATIC);
    if (receiver != null) {
      b.addParameter(ReceiverType.of((TypeElement) m.element().getEnclosingElement()), receiver);
    }
    for (VariableElement p : m.element().getParameters()) {
      b.addParameter(TypeName.get(p.asType()), p.getSimpleName().toString());
    }
    // The generated code calls what the user's does (helpers, the original for a callee's
    // value), so it may throw what the user's method declares.
    for (javax.lang.model.type.TypeMirror thrown : m.element().getThrownTypes()) {
      b.addException(TypeName.get(thrown));
    }
    return b;
  }

  private static String slots(MethodPlan m, String grad, BodyWriter body,
      Map<MethodPlan.Parameter, String> storage) {
    List<String> parts = new ArrayList<>();
    int slot = 0;
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      String into = p.record() != null ? storage.get(p)
          : p.plain().type() == Type.DOUBLE ? grad + "[" + slot++ + "]"
          : body.name(m.pullback().parameterAdjoints().get(p.plain()));
      parts.add("{@code " + into + "} receives ∂/∂" + p.name());
    }
    return String.join(", ", parts);
  }

  /** Whether the pullback takes adjoints besides {@code grad}: arrays, record storage. */
  private static boolean hasArrays(MethodPlan m) {
    return m.wrtParameters().stream()
        .anyMatch(p -> p.record() != null || p.plain().type().isArray());
  }

  /** What the pullback adds into: {@code grad}, the adjoint arrays, record storage. */
  private static String adjoints(MethodPlan m, String grad,
      Map<MethodPlan.Parameter, String> storage) {
    List<String> parts = new ArrayList<>();
    if (grad != null) {
      parts.add("{@code " + grad + "}");
    }
    if (m.wrtParameters().stream().anyMatch(p -> p.plain() != null
        && p.plain().type().isArray())) {
      parts.add("the adjoint arrays");
    }
    storage.values().forEach(s -> parts.add("{@code " + s + "}"));
    int last = parts.size() - 1;
    return last == 0 ? parts.get(0)
        : String.join(", ", parts.subList(0, last)) + " and " + parts.get(last);
  }

  private static String ownership(MethodPlan m, String grad, String owned) {
    boolean[] stacks = {false};
    Stmts.walk(m.pullback().function().body(), s -> stacks[0] |= s instanceof Stmt.Push);
    boolean splits = SplitReversal.splits(m.pullback().function().body());
    boolean arrays = hasArrays(m);
    boolean[] adjointArrays = {false};
    Stmts.walk(m.pullback().function().body(), s -> adjointArrays[0] |= s instanceof Stmt.Assign a
        && a.target().role() == dev.adjoint.processor.ir.Var.Role.ADJOINT
        && a.target().type().isArray());
    List<String> allocated = new ArrayList<>();
    if (stacks[0] || splits) {
      allocated.add(stacks[0] ? "the stacks that record its loops (unless you pass yours)"
          : "the stacks its calls record on (unless you pass yours)");
    }
    if (adjointArrays[0]) {
      allocated.add("the adjoints of its local arrays");
    }
    Set<String> differentiated = new HashSet<>();
    m.wrtParameters().forEach(p -> differentiated.add(p.name()));
    if (m.pullback().recordStorage().values().stream()
        .anyMatch(r -> !differentiated.contains(r.path().get(0)))) {
      allocated.add("scratch storage for the gradient of a record its callees differentiate"
          + " and it does not");
    }
    String allocation = allocated.isEmpty() ? "Allocates nothing"
        : "Allocates only " + String.join(" and ", allocated);
    if (!stacks[0] && !splits && BodyWriter.takesStacks(m.pullback().function().body())) {
      allocation = "Its loops need no recording, so a {@code Stacks} passed in is not used. "
          + allocation;
    }
    return allocation + "; the caller owns " + owned
        + (arrays ? ", which must have the shapes of their parameters." : ".");
  }

  private static TypeName javaType(Type type) {
    return RecordStorageClass.javaType(type);
  }

  private static String forwardTitle(MethodPlan m) {
    return "forward sweep (" + m.sourceFile() + ":" + m.firstLine() + "-" + m.lastLine() + ")";
  }

  /** Record components: {@code d} + the capitalized parameter name, e.g. {@code dX}. */
  static List<String> componentNames(MethodPlan m) {
    Set<String> used = new HashSet<>(Set.of("value"));
    List<String> out = new ArrayList<>();
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      out.add(AdjointClassGenerator.unique(used,
          "d" + AdjointClassGenerator.capitalize(p.name())));
    }
    return out;
  }

  private static String paramList(List<MethodPlan.Parameter> params) {
    return params.stream().map(v -> "{@code " + v.name() + "}")
        .collect(Collectors.joining(", "));
  }

  static String linkSignature(ExecutableElement method) {
    return method.getSimpleName() + "(" + method.getParameters().stream()
        .map(p -> p.asType().toString()).collect(Collectors.joining(", ")) + ")";
  }
}
