package dev.adjoint.processor.lower;

import dev.adjoint.processor.ir.ArrayResults;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every binding of an array variable its own {@link Var}, so each array value has its own
 * adjoint array and nothing the backward sweep reads is overwritten: in {@code y = scale(3, y)}
 * the new {@code y} becomes {@code y2} (adjoint {@code y2Bar}), and the pullback reads the old
 * {@code y} and adds into {@code yBar}. The suggested name keeps the user's, with a suffix.
 *
 * <p>Where the branches of an {@code if} leave different arrays in a variable that is read
 * after it, each branch ends by assigning a new join variable the array it left (a reference
 * copy, whose adjoint is that array's adjoint; see {@link ReverseMode}). Runs after {@link ControlFlowNormalizer} (so there are no
 * jumps) and before {@link AliasExpansion}, which leaves such joins in place.
 *
 * <p>An array that lives across the iterations of a loop and is rebound inside it (a new array
 * each iteration) would need one adjoint per iteration: {@code verify.LoopRebinding} rejects
 * that before this pass runs.
 */
final class ArrayRebinding {
  /** Every variable already bound somewhere: binding one again needs a new variable. */
  private final Set<Var> bound = new HashSet<>();
  /** Every name in the method, so a suffixed name never clashes with one of the user's. */
  private final Set<String> names = new HashSet<>();

  private ArrayRebinding() {}

  static Function apply(Function fn) {
    ArrayRebinding pass = new ArrayRebinding();
    Map<Var, Var> current = new LinkedHashMap<>();
    for (Var p : fn.params()) {
      pass.names.add(p.name());
      if (p.type().isArray()) {
        current.put(p, p);
        pass.bound.add(p);
      }
    }
    Stmts.walk(fn.body(), s -> {
      Stmts.writes(s).forEach(v -> pass.names.add(v.name()));
      Stmts.reads(s).forEach(v -> pass.names.add(v.name()));
    });
    return fn.withBody(pass.block(fn.body(), current, Set.of()));
  }

  /**
   * Renames {@code block}. {@code current} maps each array variable to the variable holding its
   * array on this path, and is updated; {@code liveOut}: variables read after the block.
   */
  private List<Stmt> block(List<Stmt> block, Map<Var, Var> current, Set<Var> liveOut) {
    List<Set<Var>> liveAfter = Stmts.arraysLiveAfter(block, liveOut);
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < block.size(); k++) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a && ArrayResults.returns(a)) {
        // A return: the result names the array returned, and nothing reads it afterwards.
        out.add(Substitution.apply(s, refs(current), b -> b));
      } else if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
        Expr value = Exprs.substitute(a.value(), refs(current));
        Var target = a.target();
        Var binding = current.containsKey(target) || bound.contains(target) ? fresh(target)
            : target;
        bound.add(binding);
        current.put(target, binding);
        out.add(new Stmt.Assign(binding, value, a.accumulate(), a.source()));
      } else if (s instanceof Stmt.If i) {
        out.add(branch(i, current, liveAfter.get(k)));
      } else if (s instanceof Stmt.Loop l) {
        out.add(loop(l, current, liveAfter.get(k)));
      } else {
        out.add(Substitution.apply(s, refs(current), b -> b));
      }
    }
    return out;
  }

  private Stmt branch(Stmt.If i, Map<Var, Var> current, Set<Var> liveAfter) {
    Expr condition = Exprs.substitute(i.condition(), refs(current));
    Map<Var, Var> thenCurrent = new LinkedHashMap<>(current);
    Map<Var, Var> elseCurrent = new LinkedHashMap<>(current);
    List<Stmt> then = block(i.then(), thenCurrent, liveAfter);
    List<Stmt> otherwise = block(i.otherwise(), elseCurrent, liveAfter);
    Set<Var> arrays = new LinkedHashSet<>(thenCurrent.keySet());
    arrays.addAll(elseCurrent.keySet());
    for (Var v : arrays) {
      Var before = current.get(v);
      Var t = thenCurrent.get(v);
      Var e = elseCurrent.get(v);
      if (t == e) {
        current.put(v, t);
        continue;
      }
      if (t == null || e == null || !liveAfter.contains(v)) {
        // Not assigned on every path (so Java forbids reading it), or never read again.
        continue;
      }
      // The join is a variable of its own, only ever a reference to a branch's array: each
      // array a branch made keeps its own variable, so a store into it is never taken for a
      // store into the other branch's array (or into the array before the if).
      Var join = fresh(v);
      bound.add(join);
      then.add(Stmt.Assign.set(join, Exprs.ref(t), bindingSource(then, t, i.source())));
      otherwise.add(Stmt.Assign.set(join, Exprs.ref(e), bindingSource(otherwise, e, i.source())));
      current.put(v, join);
    }
    return new Stmt.If(condition, then, otherwise, i.source());
  }

  private Stmt loop(Stmt.Loop l, Map<Var, Var> current, Set<Var> liveAfter) {
    Expr condition = Exprs.substitute(l.condition(), refs(current));
    Set<Var> carried = new HashSet<>(liveAfter);
    carried.addAll(Exprs.reads(l.condition()));
    for (Stmt.Assign a : Stmts.assignments(List.of(l))) {
      Var v = a.target();
      if (v.type().isArray() && (current.containsKey(v) || carried.contains(v))
          && !ArrayResults.returns(a)) {
        // verify.LoopRebinding rejects this before renaming.
        throw new IllegalStateException("array " + v.name() + " rebound inside a loop");
      }
    }
    // What the body declares is dead at the end of an iteration: what lives on is bound before
    // the loop, and (checked above) not rebound inside it.
    Set<Var> next = new HashSet<>(carried);
    for (Stmt u : l.update()) {
      next.addAll(Stmts.reads(u));
    }
    Map<Var, Var> inside = new LinkedHashMap<>(current);
    List<Stmt> body = block(l.body(), inside, next);
    List<Stmt> update = block(l.update(), inside, next);
    return new Stmt.Loop(condition, body, update, l.source());
  }

  /** A new variable for another binding of {@code v}: {@code y2}, {@code y3}, ... */
  private Var fresh(Var v) {
    String name = v.name();
    for (int n = 2; ; n++) {
      if (names.add(v.name() + n)) {
        name = v.name() + n;
        break;
      }
    }
    return v.rebinding(name);
  }

  /** Where {@code block} binds {@code v} last (what a message about the join points at). */
  private static SourceRef bindingSource(List<Stmt> block, Var v, SourceRef otherwise) {
    SourceRef at = otherwise;
    for (Stmt.Assign a : Stmts.assignments(block)) {
      if (a.target() == v) {
        at = a.source();
      }
    }
    return at;
  }

  private static Map<Var, Expr> refs(Map<Var, Var> vars) {
    Map<Var, Expr> out = new HashMap<>();
    vars.forEach((from, to) -> out.put(from, Exprs.ref(to)));
    return out;
  }
}
