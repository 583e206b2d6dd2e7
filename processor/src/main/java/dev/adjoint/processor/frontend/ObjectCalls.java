package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.ObjectMethods;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls of methods of an enum or String value ({@code s.equals("l2")}, {@code "l2".equals(s)},
 * {@code mode.ordinal()}): the few whose result is a boolean, char or int, none of which has a
 * derivative ({@link ObjectMethods}).
 */
final class ObjectCalls {
  /** A method: its parameter types and its result. */
  private record Method(List<Type> parameters, Type result) {}

  private static final Map<String, Method> STRING = Map.of(
      "equals", new Method(List.of(Type.OBJECT), Type.BOOLEAN),
      "equalsIgnoreCase", new Method(List.of(Type.OBJECT), Type.BOOLEAN),
      "startsWith", new Method(List.of(Type.OBJECT), Type.BOOLEAN),
      "endsWith", new Method(List.of(Type.OBJECT), Type.BOOLEAN),
      "contains", new Method(List.of(Type.OBJECT), Type.BOOLEAN),
      "compareTo", new Method(List.of(Type.OBJECT), Type.INT),
      "isEmpty", new Method(List.of(), Type.BOOLEAN),
      "length", new Method(List.of(), Type.INT),
      "charAt", new Method(List.of(Type.INT), Type.CHAR));

  private static final Map<String, Method> ENUM = Map.of(
      "equals", new Method(List.of(Type.OBJECT), Type.BOOLEAN),
      "compareTo", new Method(List.of(Type.OBJECT), Type.INT),
      "ordinal", new Method(List.of(), Type.INT));

  private final ExpressionReader expressions;
  private final NameLookup lookup;

  ObjectCalls(ExpressionReader expressions, NameLookup lookup) {
    this.expressions = expressions;
    this.lookup = lookup;
  }

  /** The call, if its receiver is a string literal or a variable holding an enum or String. */
  Optional<Expr> read(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)
        || !isObject(select.getExpression())) {
      return Optional.empty();
    }
    List<ExpressionTree> trees = new ArrayList<>();
    trees.add(select.getExpression());
    trees.addAll(call.getArguments());
    List<Expr> values = expressions.operands(trees); // the receiver first, as Java evaluates
    ClassRef type = Exprs.objectClass(values.get(0));
    boolean string = ObjectTypes.isString(type);
    String name = select.getIdentifier().toString();
    Method m = (string ? STRING : ENUM).get(name);
    String what = string ? "a String" : "an enum";
    if (m == null || m.parameters().size() != call.getArguments().size()) {
      String known = String.join(", ", (string ? STRING : ENUM).keySet().stream().sorted()
          .toList());
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + name + " on " + what,
          "of the methods of " + (string ? "strings" : "enums") + " only " + known
              + " may be called; compute anything else outside and pass it in");
    }
    for (int i = 0; i < m.parameters().size(); i++) {
      Type given = values.get(i + 1).type();
      boolean fits = m.parameters().get(i) == Type.OBJECT ? given == Type.OBJECT
          : given == Type.INT || given == Type.CHAR;
      if (!fits) {
        throw new Unsupported(call.getArguments().get(i), Message.TYPE_MISMATCH, "argument "
            + (i + 1) + " of " + name + " must be " + (m.parameters().get(i) == Type.OBJECT
                ? "an enum or String value" : "an int") + ", not " + given.javaName());
      }
    }
    return Optional.of(ObjectMethods.call(string ? ObjectMethods.STRING : ObjectMethods.ENUM,
        name, values, m.result()));
  }

  private boolean isObject(ExpressionTree receiver) {
    if (receiver.getKind() == Tree.Kind.STRING_LITERAL) {
      return true;
    }
    if (receiver instanceof IdentifierTree id && lookup.local(id.getName().toString())
        .isPresent()) {
      return lookup.local(id.getName().toString()).get().type() == Type.OBJECT;
    }
    // A record's enum or String component: p.mode().ordinal()
    return lookup.namesObjectField(receiver)
        || expressions.records().resolve(receiver) instanceof dev.adjoint.processor.ir.Var leaf
        && leaf.type() == Type.OBJECT;
  }
}
