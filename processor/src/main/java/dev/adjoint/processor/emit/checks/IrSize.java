package dev.adjoint.processor.emit.checks;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** How many statements and expression nodes a body has; iterative, so depth costs no stack. */
public final class IrSize {
  private IrSize() {}

  public static long of(List<Stmt> body) {
    Deque<Object> work = new ArrayDeque<>(body);
    long nodes = 0;
    while (!work.isEmpty()) {
      Object o = work.pop();
      nodes++;
      if (o instanceof Stmt s) {
        pushChildren(s, work);
      } else if (o instanceof Expr e) {
        pushChildren(e, work);
      }
    }
    return nodes;
  }

  private static void pushChildren(Stmt s, Deque<Object> work) {
    if (s instanceof Stmt.Assign a) {
      work.push(a.value());
    } else if (s instanceof Stmt.Store st) {
      work.push(st.array());
      work.push(st.index());
      work.push(st.value());
    } else if (s instanceof Stmt.If i) {
      work.push(i.condition());
      i.then().forEach(work::push);
      i.otherwise().forEach(work::push);
    } else if (s instanceof Stmt.Loop l) {
      work.push(l.condition());
      l.body().forEach(work::push);
      l.update().forEach(work::push);
    } else if (s instanceof Stmt.Push p) {
      work.push(p.value());
    } else if (s instanceof Stmt.Evaluate e) {
      work.push(e.call());
    } else if (s instanceof Stmt.Return r && r.value() != null) {
      work.push(r.value());
    }
  }

  private static void pushChildren(Expr e, Deque<Object> work) {
    if (e instanceof Expr.Unary u) {
      work.push(u.operand());
    } else if (e instanceof Expr.Binary b) {
      work.push(b.left());
      work.push(b.right());
    } else if (e instanceof Expr.Call c) {
      c.args().forEach(work::push);
    } else if (e instanceof Expr.Cond c) {
      work.push(c.condition());
      work.push(c.then());
      work.push(c.otherwise());
    } else if (e instanceof Expr.Cast c) {
      work.push(c.operand());
    } else if (e instanceof Expr.Index i) {
      work.push(i.array());
      work.push(i.index());
    } else if (e instanceof Expr.Length l) {
      work.push(l.array());
    } else if (e instanceof Expr.NewArray n) {
      n.dimensions().forEach(work::push);
    } else if (e instanceof Expr.Invoke i) {
      i.args().forEach(work::push);
    }
  }
}
