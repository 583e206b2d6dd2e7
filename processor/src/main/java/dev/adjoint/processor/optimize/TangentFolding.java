package dev.adjoint.processor.optimize;

import dev.adjoint.processor.forward.ForwardMode;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The algebra of the backward sweep ({@link Algebra}: {@code -1.0 * xDot} is {@code -xDot},
 * {@code 0 * t} drops) on a tangent program's tangent statements only: its primal statements
 * compute exactly the user's values and its adjoints exactly the pullback's, so they stay.
 */
public final class TangentFolding {
  private TangentFolding() {}

  public static ForwardMode.Output apply(ForwardMode.Output tangent) {
    Set<Var> dots = Collections.newSetFromMap(new IdentityHashMap<>());
    dots.addAll(tangent.dots().values());
    Sweeps s = tangent.sweeps();
    return new ForwardMode.Output(tangent.function(),
        new Sweeps(block(s.forward(), dots), block(s.backward(), dots)), tangent.dots());
  }

  private static List<Stmt> block(List<Stmt> stmts, Set<Var> dots) {
    List<Stmt> out = new ArrayList<>(stmts.size());
    for (Stmt s : stmts) {
      if (s instanceof Stmt.Assign a && dots.contains(a.target()) && !(a.value() instanceof
          Expr.Pop)) {
        out.add(new Stmt.Assign(a.target(), Algebra.simplify(a.value()), a.accumulate(),
            a.source()));
      } else if (s instanceof Stmt.Store st && dots.contains(Stmts.baseVar(st.array()))) {
        out.add(new Stmt.Store(st.array(), st.index(), Algebra.simplify(st.value()),
            st.accumulate(), st.source()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), block(i.then(), dots), block(i.otherwise(), dots),
            i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), block(l.body(), dots), block(l.update(), dots),
            l.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }
}
