package dev.adjoint.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code f.applyAsDouble(a, ...)} of a {@link LocalFunction}: a lambda is inlined (each
 * parameter a local holding its argument, evaluated once; its body read where the lambda was
 * declared, whose captured locals Java keeps effectively final), a method reference becomes a
 * call of the method it names.
 */
final class LocalFunctionCalls {
  private final ExpressionReader expressions;
  private final StatementReader statements;
  private final CallReader calls;
  private final Scopes scopes;
  private final Effects effects;
  private final NameResolver names;

  LocalFunctionCalls(ExpressionReader expressions, StatementReader statements, CallReader calls,
      Scopes scopes, Effects effects, NameResolver names) {
    this.names = names;
    this.expressions = expressions;
    this.statements = statements;
    this.calls = calls;
    this.scopes = scopes;
    this.effects = effects;
  }

  Optional<Expr> read(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)
        || !(select.getExpression() instanceof IdentifierTree id)) {
      return Optional.empty();
    }
    Optional<LocalFunction> found = scopes.function(id.getName().toString());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    LocalFunction f = found.get();
    if (f.initializer() == null) {
      throw Unsupported.reported(call); // its declaration has the error
    }
    if (!select.getIdentifier().contentEquals("applyAsDouble")) {
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + select.getIdentifier()
          + " on the function " + f.name(), "call " + f.name() + ".applyAsDouble(...)");
    }
    List<Expr> args = expressions.operands(call.getArguments());
    if (args.size() != f.arity()) {
      throw new Unsupported(call, Message.TYPE_MISMATCH, f.name() + ".applyAsDouble takes "
          + f.arity() + " argument" + (f.arity() == 1 ? "" : "s"));
    }
    List<Expr> doubles = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      Expr a = args.get(i);
      if (!a.type().isNumeric()) {
        throw new Unsupported(call.getArguments().get(i), Message.TYPE_MISMATCH,
            "expected a number here, not " + a.type().javaName());
      }
      doubles.add(a);
    }
    // Names in the function mean what they mean where it was written (maybe another method).
    Expr value = names.reading(f.scope().site(), () -> f.initializer()
        instanceof MemberReferenceTree ref
        ? calls.resolved(call, ref, ref.getQualifierExpression(), ref.getName().toString(),
            doubles)
        : inline(call, (LambdaExpressionTree) f.initializer(), f, doubles));
    if (!value.type().isNumeric()) {
      throw new Unsupported(call, Message.TYPE_MISMATCH, f.name() + " must compute a number,"
          + " not " + value.type().javaName());
    }
    return Optional.of(value);
  }

  private Expr inline(MethodInvocationTree call, LambdaExpressionTree lambda, LocalFunction f,
      List<Expr> args) {
    SourceRef src = effects.source();
    return scopes.within(f.scope(), () -> {
      for (int i = 0; i < args.size(); i++) {
        Var p = new Var(lambda.getParameters().get(i).getName().toString(), Type.DOUBLE,
            Var.Role.LOCAL);
        effects.add(Stmt.Assign.set(p, args.get(i), src));
        scopes.declare(p);
      }
      if (lambda.getBodyKind() == LambdaExpressionTree.BodyKind.EXPRESSION) {
        return expressions.expression((ExpressionTree) lambda.getBody());
      }
      return body(((BlockTree) lambda.getBody()).getStatements(), lambda, "a lambda body");
    });
  }

  /**
   * The value of a block that ends in {@code return value;} (a lambda's, or a callee's inlined
   * where a function is passed to it), its statements put ahead as effects; {@code what} names
   * the block in messages.
   */
  Expr body(List<? extends StatementTree> body, Tree block, String what) {
    StatementTree last = body.isEmpty() ? null : body.get(body.size() - 1);
    if (!(last instanceof ReturnTree end) || end.getExpression() == null) {
      throw new Unsupported(block, Message.UNSUPPORTED, what + " that does not end in"
          + " return", "end it with return value;");
    }
    List<? extends StatementTree> before = body.subList(0, body.size() - 1);
    for (StatementTree s : before) {
      Tree early = new EarlyReturn().scan(s, null);
      if (early != null) {
        throw new Unsupported(early, Message.UNSUPPORTED, "a return before the end of " + what,
            "assign the value to a local and return it at the end");
      }
    }
    List<Stmt> out = new ArrayList<>();
    SourceRef caller = effects.source();
    try {
      Expr value = effects.apart(
          () -> statements.blockWithReturn(before, end, out), out);
      out.forEach(effects::add);
      return value;
    } finally {
      effects.at(caller); // what the calling statement reads next is on its own line
    }
  }

  /** The first {@code return} in a statement. */
  private static final class EarlyReturn extends TreeScanner<Tree, Void> {
    @Override
    public Tree visitReturn(ReturnTree node, Void unused) {
      return node;
    }

    @Override
    public Tree visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      return null; // a return of a lambda declared in the block is the lambda's
    }

    @Override
    public Tree reduce(Tree a, Tree b) {
      return a != null ? a : b;
    }
  }
}
