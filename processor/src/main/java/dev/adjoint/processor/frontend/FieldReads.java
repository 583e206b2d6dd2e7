package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads of the user's fields: a {@code static final} field of a type the IR models ({@code
 * double SQRT2PI}, a {@code double[]} table) is data the method reads and never writes, one
 * {@link Var#field} per field, printed by name in the generated code. A field that could change
 * between the forward and the backward sweep, that the generated class cannot see, or of
 * another type is an error at the read. In an instance method, the fields of {@code this} are
 * read the same way, final or not.
 */
final class FieldReads {
  private final NameResolver names;
  private final Map<VariableElement, Var> vars = new HashMap<>();
  private final Var receiver = Var.receiver();

  FieldReads(NameResolver names) {
    this.names = names;
  }

  /** The field {@code name} of {@code owner} read at {@code at}; empty if it has none. */
  Optional<Expr> read(Tree at, TypeElement owner, String name) {
    VariableElement field = names.field(owner, name);
    if (field == null) {
      return Optional.empty();
    }
    TypeElement receiver = names.receiverClass();
    if (!field.getModifiers().contains(Modifier.STATIC) && receiver != null
        && field.equals(names.field(receiver, name))) {
      return Optional.of(receiverField(at, field));
    }
    String what = "field " + field.getEnclosingElement().getSimpleName() + "." + name;
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      throw new Unsupported(at, Message.FIELD, "instance " + what + " cannot be read here;"
          + " pass its value in as a parameter");
    }
    if (!field.getModifiers().contains(Modifier.FINAL)) {
      throw new Unsupported(at, Message.FIELD, "static " + what + " is not final: it could"
          + " change between the forward and the backward sweep; make it final or pass it in"
          + " as a parameter");
    }
    ClassRef declaring = ClassRefs.of((TypeElement) field.getEnclosingElement());
    Optional<ClassRef> object = ObjectTypes.of(field.asType());
    if (object.isPresent()) {
      readableHere(at, field, what);
      return Optional.of(new Expr.Ref(vars.computeIfAbsent(field,
          f -> Var.objectField(declaring, name, object.get()))));
    }
    Type type = readable(at, field, what);
    return Optional.of(new Expr.Ref(vars.computeIfAbsent(field, f -> Var.field(declaring,
        name, type))));
  }

  /** {@code this} of an instance method. */
  Expr receiver() {
    return new Expr.Ref(receiver);
  }

  /** {@code this.name}, read in an instance method; empty if the class has no such field. */
  Optional<Expr> readThis(Tree at, String name) {
    TypeElement receiver = names.receiverClass();
    VariableElement field = receiver == null ? null : names.field(receiver, name);
    if (field == null || field.getModifiers().contains(Modifier.STATIC)) {
      return field == null ? Optional.empty() : read(at, receiver, name);
    }
    return Optional.of(receiverField(at, field));
  }

  /**
   * A field of the receiver, final or not: the method cannot write it (a write is an error) and
   * nothing else runs between its sweeps, so both read the same value.
   */
  private Expr receiverField(Tree at, VariableElement field) {
    // A record's component field is private; its implicit accessor returns it.
    String name = field.getSimpleName() + (names.readByAccessor(field) ? "()" : "");
    Optional<ClassRef> object = ObjectTypes.of(field.asType());
    if (object.isPresent()) {
      readableHere(at, field, "field " + name);
      return new Expr.Ref(vars.computeIfAbsent(field,
          f -> Var.objectField(null, name, object.get())));
    }
    Type type = readable(at, field, "field " + name);
    return new Expr.Ref(vars.computeIfAbsent(field, f -> Var.receiverField(name, type)));
  }

  /** The IR type of {@code field}, which the generated class must see. */
  private Type readable(Tree at, VariableElement field, String what) {
    Optional<Type> type = TreeKinds.type(field.asType());
    if (type.isEmpty()) {
      throw new Unsupported(at, Message.FIELD, what + " has type " + field.asType()
          + "; a @Differentiable method reads fields of type double, int, long, boolean,"
          + " double[], double[][], int[], enums and String");
    }
    readableHere(at, field, what);
    return type.get();
  }

  /** Errors unless the generated class can read {@code field}, directly or by its accessor. */
  private void readableHere(Tree at, VariableElement field, String what) {
    boolean component = field.getEnclosingElement().getKind() == ElementKind.RECORD
        && !field.getModifiers().contains(Modifier.STATIC);
    if (component && !names.readByAccessor(field)) {
      throw new Unsupported(at, Message.FIELD, "record component " + field.getSimpleName()
          + " has an accessor of your own (which may return something else) and its field is"
          + " private, so the generated code cannot read it; pass the value in as a parameter");
    }
    if (!component && !names.visibleToGeneratedCode(field)) {
      // The generated class is in the method's package, outside the class of the method.
      throw new Unsupported(at, Message.FIELD, what + " is not visible to the generated class;"
          + (field.getModifiers().contains(Modifier.PRIVATE) ? " make it package-private"
              : " make it (and its class) public"));
    }
  }
}
