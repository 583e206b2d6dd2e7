package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads of the user's fields: a {@code static final} field of a type the IR models ({@code
 * double SQRT2PI}, a {@code double[]} table) is data the method reads and never writes, one
 * {@link Var#field} per field, printed by name in the generated code. A field that could change
 * between the forward and the backward sweep, that the generated class cannot see, or of
 * another type is an error at the read.
 */
final class FieldReads {
  private final NameResolver names;
  private final Map<VariableElement, Var> vars = new HashMap<>();

  FieldReads(NameResolver names) {
    this.names = names;
  }

  /** The field {@code name} of {@code owner} read at {@code at}; empty if it has none. */
  Optional<Expr> read(Tree at, TypeElement owner, String name) {
    VariableElement field = names.field(owner, name);
    if (field == null) {
      return Optional.empty();
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
    Optional<Type> type = TreeKinds.type(field.asType());
    if (type.isEmpty()) {
      throw new Unsupported(at, Message.FIELD, what + " has type " + field.asType()
          + "; a @Differentiable method reads fields of type double, int, long, boolean,"
          + " double[], double[][] and int[]");
    }
    if (!names.visibleToGeneratedCode(field)) {
      // The generated class is in the method's package, outside the class of the method.
      throw new Unsupported(at, Message.FIELD, what + " is not visible to the generated class;"
          + (field.getModifiers().contains(Modifier.PRIVATE) ? " make it package-private"
              : " make it (and its class) public"));
    }
    return Optional.of(new Expr.Ref(vars.computeIfAbsent(field, f -> Var.field(
        ClassRefs.of((TypeElement) f.getEnclosingElement()), name, type.get()))));
  }
}
