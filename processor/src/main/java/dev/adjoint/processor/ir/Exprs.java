package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Queries and rewrites over expressions. */
public final class Exprs {
  private Exprs() {}

  public static Expr ref(Var v) {
    return new Expr.Ref(v);
  }

  /** The variables {@code e} reads, in first-occurrence order. */
  /**
   * The class of an {@link Type#OBJECT} value: its variable's, {@code String} for a string
   * literal; null for {@code null} and for other types.
   */
  public static ClassRef objectClass(Expr e) {
    if (e instanceof Expr.Ref r) {
      return r.var().objectClass();
    }
    return e instanceof Expr.Const c && c.type() == Type.OBJECT && c.symbol().startsWith("\"")
        ? ObjectMethods.STRING : null;
  }

  public static Set<Var> reads(Expr e) {
    Set<Var> out = new LinkedHashSet<>();
    collectReads(e, out);
    return out;
  }

  public static void collectReads(Expr e, Set<Var> out) {
    if (e instanceof Expr.Ref r) {
      out.add(r.var());
    }
    for (Expr child : children(e)) {
      collectReads(child, out);
    }
  }

  /** How many times {@code e} reads {@code v}. */
  public static int countReads(Expr e, Var v) {
    int n = e instanceof Expr.Ref r && r.var() == v ? 1 : 0;
    for (Expr child : children(e)) {
      n += countReads(child, v);
    }
    return n;
  }

  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    } else if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    } else if (e instanceof Expr.Call c) {
      return c.args();
    } else if (e instanceof Expr.Cond c) {
      return List.of(c.condition(), c.then(), c.otherwise());
    } else if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    } else if (e instanceof Expr.Index i) {
      return List.of(i.array(), i.index());
    } else if (e instanceof Expr.Length l) {
      return List.of(l.array());
    } else if (e instanceof Expr.NewArray n) {
      return n.dimensions();
    } else if (e instanceof Expr.Invoke i) {
      return i.args();
    }
    return List.of();
  }

  /** Rebuilds {@code e} bottom-up, applying {@code f} to every node after its children. */
  public static Expr rewrite(Expr e, Function<Expr, Expr> f) {
    Expr rebuilt;
    if (e instanceof Expr.Unary u) {
      rebuilt = new Expr.Unary(u.op(), rewrite(u.operand(), f));
    } else if (e instanceof Expr.Binary b) {
      rebuilt = new Expr.Binary(b.op(), rewrite(b.left(), f), rewrite(b.right(), f));
    } else if (e instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : c.args()) {
        args.add(rewrite(a, f));
      }
      rebuilt = new Expr.Call(c.owner(), c.name(), args, c.type());
    } else if (e instanceof Expr.Cond c) {
      rebuilt =
          new Expr.Cond(
              rewrite(c.condition(), f), rewrite(c.then(), f), rewrite(c.otherwise(), f));
    } else if (e instanceof Expr.Cast c) {
      rebuilt = new Expr.Cast(c.type(), rewrite(c.operand(), f));
    } else if (e instanceof Expr.Index i) {
      rebuilt = new Expr.Index(rewrite(i.array(), f), rewrite(i.index(), f));
    } else if (e instanceof Expr.Length l) {
      rebuilt = new Expr.Length(rewrite(l.array(), f));
    } else if (e instanceof Expr.NewArray n) {
      List<Expr> dims = new ArrayList<>();
      for (Expr d : n.dimensions()) {
        dims.add(rewrite(d, f));
      }
      rebuilt = new Expr.NewArray(n.type(), dims);
    } else if (e instanceof Expr.Invoke call) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : call.args()) {
        args.add(rewrite(a, f));
      }
      rebuilt = call.withArgs(args);
    } else {
      rebuilt = e;
    }
    return f.apply(rebuilt);
  }

  /** Replaces reads of the map's variables by the mapped expressions. */
  public static Expr substitute(Expr e, Map<Var, ? extends Expr> replacements) {
    return rewrite(
        e,
        node ->
            node instanceof Expr.Ref r && replacements.containsKey(r.var())
                ? replacements.get(r.var())
                : node);
  }

  /** Fills a rule template's holes with the call's arguments and result. */
  public static Expr instantiate(Expr template, List<Expr> args, Expr result) {
    return rewrite(
        template,
        node -> {
          if (node instanceof Expr.Hole h) {
            return h.index() == Expr.Hole.RESULT ? result : args.get(h.index());
          }
          return node;
        });
  }

  /**
   * Whether evaluating {@code e} has an effect (a stack pop, or a call of the user's int helper,
   * which may keep state or be expensive), so it must stay where it is and run as often as the
   * user's code runs it.
   */
  public static boolean hasEffect(Expr e) {
    if (e instanceof Expr.Pop || e instanceof Expr.Invoke i
        && (i.kind() == Expr.Invoke.Kind.PULLBACK || i.kind() == Expr.Invoke.Kind.HELPER)
        && !ObjectMethods.isOnValue(i)) {
      return true;
    }
    for (Expr child : children(e)) {
      if (hasEffect(child)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} calls one of the user's helpers (which must not run again). */
  public static boolean callsHelper(Expr e) {
    if (e instanceof Expr.Invoke i && i.kind() == Expr.Invoke.Kind.HELPER
        && !ObjectMethods.isOnValue(i)) {
      return true;
    }
    for (Expr child : children(e)) {
      if (callsHelper(child)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} reads an array element (whose value stores may change). */
  public static boolean readsMemory(Expr e) {
    if (e instanceof Expr.Index) {
      return true;
    }
    for (Expr child : children(e)) {
      if (readsMemory(child)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the template refers to the call's result. */
  public static boolean usesResult(Expr template) {
    if (template instanceof Expr.Hole h && h.index() == Expr.Hole.RESULT) {
      return true;
    }
    for (Expr child : children(template)) {
      if (usesResult(child)) {
        return true;
      }
    }
    return false;
  }
}
