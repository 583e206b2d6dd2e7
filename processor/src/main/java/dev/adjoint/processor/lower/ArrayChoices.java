package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Arrays chosen by a conditional ({@code double[] r = c ? a : b}, {@code dot(c ? a : b, x)}).
 * {@link AliasExpansion} substitutes the choice for the alias in every use, so each element read
 * names the arrays it may read, {@code (c ? a : b)[i]}, and the backward sweep adds into the
 * adjoint of the one chosen. For that the choice must be the same then as when the alias was
 * made: each condition is evaluated once, where the user's code evaluates it, into a boolean the
 * backward sweep reads (and that is recorded like any value a loop overwrites). A nested choice's
 * condition is evaluated only on the path that reaches it, as Java does.
 */
final class ArrayChoices {
  private static final Expr TRUE = new Expr.Const(Type.BOOLEAN, 1, null);

  /** The name of a local given to an array chosen inside an expression. */
  private static final String CHOSEN = "chosen";

  private ArrayChoices() {}

  /**
   * Gives every array chosen by a conditional inside another expression (a call's argument, an
   * element read) a local of its own just before its statement, so {@link AliasExpansion} treats
   * it like {@code double[] r = c ? a : b}. Conditions of {@code if}s and loops carry no
   * derivative and are left as they are.
   */
  static List<Stmt> nameChoices(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        boolean alias = a.target().type().isArray() && a.value() instanceof Expr.Cond;
        Expr value = alias ? a.value() : named(a.value(), a.source(), out);
        out.add(new Stmt.Assign(a.target(), value, a.accumulate(), a.source()));
      } else if (s instanceof Stmt.Store st) {
        Expr value = named(st.value(), st.source(), out);
        out.add(new Stmt.Store(st.array(), st.index(), value, st.accumulate(), st.source()));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), nameChoices(i.then()), nameChoices(i.otherwise()),
            i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), nameChoices(l.body()), nameChoices(l.update()),
            l.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** {@code e} with each array conditional it always evaluates replaced by a new local. */
  private static Expr named(Expr e, SourceRef src, List<Stmt> out) {
    if (!carriesDerivative(e)) {
      return e; // a condition or an index: only its value matters, and Java's code computes it
    }
    if (e instanceof Expr.Cond c && c.type().isArray()) {
      Var chosen = new Var(CHOSEN, c.type(), Var.Role.LOCAL);
      out.add(Stmt.Assign.set(chosen, c, src));
      return Exprs.ref(chosen);
    }
    if (e instanceof Expr.Cond c) {
      // Only one branch runs: an array chosen inside it cannot be named before the statement.
      requireNoChoice(c.then(), src);
      requireNoChoice(c.otherwise(), src);
      return new Expr.Cond(named(c.condition(), src, out), c.then(), c.otherwise());
    }
    if (e instanceof Expr.Binary b && b.op().isLogical()) {
      requireNoChoice(b.right(), src);
      return new Expr.Binary(b.op(), named(b.left(), src, out), b.right());
    }
    List<Expr> children = Exprs.children(e);
    if (children.isEmpty()) {
      return e;
    }
    // Children in evaluation order, so named choices keep the order of their conditions; an
    // earlier operand that calls a helper is named too, before a later choice's condition, so
    // helpers still run in Java's order (one may keep state).
    List<Expr> rebuilt = new ArrayList<>();
    for (Expr child : children) {
      int mark = out.size();
      Expr named = named(child, src, out);
      if (out.size() > mark) {
        for (int i = 0; i < rebuilt.size(); i++) {
          Expr earlier = rebuilt.get(i);
          if (Exprs.callsHelper(earlier)) {
            Var operand = Var.holding("operand", Var.Role.TEMP, earlier);
            out.add(mark++, Stmt.Assign.set(operand, earlier, src));
            rebuilt.set(i, Exprs.ref(operand));
          }
        }
      }
      rebuilt.add(named);
    }
    return withChildren(e, rebuilt);
  }

  private static boolean carriesDerivative(Expr e) {
    return e.type() == Type.DOUBLE || e.type().isArray();
  }

  /** An array choice where it cannot be named: verify.NestedArrayChoices rejects it first. */
  private static void requireNoChoice(Expr e, SourceRef src) {
    if (!carriesDerivative(e)) {
      return;
    }
    if (e instanceof Expr.Cond c && c.type().isArray()) {
      throw new IllegalStateException("nested array choice at " + src);
    }
    Exprs.children(e).forEach(child -> requireNoChoice(child, src));
  }

  private static Expr withChildren(Expr e, List<Expr> c) {
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), c.get(0));
    } else if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), c.get(0), c.get(1));
    } else if (e instanceof Expr.Call call) {
      return new Expr.Call(call.owner(), call.name(), c, call.type());
    } else if (e instanceof Expr.Cond) {
      return new Expr.Cond(c.get(0), c.get(1), c.get(2));
    } else if (e instanceof Expr.Cast cast) {
      return new Expr.Cast(cast.type(), c.get(0));
    } else if (e instanceof Expr.Index) {
      return new Expr.Index(c.get(0), c.get(1));
    } else if (e instanceof Expr.Length) {
      return new Expr.Length(c.get(0));
    } else if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), c);
    } else if (e instanceof Expr.Invoke call) {
      return call.withArgs(c);
    }
    return e;
  }

  /**
   * The array expression an alias names ({@code c ? a : m[k(i)]}), with every condition and
   * every index that calls a helper evaluated once into a local added to {@code out}.
   */
  static Expr record(String alias, Expr array, Set<Var> assigned, List<Stmt> out,
      SourceRef src) {
    return record(alias, array, TRUE, assigned, out, src);
  }

  /**
   * @param guard when {@code array} is evaluated at all (a nested choice's path)
   * @param assigned the variables the method assigns: a condition that is a parameter outside
   *     it keeps its value throughout and needs no recording
   */
  private static Expr record(String alias, Expr array, Expr guard, Set<Var> assigned,
      List<Stmt> out, SourceRef src) {
    if (array instanceof Expr.Ref) {
      return array;
    } else if (array instanceof Expr.Index row) {
      Expr index = row.index();
      if (!index.isAtom() && Exprs.callsHelper(index)) {
        Var k = new Var("index", index.type(), Var.Role.TEMP);
        out.add(Stmt.Assign.set(k, guarded(guard, index, Expr.Const.ofInt(0)), src));
        index = Exprs.ref(k);
      }
      return new Expr.Index(record(alias, row.array(), guard, assigned, out, src), index);
    } else if (array instanceof Expr.Cond c) {
      Expr condition = c.condition();
      boolean recorded = condition instanceof Expr.Ref r && (r.var().role() == Var.Role.BRANCH
          || r.var().isInput() && !assigned.contains(r.var()));
      Expr thenGuard = and(guard, condition);
      if (!recorded) {
        Var choice = new Var(alias.equals(CHOSEN) ? "choice" : alias + "Choice", Type.BOOLEAN,
            Var.Role.BRANCH);
        out.add(Stmt.Assign.set(choice, and(guard, condition), src));
        condition = Exprs.ref(choice);
        thenGuard = condition; // the choice holds only where the guard does
      }
      Expr notTaken = new Expr.Unary(Op.NOT, condition);
      return new Expr.Cond(condition,
          record(alias, c.then(), thenGuard, assigned, out, src),
          record(alias, c.otherwise(), and(guard, notTaken), assigned, out, src));
    }
    // An inline choice's local (CHOSEN) is ours: the message speaks of the choice itself.
    String what = alias.equals(CHOSEN) ? "an array" : "array " + alias + " is";
    throw new UnsupportedConstruct(src, what + " chosen by a conditional whose"
        + " branch computes a new array (" + computed(array) + "); declare that array as a"
        + " local first and choose between variables");
  }

  private static Expr and(Expr guard, Expr condition) {
    return guard == TRUE ? condition : new Expr.Binary(Op.AND, guard, condition);
  }

  private static Expr guarded(Expr guard, Expr value, Expr otherwise) {
    return guard == TRUE ? value : new Expr.Cond(guard, value, otherwise);
  }

  /**
   * Writing through an alias would need the store split by the choice; the user can write that
   * if/else, so it is an error at the store.
   */
  static void rejectWritesThrough(List<Stmt> body, Var alias) {
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Store st && Stmts.baseVar(st.array()) == alias) {
        throw new UnsupportedConstruct(st.source(), "a write into array " + alias.name()
            + ", which a conditional chooses, is not supported; write into the chosen array"
            + " itself in an if/else");
      }
    });
  }

  private static String computed(Expr array) {
    if (array instanceof Expr.Invoke call) {
      return "a call of " + call.name();
    }
    return array instanceof Expr.NewArray ? "new " + array.type().javaName() : "an expression";
  }

  static String describe(Expr.Cond c) {
    return ArrayNames.describeChoice(c);
  }
}
