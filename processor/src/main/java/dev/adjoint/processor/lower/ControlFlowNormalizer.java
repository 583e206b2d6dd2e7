package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes jumps, so every later pass sees structured code with one exit: {@code return e}
 * becomes {@code value = e}; code after an {@code if} that may jump moves into the branches that
 * fall through; {@code break} sets a flag the loop condition tests; {@code continue} ends the
 * iteration's path; a {@code return} inside a loop also sets {@code returned}, which ends every
 * enclosing loop and guards the code after them. The backward sweep then has one entry and
 * loops whose trip count is all it needs to replay them.
 */
public final class ControlFlowNormalizer {
  private static final Expr TRUE = new Expr.Const(Type.BOOLEAN, 1, null);
  private static final Expr FALSE = new Expr.Const(Type.BOOLEAN, 0, null);

  private final Var result;
  private final Var returned = new Var("returned", Type.BOOLEAN, Var.Role.TEMP);
  private Var broke;

  private ControlFlowNormalizer(Type resultType) {
    result = new Var("value", resultType, Var.Role.RESULT);
  }

  public static Function apply(Function fn) {
    ControlFlowNormalizer n = new ControlFlowNormalizer(resultType(fn.body()));
    List<Stmt> body = new ArrayList<>();
    if (returnsFromLoop(fn.body(), false)) {
      body.add(Stmt.Assign.set(n.returned, FALSE, SourceRef.NONE));
    }
    body.addAll(n.normalize(fn.body(), List.of()));
    return new Function(fn.name(), fn.params(), body, n.result);
  }

  /**
   * {@code value = e}. An array computed by the return ({@code return tanh(z)}) is first bound
   * to a variable of its own, so the result only ever names an array: its adjoint is the seed.
   */
  private List<Stmt> returnValue(Stmt.Return r) {
    Expr e = r.value();
    if (!e.type().isArray() || e instanceof Expr.Ref || e instanceof Expr.Index
        || e instanceof Expr.Cond) {
      return List.of(Stmt.Assign.set(result, e, r.source()));
    }
    Var computed = new Var(e instanceof Expr.Invoke call ? call.name() : "returned", e.type(),
        Var.Role.TEMP);
    return List.of(Stmt.Assign.set(computed, e, r.source()),
        Stmt.Assign.set(result, Exprs.ref(computed), r.source()));
  }

  /** A method returning double[] returns arrays (Java checks all its returns agree). */
  private static Type resultType(List<Stmt> body) {
    Type[] type = {Type.DOUBLE};
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Return r && r.value().type() == Type.DOUBLE_ARRAY) {
        type[0] = Type.DOUBLE_ARRAY;
      }
    });
    return type[0];
  }

  /** Normalizes {@code block} followed (on the paths that fall through it) by {@code rest}. */
  private List<Stmt> normalize(List<Stmt> block, List<Stmt> rest) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < block.size(); i++) {
      Stmt s = block.get(i);
      List<Stmt> tail = new ArrayList<>(block.subList(i + 1, block.size()));
      tail.addAll(rest);
      if (s instanceof Stmt.Return r) {
        out.addAll(returnValue(r));
        if (broke != null) {
          out.add(Stmt.Assign.set(returned, TRUE, r.source()));
          out.add(Stmt.Assign.set(broke, TRUE, r.source()));
        }
        return out;
      } else if (s instanceof Stmt.Break b) {
        out.add(Stmt.Assign.set(broke, TRUE, b.source()));
        return out;
      } else if (s instanceof Stmt.Continue) {
        return out;
      } else if (s instanceof Stmt.If branch && jumps(branch)) {
        out.add(new Stmt.If(branch.condition(), normalize(branch.then(), tail),
            normalize(branch.otherwise(), tail), branch.source()));
        return out;
      } else if (s instanceof Stmt.If branch) {
        out.add(new Stmt.If(branch.condition(), normalize(branch.then(), List.of()),
            normalize(branch.otherwise(), List.of()), branch.source()));
      } else if (s instanceof Stmt.Loop loop) {
        out.addAll(loop(loop));
        if (returnsFromLoop(List.of(loop), false) && broke != null) {
          // A return in a nested loop also ends the enclosing one.
          out.add(new Stmt.If(Exprs.ref(returned), List.of(Stmt.Assign.set(broke, TRUE,
              loop.source())), List.of(), loop.source()));
        }
        if (returnsFromLoop(List.of(loop), false) && !tail.isEmpty()) {
          Expr stillRunning = new Expr.Unary(Op.NOT, Exprs.ref(returned));
          out.add(new Stmt.If(stillRunning, normalize(Stmts.copy(tail), List.of()), List.of(),
              SourceRef.NONE));
          return out;
        }
      } else {
        out.add(s);
      }
    }
    if (!rest.isEmpty()) {
      // The tail may be needed on several paths: each gets its own statements.
      out.addAll(normalize(Stmts.copy(rest), List.of()));
    }
    return out;
  }

  private List<Stmt> loop(Stmt.Loop loop) {
    Var outer = broke;
    boolean breaks = breaksOrReturns(loop.body());
    broke = breaks ? new Var("broke", Type.BOOLEAN, Var.Role.TEMP) : null;
    Var flag = broke;
    List<Stmt> body = new ArrayList<>(normalize(loop.body(), List.of()));
    broke = outer;
    List<Stmt> update = normalizeNested(loop.update());
    if (flag != null && !update.isEmpty()) {
      body.add(new Stmt.If(new Expr.Unary(Op.NOT, Exprs.ref(flag)), update, List.of(),
          loop.source()));
    } else {
      body.addAll(update);
    }
    Expr condition = loop.condition();
    List<Stmt> out = new ArrayList<>();
    if (flag != null) {
      out.add(Stmt.Assign.set(flag, FALSE, loop.source()));
      condition = new Expr.Binary(Op.AND, new Expr.Unary(Op.NOT, Exprs.ref(flag)), condition);
    }
    out.add(new Stmt.Loop(condition, body, List.of(), loop.source()));
    return out;
  }

  private List<Stmt> normalizeNested(List<Stmt> stmts) {
    Var outer = broke;
    broke = null;
    List<Stmt> out = normalize(stmts, List.of());
    broke = outer;
    return out;
  }

  /** Whether {@code s} can leave its block early: a jump outside nested loops, or a return. */
  private static boolean jumps(Stmt s) {
    return containsJump(List.of(s)) || returnsFromLoop(List.of(s), true);
  }

  private static boolean containsJump(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return) {
        return true;
      }
      if (s instanceof Stmt.If i && (containsJump(i.then()) || containsJump(i.otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code break} or {@code return} ends this loop's body (not a nested loop's). */
  private static boolean breaksOrReturns(List<Stmt> body) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Break || s instanceof Stmt.Return) {
        return true;
      }
      if (s instanceof Stmt.If i && (breaksOrReturns(i.then()) || breaksOrReturns(i.otherwise()))) {
        return true;
      }
      if (s instanceof Stmt.Loop && returnsFromLoop(List.of(s), false)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code return} stands inside a loop in {@code stmts} (or anywhere, if inLoop). */
  private static boolean returnsFromLoop(List<Stmt> stmts, boolean inLoop) {
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Return && inLoop) {
        return true;
      }
      if (s instanceof Stmt.If i && (returnsFromLoop(i.then(), inLoop)
          || returnsFromLoop(i.otherwise(), inLoop))) {
        return true;
      }
      if (s instanceof Stmt.Loop l && returnsFromLoop(l.body(), true)) {
        return true;
      }
    }
    return false;
  }
}
