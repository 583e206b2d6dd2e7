package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code p}, {@code p.w1()} and {@code p.l1().w()} for a record parameter {@code p} (or a
 * local alias of one): a leaf component is its IR parameter, a record stays a {@link
 * RecordShape} for the few places that take one whole (a call's argument, an alias).
 */
final class RecordAccess {
  private final Scopes scopes;
  /** The method's record parameters, by name. */
  private final Map<String, RecordShape> parameters = new LinkedHashMap<>();

  RecordAccess(Scopes scopes) {
    this.scopes = scopes;
  }

  /** Record parameter {@code name} of the method being read. */
  void declareParameter(String name, RecordShape shape) {
    parameters.put(name, shape);
  }

  /**
   * Where {@code record} (a parameter's shape or one nested in it, as {@link #resolve} gives)
   * sits: the parameter's name, then the components leading to it.
   */
  List<String> path(RecordShape record) {
    for (Map.Entry<String, RecordShape> p : parameters.entrySet()) {
      List<String> path = new ArrayList<>(List.of(p.getKey()));
      if (find(p.getValue(), record, path)) {
        return path;
      }
    }
    throw new IllegalStateException("record " + record.type() + " is no parameter's");
  }

  private static boolean find(RecordShape in, RecordShape record, List<String> path) {
    if (in == record) {
      return true;
    }
    for (RecordShape.Component c : in.components()) {
      if (c.nested() != null) {
        path.add(c.name());
        if (find(c.nested(), record, path)) {
          return true;
        }
        path.remove(path.size() - 1);
      }
    }
    return false;
  }

  /** What {@code e} denotes: a leaf's parameter, a record, or null if it is no record path. */
  Object resolve(ExpressionTree e) {
    if (e instanceof ParenthesizedTree p) {
      return resolve(p.getExpression());
    } else if (e instanceof IdentifierTree id) {
      String name = id.getName().toString();
      return scopes.lookup(name).isPresent() ? null : scopes.lookupRecord(name).orElse(null);
    } else if (e instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select
        && resolve(select.getExpression()) instanceof RecordShape record) {
      String name = select.getIdentifier().toString();
      for (RecordShape.Component c : record.components()) {
        if (c.name().equals(name) && call.getArguments().isEmpty()) {
          return c.leaf() != null ? c.leaf() : c.nested();
        }
      }
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + name + " on the record "
          + record.type().simpleNames(), "read its components, e.g. "
          + select.getExpression() + "." + record.components().get(0).name() + "()");
    }
    return null;
  }

  /** {@code e} read as an expression if it is a record path: a leaf, or an error at a record. */
  Optional<Expr> read(ExpressionTree e) {
    Object r = resolve(e);
    if (r instanceof Var leaf) {
      return Optional.of(new Expr.Ref(leaf));
    } else if (r instanceof RecordShape record) {
      throw notAValue(e, record);
    }
    return Optional.empty();
  }

  static Unsupported notAValue(Tree at, RecordShape record) {
    String example = at + "." + record.components().get(0).name() + "()";
    return new Unsupported(at, Message.RECORD_VALUE, at, example, at);
  }
}
