package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.RulesTable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * What a name in the body means: a parameter or local ({@link Scopes}), a library constant
 * ({@link Constants}), a field ({@link FieldReads}), or a class that qualifies a call or
 * constant, as javac resolves it ({@link NameResolver}). A name that means none of these is
 * reported and read as a stand-in value.
 */
final class NameLookup {
  private final Scopes scopes;
  private final NameResolver names;
  private final Shadowing shadowing;
  private final Problems problems;
  private final FieldReads fields;

  NameLookup(Scopes scopes, NameResolver names, Shadowing shadowing, Problems problems) {
    this.scopes = scopes;
    this.names = names;
    this.fields = new FieldReads(names);
    this.shadowing = shadowing;
    this.problems = problems;
  }

  /** The parameter or local {@code name}, if one is in scope. */
  Optional<Var> local(String name) {
    return scopes.lookup(name);
  }

  Expr identifier(IdentifierTree id) {
    String name = id.getName().toString();
    if (scopes.function(name).isPresent()) {
      throw new Unsupported(id, Message.UNSUPPORTED, "using the function " + name + " other"
          + " than in " + name + ".applyAsDouble(...) or as an argument of a method of this"
          + " file", "call it there, or pass it to a static method of this file declaring a"
          + " DoubleUnaryOperator or DoubleBinaryOperator parameter");
    }
    Optional<Expr> v = scopes.lookup(name).map(Expr.Ref::new);
    if (v.isPresent()) {
      return v.get();
    }
    TypeElement owner = single(id, name, names.fieldOwners(name));
    Optional<Expr> c = owner == null ? Optional.empty() : constant(id, owner, name);
    return c.isPresent() ? c.get() : problems.recover(id, Message.UNKNOWN_NAME, name, name);
  }

  /**
   * {@code Math.PI}, {@code Integer.MAX_VALUE}, {@code Tables.WEIGHTS}: a constant of the class
   * the qualifier names.
   */
  Expr qualifiedConstant(MemberSelectTree select) {
    if (isThis(select.getExpression())) {
      Optional<Expr> field = fields.readThis(select, select.getIdentifier().toString());
      return field.isPresent() ? field.get()
          : problems.recover(select, Message.UNKNOWN_NAME, select, select);
    }
    TypeElement owner = qualifierType(select.getExpression());
    Optional<Expr> c = owner == null ? Optional.empty()
        : constant(select, owner, select.getIdentifier().toString());
    return c.isPresent() ? c.get()
        : problems.recover(select, Message.UNKNOWN_NAME, select, select);
  }

  /**
   * Whether {@code e} names a field holding an enum or a {@code String} ({@code MODE}, {@code
   * Config.NORM}, {@code this.penalty}), so that a method called on it is one of theirs;
   * reports nothing.
   */
  boolean namesObjectField(ExpressionTree e) {
    javax.lang.model.element.VariableElement field = null;
    if (e instanceof IdentifierTree id) {
      String name = id.getName().toString();
      List<TypeElement> owners = scopes.lookup(name).isPresent() ? List.of()
          : names.fieldOwners(name);
      field = owners.size() == 1 ? names.field(owners.get(0), name) : null;
    } else if (e instanceof MemberSelectTree select) {
      TypeElement owner = isThis(select.getExpression()) ? names.receiverClass()
          : qualifierType(select.getExpression());
      field = owner == null ? null : names.field(owner, select.getIdentifier().toString());
    }
    return field != null && ObjectTypes.of(field.asType()).isPresent();
  }

  /** Whether {@code e} is {@code this}. */
  static boolean isThis(ExpressionTree e) {
    return e instanceof IdentifierTree q && q.getName().contentEquals("this");
  }

  /** {@code this} of an instance method, the receiver of its calls of instance methods. */
  Expr receiver() {
    return fields.receiver();
  }

  /** A library constant, else an enum constant, else a field of the user's ({@link FieldReads}). */
  private Optional<Expr> constant(Tree at, TypeElement owner, String name) {
    Optional<Expr> enumConstant = enumConstant(at, owner, name);
    if (enumConstant.isPresent()) {
      return enumConstant;
    }
    Optional<Expr> library = constant(owner, name).map(Expr.class::cast);
    return library.isPresent() ? library : fields.read(at, owner, name);
  }

  private final java.util.Map<String, Var> enumConstants = new java.util.HashMap<>();

  /** {@code Mode.FAST}: a constant of an enum the generated class can see. */
  Optional<Expr> enumConstant(Tree at, TypeElement owner, String name) {
    if (owner.getKind() != ElementKind.ENUM) {
      return Optional.empty();
    }
    for (Element e : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.ENUM_CONSTANT && e.getSimpleName().contentEquals(name)) {
        if (!names.visibleToGeneratedCode(e)) {
          throw new Unsupported(at, Message.FIELD, "enum " + owner.getQualifiedName() + " is"
              + " not visible to the generated class; make it (and its class) public or"
              + " package-private");
        }
        ClassRef type = ClassRefs.of(owner);
        return Optional.of(new Expr.Ref(enumConstants.computeIfAbsent(type + "." + name,
            k -> Var.enumConstant(type, name))));
      }
    }
    return Optional.empty();
  }

  /** The library constant {@code owner.name}, named in generated code as javac will read it. */
  private Optional<Expr.Const> constant(TypeElement owner, String name) {
    String qualified = owner.getQualifiedName().toString();
    String simple = owner.getSimpleName().toString();
    // Math and StrictMath are qualified by the emitter where needed; others here.
    String spelling = RulesTable.owner(qualified).orElse(
        qualified.equals("java.lang." + simple) && !shadowing.generatedCodeMustQualify(simple)
            ? simple : qualified);
    return Constants.of(qualified, name, spelling);
  }

  /**
   * The class a qualifier ({@code Math}, {@code java.lang.Math}, {@code Outer.Inner}) names, if
   * it names one: a local variable of that name makes it an expression, not a type.
   */
  TypeElement qualifierType(ExpressionTree qualifier) {
    String text = qualifier.toString();
    if (!text.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.]*")
        || scopes.lookup(text.split("\\.")[0]).isPresent()) {
      return null;
    }
    return single(qualifier, text, names.types(text));
  }

  /**
   * The one class {@code candidates} holds; null if none; an error at {@code at} if several
   * (javac reports such a name as ambiguous).
   */
  static TypeElement single(Tree at, String name, List<TypeElement> candidates) {
    if (candidates.size() > 1) {
      String all = candidates.stream().map(t -> t.getQualifiedName().toString())
          .collect(Collectors.joining(" and "));
      throw new Unsupported(at, Message.AMBIGUOUS_NAME, name, all,
          candidates.get(0).getQualifiedName() + "." + name);
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }
}
