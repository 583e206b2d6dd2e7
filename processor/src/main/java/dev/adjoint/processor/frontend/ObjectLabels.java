package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.ObjectMethods;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Type;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The test of a case label of a switch on an enum ({@code case FAST}: {@code mode ==
 * Mode.FAST}) or a String ({@code case "l2"}: {@code s.equals("l2")}, which throws on null as
 * the switch does).
 */
final class ObjectLabels {
  private final ExpressionReader expressions;
  private final NameLookup lookup;
  private final NameResolver names;

  ObjectLabels(ExpressionReader expressions, NameLookup lookup, NameResolver names) {
    this.expressions = expressions;
    this.lookup = lookup;
    this.names = names;
  }

  Expr matches(Expr selector, ExpressionTree label) {
    ClassRef type = Exprs.objectClass(selector);
    if (ObjectTypes.isString(type)) {
      if (label.getKind() != Tree.Kind.STRING_LITERAL) {
        throw new Unsupported(label, Message.UNSUPPORTED, "this case label of a switch on a"
            + " String", "write the string literal itself: case \"l2\" ->");
      }
      return ObjectMethods.call(ObjectMethods.STRING, "equals",
          List.of(selector, expressions.expression(label)), Type.BOOLEAN);
    }
    Expr constant = label instanceof IdentifierTree id ? constant(label, type, id) : null;
    if (constant == null) {
      throw new Unsupported(label, Message.TYPE_MISMATCH, "case " + label + " is not a"
          + " constant of enum " + type.simpleNames());
    }
    return new Expr.Binary(Op.EQ, selector, constant);
  }

  private Expr constant(Tree at, ClassRef type, IdentifierTree id) {
    TypeElement element = names.typeElement(type);
    return element == null ? null
        : lookup.enumConstant(at, element, id.getName().toString()).orElse(null);
  }
}
