package dev.adjoint.processor.optimize;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code v̄ = e1; ...; v̄ += e2} becomes {@code ...; v̄ = e1 + e2} (and {@code v̄ += e1; ...;
 * v̄ += e2} becomes {@code ...; v̄ += e1 + e2}, as for array elements) when nothing between
 * mentions {@code v̄} or writes what {@code e1} reads (a pullback call's effect keeps its place: it merges
 * only with the next statement). Runs of {@code +=} fold into one sum in one pass; the sum is
 * left for {@link Fold} to tidy.
 */
final class MergeAccumulations implements Pass {
  @Override
  public Sweeps apply(Sweeps body, Context context) {
    List<Stmt> backward = Blocks.bottomUp(body.backward(), block -> merge(block, context));
    return backward == body.backward() ? body : new Sweeps(body.forward(), backward);
  }

  /**
   * What an adjoint's value reads, kept up to date as terms are added, instead of walking the
   * growing sum at every merge: its inputs, and the first statement after the value's place
   * that writes one of them ({@code stop}).
   */
  private static final class Value {
    final Set<Var> inputs = new HashSet<>();
    boolean effect;
    boolean memory;
    int stop = Integer.MAX_VALUE;

    Value(Expr e, int at, Map<Var, TreeSet<Integer>> written) {
      add(e, at, written);
    }

    /** Adds the reads of {@code e}, the value now being at {@code at}. */
    void add(Expr e, int at, Map<Var, TreeSet<Integer>> written) {
      if (stop <= at) {
        // An input is written at the new place itself (the merge stopped there): look again.
        stop = Integer.MAX_VALUE;
        for (Var in : inputs) {
          stop = Math.min(stop, next(written.get(in), at, Integer.MAX_VALUE));
        }
      }
      Set<Var> reads = Exprs.reads(e);
      for (Var in : reads) {
        if (inputs.add(in)) {
          stop = Math.min(stop, next(written.get(in), at, Integer.MAX_VALUE));
        }
      }
      effect |= Exprs.hasEffect(e);
      memory |= Exprs.readsMemory(e);
    }
  }

  private static List<Stmt> merge(List<Stmt> block, Context context) {
    // Where each variable is mentioned or written, and where memory is stored into, so the scan
    // from each adjoint's assignment jumps to the first statement that stops it. A merge moves
    // the reads of e1 to the later statement, which these need not follow: nothing between
    // writes what e1 reads, so no assignment there is a candidate they could stop.
    Map<Var, TreeSet<Integer>> mentioned = new IdentityHashMap<>();
    Map<Var, TreeSet<Integer>> written = new IdentityHashMap<>();
    TreeSet<Integer> stores = new TreeSet<>();
    for (int k = 0; k < block.size(); k++) {
      Context.Facts f = context.facts(block.get(k));
      for (Var r : f.reads()) {
        mentioned.computeIfAbsent(r, x -> new TreeSet<>()).add(k);
      }
      for (Var w : f.writes()) {
        mentioned.computeIfAbsent(w, x -> new TreeSet<>()).add(k);
        written.computeIfAbsent(w, x -> new TreeSet<>()).add(k);
      }
      if (f.storesMemory()) {
        stores.add(k);
      }
    }
    List<Stmt> out = new ArrayList<>(block);
    Map<Integer, Value> merged = new HashMap<>();
    boolean changed = false;
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Assign first)
          || first.target().role() != Var.Role.ADJOINT) {
        continue;
      }
      Var v = first.target();
      Value value = merged.containsKey(i) ? merged.remove(i)
          : new Value(first.value(), i, written);
      int reach = value.effect ? Math.min(i + 2, out.size()) : out.size();
      int j = Math.min(next(mentioned.get(v), i, reach), Math.min(value.stop, reach));
      if (value.memory) {
        j = Math.min(j, next(stores, i, reach));
      }
      if (j < reach && out.get(j) instanceof Stmt.Assign second && second.target() == v
          && second.accumulate() && Exprs.countReads(second.value(), v) == 0) {
        Expr sum = new Expr.Binary(Op.ADD, first.value(), second.value());
        out.set(j, first.accumulate() ? Stmt.Assign.add(v, sum, second.source())
            : Stmt.Assign.set(v, sum, second.source()));
        out.set(i, null);
        value.add(second.value(), j, written);
        merged.put(j, value);
        changed = true;
      }
    }
    if (!changed) {
      return block;
    }
    out.removeIf(Objects::isNull);
    return out;
  }

  /** The first index after {@code i} in {@code at}, or {@code none} if there is none before. */
  private static int next(TreeSet<Integer> at, int i, int none) {
    Integer k = at == null ? null : at.higher(i);
    return k == null || k >= none ? none : k;
  }
}
