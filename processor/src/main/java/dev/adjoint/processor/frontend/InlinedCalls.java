package dev.adjoint.processor.frontend;

import com.sun.source.tree.MethodInvocationTree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call of a method that returns nothing or writes into an array argument ({@code axpy(a, x,
 * y)}, {@code softmaxInPlace(v)}), read into the caller: its body, read on its own ({@link
 * CalleeBodies}), with each array parameter replaced by the array passed ({@code y}, {@code
 * m[i]}) and each other parameter by a local holding its argument. The caller's reverse mode
 * then treats its stores as its own, so the values an element had before the call are recorded
 * only where the caller's analyses say they are needed, and an array nothing varied flows into
 * costs nothing. Every statement read so is at the call, where later errors point.
 */
final class InlinedCalls {
  private final Effects effects;
  private final CalleeResolver callees;

  InlinedCalls(Effects effects, CalleeResolver callees) {
    this.effects = effects;
    this.callees = callees;
  }

  /**
   * Puts the callee's statements among the pending effects; its value is the expression its
   * final {@code return} gives (null for a void method).
   */
  Expr inline(MethodInvocationTree call, CalleeResolver.Callee callee, List<Expr> args) {
    CalleeBodies.Body body = callees.bodies().read(callee.element(), callee.parameterTypes());
    if (body.function() == null) {
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + " here ("
          + why(callee) + ", so Adjoint reads its body into this method)", body.problem());
    }
    callees.noteHelperCalls(body.helperCalls());
    Function f = body.function();
    SourceRef at = effects.source();
    Map<Var, Expr> replaced = new IdentityHashMap<>();
    Map<Var, Var> locals = new IdentityHashMap<>();
    java.util.Set<Var> assigned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    f.body().forEach(s -> assigned.addAll(dev.adjoint.processor.ir.Stmts.writes(s)));
    for (int i = 0; i < args.size(); i++) {
      Var p = f.params().get(i);
      Expr arg = args.get(i);
      if (p.type().isArray()) {
        replaced.put(p, array(call, callee, i, arg, at));
      } else if (!assigned.contains(p) && arg.type() == p.type()
          && (arg instanceof Expr.Const || arg instanceof Expr.Ref)) {
        replaced.put(p, arg); // nothing the body runs changes it: no local needed
      } else {
        Var local = p.like(p.name(), Var.Role.LOCAL);
        effects.add(Stmt.Assign.set(local, Typing.convert(arg, p.type(),
            call.getArguments().get(i)), at));
        locals.put(p, local);
        replaced.put(p, new Expr.Ref(local));
      }
    }
    List<Stmt> stmts = f.body();
    Expr result = null;
    if (!stmts.isEmpty() && stmts.get(stmts.size() - 1) instanceof Stmt.Return r) {
      result = r.value();
      if (result != null && result.type().isArray()) {
        // It may be an argument: the caller would get a second name for its own array.
        throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + ", which"
            + " returns an array and " + why(callee) + ",", "let " + callee.name() + " write"
            + " its result into an array the caller passes, and return nothing");
      }
      stmts = stmts.subList(0, stmts.size() - 1);
    }
    Rewrite rewrite = new Rewrite(call, callee, replaced, locals, at);
    for (Stmt s : stmts) {
      effects.add(rewrite.stmt(s));
    }
    return result == null ? null : Exprs.substitute(result, replaced);
  }

  private static String why(CalleeResolver.Callee callee) {
    return callee.writtenArrays().isEmpty() ? "it returns nothing"
        : "it writes into its array parameter " + String.join(", ", callee.writtenArrays());
  }

  /**
   * The array passed for parameter {@code i}: a variable or a matrix row, its row index
   * evaluated once, before the body runs, as Java does.
   */
  private Expr array(MethodInvocationTree call, CalleeResolver.Callee callee, int i, Expr arg,
      SourceRef at) {
    if (arg instanceof Expr.Ref) {
      return arg;
    }
    if (arg instanceof Expr.Index row && row.array() instanceof Expr.Ref) {
      if (row.index() instanceof Expr.Const || row.index() instanceof Expr.Ref) {
        return arg; // the callee cannot change the caller's locals
      }
      Var index = new Var("row", row.index().type(), Var.Role.TEMP);
      effects.add(Stmt.Assign.set(index, row.index(), at));
      return new Expr.Index(row.array(), new Expr.Ref(index));
    }
    throw new Unsupported(call.getArguments().get(i), Message.UNSUPPORTED, "passing this array"
        + " to " + callee.name() + " (" + why(callee) + ")", "declare it as a local (double[] v"
        + " = ...) and pass the local");
  }

  /** The callee's statements with its parameters replaced, each at the call. */
  private static final class Rewrite {
    private final MethodInvocationTree call;
    private final CalleeResolver.Callee callee;
    private final Map<Var, Expr> replaced;
    private final Map<Var, Var> locals;
    private final SourceRef at;

    Rewrite(MethodInvocationTree call, CalleeResolver.Callee callee, Map<Var, Expr> replaced,
        Map<Var, Var> locals, SourceRef at) {
      this.call = call;
      this.callee = callee;
      this.replaced = replaced;
      this.locals = locals;
      this.at = at;
    }

    List<Stmt> block(List<Stmt> stmts) {
      List<Stmt> out = new ArrayList<>(stmts.size());
      for (Stmt s : stmts) {
        out.add(stmt(s));
      }
      return out;
    }

    Stmt stmt(Stmt s) {
      if (s instanceof Stmt.Assign a) {
        if (replaced.containsKey(a.target()) && !locals.containsKey(a.target())) {
          throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + ", which"
              + " assigns its array parameter " + a.target().name() + ",", "let " + callee.name()
              + " declare a local array instead of assigning its parameter");
        }
        return new Stmt.Assign(locals.getOrDefault(a.target(), a.target()), sub(a.value()),
            a.accumulate(), at);
      } else if (s instanceof Stmt.Store st) {
        return new Stmt.Store(sub(st.array()), sub(st.index()), sub(st.value()),
            st.accumulate(), at);
      } else if (s instanceof Stmt.If i) {
        return new Stmt.If(sub(i.condition()), block(i.then()), block(i.otherwise()), at);
      } else if (s instanceof Stmt.Loop l) {
        return new Stmt.Loop(sub(l.condition()), block(l.body()), block(l.update()), at);
      } else if (s instanceof Stmt.Evaluate ev) {
        return new Stmt.Evaluate((Expr.Invoke) sub(ev.call()), at);
      } else if (s instanceof Stmt.Return) {
        throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + ", which"
            + " returns before its end,", "let " + callee.name() + " end in its only return"
            + " (assign the value to a local, or use if/else)");
      } else if (s instanceof Stmt.Break) {
        return new Stmt.Break(at);
      } else if (s instanceof Stmt.Continue) {
        return new Stmt.Continue(at);
      }
      return s;
    }

    private Expr sub(Expr e) {
      return Exprs.substitute(e, replaced);
    }
  }
}
