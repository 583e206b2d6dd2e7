package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rebuilds one statement with variables replaced in every expression it holds. */
final class Substitution {
  private Substitution() {}

  /**
   * @param nested how to rebuild nested blocks (callers recurse with their own rules, e.g. to
   *     drop a definition wherever it sits)
   */
  static Stmt apply(Stmt s, Map<Var, ? extends Expr> sub, UnaryOperator<List<Stmt>> nested) {
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.target(), Exprs.substitute(a.value(), sub), a.accumulate(),
          a.source());
    } else if (s instanceof Stmt.Store st) {
      return new Stmt.Store(Exprs.substitute(st.array(), sub), Exprs.substitute(st.index(), sub),
          Exprs.substitute(st.value(), sub), st.accumulate(), st.source());
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(Exprs.substitute(p.value(), sub), p.source());
    } else if (s instanceof Stmt.Evaluate ev) {
      return new Stmt.Evaluate((Expr.Invoke) Exprs.substitute(ev.call(), sub), ev.source());
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(Exprs.substitute(i.condition(), sub), nested.apply(i.then()),
          nested.apply(i.otherwise()), i.source());
    } else if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(Exprs.substitute(l.condition(), sub), nested.apply(l.body()),
          nested.apply(l.update()), l.source());
    }
    return s;
  }
}
