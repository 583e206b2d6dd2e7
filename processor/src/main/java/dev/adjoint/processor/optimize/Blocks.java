package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilding structured statements: every block of a body, or one statement's own expressions. */
final class Blocks {
  private Blocks() {}

  /**
   * Applies {@code rewrite} to every block, innermost first: a branch's or a loop's blocks are
   * rewritten before the block holding it. Returns {@code block} itself if nothing changed.
   */
  static List<Stmt> bottomUp(List<Stmt> block, UnaryOperator<List<Stmt>> rewrite) {
    List<Stmt> out = new ArrayList<>(block.size());
    boolean changed = false;
    for (Stmt s : block) {
      Stmt t = s;
      if (s instanceof Stmt.If i) {
        List<Stmt> then = bottomUp(i.then(), rewrite);
        List<Stmt> otherwise = bottomUp(i.otherwise(), rewrite);
        if (then != i.then() || otherwise != i.otherwise()) {
          t = new Stmt.If(i.condition(), then, otherwise, i.source());
        }
      } else if (s instanceof Stmt.Loop l) {
        List<Stmt> body = bottomUp(l.body(), rewrite);
        List<Stmt> update = bottomUp(l.update(), rewrite);
        if (body != l.body() || update != l.update()) {
          t = new Stmt.Loop(l.condition(), body, update, l.source());
        }
      }
      changed |= t != s;
      out.add(t);
    }
    List<Stmt> rewritten = rewrite.apply(changed ? out : block);
    return rewritten.equals(block) ? block : rewritten;
  }

  /**
   * Applies {@code rewrite} to every block, outermost first: a block is rewritten, then the
   * blocks of the branches and loops it then holds. Returns {@code block} itself if unchanged.
   */
  static List<Stmt> topDown(List<Stmt> block, UnaryOperator<List<Stmt>> rewrite) {
    List<Stmt> first = rewrite.apply(block);
    List<Stmt> out = new ArrayList<>(first.size());
    boolean changed = first != block;
    for (Stmt s : first) {
      Stmt t = s;
      if (s instanceof Stmt.If i) {
        List<Stmt> then = topDown(i.then(), rewrite);
        List<Stmt> otherwise = topDown(i.otherwise(), rewrite);
        if (then != i.then() || otherwise != i.otherwise()) {
          t = new Stmt.If(i.condition(), then, otherwise, i.source());
        }
      } else if (s instanceof Stmt.Loop l) {
        List<Stmt> body = topDown(l.body(), rewrite);
        List<Stmt> update = topDown(l.update(), rewrite);
        if (body != l.body() || update != l.update()) {
          t = new Stmt.Loop(l.condition(), body, update, l.source());
        }
      }
      changed |= t != s;
      out.add(t);
    }
    return changed ? out : block;
  }

  /**
   * {@code s} with {@code rewrite} applied to the expressions it holds itself (value, index,
   * condition), not to nested statements; {@code s} itself if none changes.
   */
  static Stmt ownExpressions(Stmt s, UnaryOperator<Expr> rewrite) {
    if (s instanceof Stmt.Assign a) {
      Expr v = rewrite.apply(a.value());
      return v == a.value() ? a : new Stmt.Assign(a.target(), v, a.accumulate(), a.source());
    } else if (s instanceof Stmt.Store st) {
      Expr array = rewrite.apply(st.array());
      Expr index = rewrite.apply(st.index());
      Expr v = rewrite.apply(st.value());
      return array == st.array() && index == st.index() && v == st.value() ? st
          : new Stmt.Store(array, index, v, st.accumulate(), st.source());
    } else if (s instanceof Stmt.Push p) {
      Expr v = rewrite.apply(p.value());
      return v == p.value() ? p : new Stmt.Push(v, p.source());
    } else if (s instanceof Stmt.Evaluate ev) {
      Expr v = rewrite.apply(ev.call());
      return v == ev.call() ? ev : new Stmt.Evaluate((Expr.Invoke) v, ev.source());
    } else if (s instanceof Stmt.If i) {
      Expr c = rewrite.apply(i.condition());
      return c == i.condition() ? i : new Stmt.If(c, i.then(), i.otherwise(), i.source());
    } else if (s instanceof Stmt.Loop l) {
      Expr c = rewrite.apply(l.condition());
      return c == l.condition() ? l : new Stmt.Loop(c, l.body(), l.update(), l.source());
    }
    return s;
  }
}
