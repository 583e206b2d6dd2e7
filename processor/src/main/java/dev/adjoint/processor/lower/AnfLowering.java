package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers to three-address form: every differentiable assignment applies one operator or rule
 * to atoms, so each intermediate value has a name the backward sweep can reuse. Conditions are
 * recorded in a {@link Var.Role#BRANCH} variable before the {@code if}, so the backward sweep
 * takes the same branch even if the condition's inputs change later. Integer and boolean
 * subexpressions carry no derivative and stay whole.
 *
 * <p>Guarantee relied on by {@link ReverseMode}: the final operator of an assignment never reads
 * its own target.
 */
public final class AnfLowering {
  /** Arrays the method stores into: an index reading them may change before the backward sweep. */
  private final java.util.Set<Var> stored = new java.util.HashSet<>();

  private AnfLowering() {}

  public static Function apply(Function fn) {
    AnfLowering lowering = new AnfLowering();
    dev.adjoint.processor.ir.Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Store st) {
        lowering.stored.add(dev.adjoint.processor.ir.Stmts.baseVar(st.array()));
      }
    });
    return fn.withBody(lowering.lowerBlock(fn.body()));
  }

  private List<Stmt> lowerBlock(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        lowerAssign(a.target(), a.value(), a.source(), out);
      } else if (s instanceof Stmt.If i) {
        Var branch = new Var("branch", Type.BOOLEAN, Var.Role.BRANCH);
        out.add(Stmt.Assign.set(branch, i.condition(), i.source()));
        out.add(new Stmt.If(Exprs.ref(branch), lowerBlock(i.then()), lowerBlock(i.otherwise()),
            i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), lowerBlock(l.body()), lowerBlock(l.update()),
            l.source()));
      } else if (s instanceof Stmt.Store st) {
        Expr array = address(st.array(), st.source(), out);
        Expr at = index(st.index(), st.source(), out);
        st = new Stmt.Store(array, at, st.value(), st.accumulate(), st.source());
        Expr value = st.value();
        if (value.type() == Type.DOUBLE && differentiable(value) && !value.isAtom()) {
          Var t = temp(value);
          lowerAssign(t, value, st.source(), out);
          value = Exprs.ref(t);
        }
        out.add(new Stmt.Store(st.array(), st.index(), value, st.accumulate(), st.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private void lowerAssign(Var target, Expr value, SourceRef src, List<Stmt> out) {
    if (target.type().isArray() && value instanceof Expr.Invoke call) {
      out.add(Stmt.Assign.set(target, operands(call, src, out), src));
      return;
    }
    if (target.type() != Type.DOUBLE || !differentiable(value)) {
      out.add(Stmt.Assign.set(target, value, src));
      return;
    }
    if (value instanceof Expr.Cond c) {
      lowerConditional(target, c, src, out);
      return;
    }
    Expr last = operands(value, src, out);
    if (Exprs.countReads(last, target) > 0 && !last.isAtom()) {
      Var t = temp(last);
      out.add(Stmt.Assign.set(t, last, src));
      last = Exprs.ref(t);
    } else if (last instanceof Expr.Ref r && r.var() == target) {
      return; // x = x
    }
    out.add(Stmt.Assign.set(target, last, src));
  }

  private void lowerConditional(Var target, Expr.Cond c, SourceRef src, List<Stmt> out) {
    Var branch = new Var("branch", Type.BOOLEAN, Var.Role.BRANCH);
    out.add(Stmt.Assign.set(branch, c.condition(), src));
    List<Stmt> then = new ArrayList<>();
    lowerAssign(target, c.then(), src, then);
    List<Stmt> otherwise = new ArrayList<>();
    lowerAssign(target, c.otherwise(), src, otherwise);
    out.add(new Stmt.If(Exprs.ref(branch), then, otherwise, src));
  }

  /** Lowers the operands of {@code e} into temporaries and returns {@code e} over atoms. */
  private Expr operands(Expr e, SourceRef src, List<Stmt> out) {
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), atom(u.operand(), src, out));
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), atom(b.left(), src, out), atom(b.right(), src, out));
    } else if (e instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(atom(a, src, out));
      }
      return new Expr.Call(c.owner(), c.name(), args, c.type());
    } else if (e instanceof Expr.Index load) {
      return new Expr.Index(address(load.array(), src, out), index(load.index(), src, out));
    } else if (e instanceof Expr.Invoke call) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : call.args()) {
        args.add(atom(a, src, out));
      }
      return call.withArgs(args);
    } else if (e instanceof Expr.Cast c && c.operand().type() == Type.DOUBLE) {
      return operands(c.operand(), src, out); // (double) of a double is the identity
    }
    return e;
  }

  /**
   * {@code m[i]} of a matrix element, with its row index lowered like any index; an array a
   * call returns ({@code matVec(W, x)[1]}) is named first, so the element's adjoint has an
   * array to go to.
   */
  private Expr address(Expr array, SourceRef src, List<Stmt> out) {
    if (array instanceof Expr.Invoke call && call.type().isArray()) {
      return atom(array, src, out);
    }
    return array instanceof Expr.Index row
        ? new Expr.Index(address(row.array(), src, out), index(row.index(), src, out)) : array;
  }

  /**
   * An index the backward sweep can evaluate again: one that reads elements of an array the
   * method writes is computed once into an integer temporary, since they may change before then,
   * and so is one that calls a helper, which must run exactly as often as in the user's code.
   */
  private Expr index(Expr index, SourceRef src, List<Stmt> out) {
    if (!index.isAtom() && Exprs.callsHelper(index)) {
      return named(index, src, out);
    }
    boolean[] readsStored = {false};
    Exprs.rewrite(index, node -> {
      if (node instanceof Expr.Index i) {
        readsStored[0] |= dev.adjoint.processor.ir.Stmts.bases(i.array()).stream()
            .anyMatch(stored::contains);
      }
      return node;
    });
    return readsStored[0] ? named(index, src, out) : index;
  }

  private static Expr named(Expr index, SourceRef src, List<Stmt> out) {
    Var k = new Var("index", index.type(), Var.Role.TEMP);
    out.add(Stmt.Assign.set(k, index, src));
    return Exprs.ref(k);
  }

  /** An atom for {@code e}: itself, or a temporary holding its value. */
  private Expr atom(Expr e, SourceRef src, List<Stmt> out) {
    if (e instanceof Expr.Invoke call && call.type().isArray()) {
      // An array a call returns gets a name, so its adjoint array can be allocated beside it.
      Var t = new Var(call.name(), call.type(), Var.Role.TEMP);
      out.add(Stmt.Assign.set(t, operands(call, src, out), src));
      return Exprs.ref(t);
    }
    boolean helper = Exprs.callsHelper(e);
    if (!e.isAtom() && !e.type().isArray() && (!differentiable(e) || e.type() != Type.DOUBLE)
        && (helper || Exprs.readsMemory(e))) {
      // An operand the backward sweep would read again, e.g. (double) next(i) in a product's
      // partial, or (int) (t[0] * 3) as a callee's argument: computed once, so the helper is
      // not called a second time and a later store into t[0] does not change it.
      Var t = e.type() == Type.DOUBLE ? temp(e)
          : new Var(helper ? "helperValue" : "operand", e.type(), Var.Role.TEMP);
      out.add(Stmt.Assign.set(t, e, src));
      return Exprs.ref(t);
    }
    if (e.isAtom() || e.type() != Type.DOUBLE || !differentiable(e)) {
      return e;
    }
    Var t = temp(e);
    lowerAssign(t, e, src, out);
    return Exprs.ref(t);
  }

  /** Whether a derivative can flow through {@code e}; integer-valued code stays whole. */
  private static boolean differentiable(Expr e) {
    return e.type() == Type.DOUBLE
        && !(e instanceof Expr.Cast c && c.operand().type() != Type.DOUBLE);
  }

  private static Var temp(Expr e) {
    String name;
    if (e instanceof Expr.Call c) {
      name = c.name();
    } else if (e instanceof Expr.Invoke call) {
      name = call.name();
    } else if (e instanceof Expr.Binary b) {
      switch (b.op()) {
        case ADD:
          name = "sum";
          break;
        case SUB:
          name = "difference";
          break;
        case MUL:
          name = "product";
          break;
        case DIV:
          name = "quotient";
          break;
        default:
          name = "tmp";
      }
    } else if (e instanceof Expr.Unary) {
      name = "negated";
    } else if (e instanceof Expr.Index) {
      name = "element";
    } else {
      name = "tmp";
    }
    return new Var(name, Type.DOUBLE, Var.Role.TEMP);
  }
}
