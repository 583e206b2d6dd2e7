package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.RecordArg;
import dev.adjoint.processor.ir.RecordShape;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Records passed whole to a call ({@code g(p, x)}, {@code g(p.l1())}, {@code g(l)} for an alias
 * {@code l}). The call takes the record's leaves as arguments, so checks and analyses see what
 * the callee reads; a {@link RecordArg} tells the emitter to print the record and to pass its
 * adjoint storage to the callee's pullback.
 */
final class RecordArguments {
  /** A record argument: its shape in the caller and where it sits there ({@code p, l1}). */
  record Passed(RecordShape shape, List<String> path, ExpressionTree at) {}

  /** A call passing no record. */
  static final RecordArguments NONE = new RecordArguments(List.of());

  private final List<Passed> passed;

  private RecordArguments(List<Passed> passed) {
    this.passed = passed;
  }

  /** The call's arguments that are records (null where one is not); empty if none is. */
  static RecordArguments of(List<? extends ExpressionTree> args, RecordAccess records) {
    List<Passed> out = new ArrayList<>();
    boolean any = false;
    for (ExpressionTree a : args) {
      Passed p = records.resolve(a) instanceof RecordShape shape
          ? new Passed(shape, records.path(shape), a) : null;
      any |= p != null;
      out.add(p);
    }
    return any ? new RecordArguments(out) : NONE;
  }

  boolean isEmpty() {
    return passed.isEmpty();
  }

  /** The record at argument {@code i}, if it is one. */
  Passed at(int i) {
    return passed.isEmpty() ? null : passed.get(i);
  }

  /**
   * The arguments: the others read (in order, with their effects), a record standing as a
   * placeholder of type {@link Type#OBJECT} for overload resolution.
   */
  List<Expr> read(List<? extends ExpressionTree> args, ExpressionReader expressions) {
    if (passed.isEmpty()) {
      return expressions.operands(args);
    }
    List<ExpressionTree> others = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      if (passed.get(i) == null) {
        others.add(args.get(i));
      }
    }
    List<Expr> read = expressions.operands(others);
    List<Expr> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < args.size(); i++) {
      out.add(passed.get(i) == null ? read.get(next++)
          : new Expr.Const(Type.OBJECT, 0, passed.get(i).at().toString()));
    }
    return out;
  }

  /** The error for a record passed where no callee taking it is: at the first one. */
  Unsupported refused() {
    Passed p = passed.stream().filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    return RecordAccess.notAValue(p.at(), p.shape());
  }

  /**
   * The call of {@code callee} with {@code args} (placeholders at records): each record
   * replaced by its leaves, after checking the callee takes a record of that type there.
   */
  Expr.Invoke flatten(MethodInvocationTree call, CalleeResolver.Callee callee, List<Expr> args,
      List<Integer> independents, Type returns) {
    List<Expr> flat = new ArrayList<>();
    List<Integer> flatIndependents = new ArrayList<>();
    List<RecordArg> records = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Passed p = at(i);
      Optional<TypeElement> expected = callee.record(i);
      if (p == null && expected.isPresent() || p != null && (expected.isEmpty()
          || !ClassRefs.of(expected.get()).equals(p.shape().type()))) {
        ExpressionTree at = call.getArguments().get(i);
        String given = p != null ? p.shape().type().simpleNames()
            : args.get(i).type().javaName();
        String wanted = expected.map(t -> t.getSimpleName().toString())
            .orElse(callee.parameterTypes().get(i).javaName());
        throw new Unsupported(at, Message.TYPE_MISMATCH, "argument " + (i + 1) + " of "
            + callee.name() + " must be " + wanted + ", not " + given);
      }
      boolean differentiated = independents.contains(i);
      if (p == null) {
        if (differentiated) {
          flatIndependents.add(flat.size());
        }
        flat.add(args.get(i));
        continue;
      }
      records.add(new RecordArg(flat.size(), p.path(), p.shape(), differentiated));
      for (Var leaf : p.shape().leaves()) {
        if (differentiated && leaf.type().isDifferentiable()) {
          flatIndependents.add(flat.size());
        }
        flat.add(new Expr.Ref(leaf));
      }
    }
    return new Expr.Invoke(callee.kind(), callee.owner(), callee.name(), flat, flatIndependents,
        returns, records);
  }
}
