package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the mechanical output of the transforms into code a person would write: folds the
 * chain rule's trivial factors, inlines temporaries and adjoints used once, rematerializes cheap
 * arithmetic instead of naming it, merges {@code x̄ = 0; x̄ += a; x̄ += b} into {@code x̄ = a +
 * b}, and drops dead statements. Every rewrite checks that no variable it reads is written on
 * the way, so values and evaluation order stay those of the unsimplified code.
 */
public final class Simplifier {
  /** Larger inlined expressions read worse than a named intermediate. */
  private static final int MAX_INLINED_SIZE = 16;

  private final Set<Var> roots;
  private final Map<Stmt, Set<Var>> liveOut = new IdentityHashMap<>();

  private Simplifier(Set<Var> roots) {
    this.roots = roots;
  }

  /** The original fixpoint's bound on rounds; a batched round counts once per inlining. */
  private static final int MAX_ROUNDS = 1000;

  /** Simplifies {@code fn}; {@code roots} are read after the body (the result, outputs). */
  public static Function apply(Function fn, Set<Var> roots) {
    return run(fn, roots, true).result;
  }

  /** What a run did, for tests. */
  Function result;

  /** Passes over the whole body (calls of the round's passes). */
  int passes;

  /** Inlinings in all, and rounds of the original fixpoint they stand for. */
  int inlinings;

  int rounds;

  /**
   * The fixpoint; {@code batching} false does one inlining per pass, as the fixpoint was first
   * written (tests compare the two).
   */
  static Simplifier run(Function fn, Set<Var> roots, boolean batching) {
    Simplifier s = new Simplifier(roots);
    // Fresh statement objects: the passes below keep unchanged statements (identity matters to
    // Layout and liveOut), so no statement object may occur twice.
    List<Stmt> body = Stmts.copy(fn.body());
    boolean settledAfter = false;
    int round = 0;
    while (round < MAX_ROUNDS) {
      List<Stmt> simplified = s.algebra(body);
      List<Stmt> dropped = s.dropCopyBack(simplified);
      // Whether every pass but the inlining would leave this round's body as it is (they did
      // nothing to it at the end of the last round nor at the start of this one).
      s.quiet = batching && settledAfter && same(simplified, body) && dropped == simplified;
      s.budget = MAX_ROUNDS - round;
      List<Stmt> inlined = s.inlineOne(dropped);
      List<Stmt> live = s.removeDead(inlined);
      List<Stmt> next = s.mergeAccumulations(live);
      settledAfter = same(live, inlined) && same(next, live);
      s.passes++;
      s.inlinings += s.inlined;
      if (next.equals(body)) {
        break;
      }
      body = next;
      round += Math.max(1, s.inlined);
    }
    s.rounds = round;
    s.result = fn.withBody(body);
    return s;
  }

  /** Equal statement by statement, by identity first. */
  private static boolean same(List<Stmt> a, List<Stmt> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i) && !a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Algebraic clean-up of the backward sweep only. The forward sweep must compute exactly the
   * user's values, so its expressions are never reassociated or otherwise rewritten.
   */
  private List<Stmt> algebra(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    boolean backward = false;
    for (Stmt s : body) {
      backward |= s instanceof Stmt.Section;
      out.add(backward ? simplified(s) : s);
    }
    return out;
  }

  /**
   * Expressions {@link Algebra#simplify} leaves as they are (by identity). Unchanged statements
   * keep their expression objects from round to round, so each is simplified again only until
   * it stops changing, not once per round.
   */
  private final Set<Expr> settled = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Number of {@link Algebra#simplify} calls made by {@link #algebra} (for tests). */
  int simplifications;

  private Expr simplify(Expr e) {
    if (settled.contains(e)) {
      return e;
    }
    simplifications++;
    Expr s = Algebra.simplify(e);
    if (s.equals(e)) {
      settled.add(e);
      return e;
    }
    return s;
  }

  private Stmt simplified(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      Expr v = simplify(a.value());
      return v == a.value() ? a : new Stmt.Assign(a.target(), v, a.accumulate(), a.source());
    } else if (s instanceof Stmt.Store st) {
      Expr v = simplify(st.value());
      return v == st.value() ? st
          : new Stmt.Store(st.array(), st.index(), v, st.accumulate(), st.source());
    } else if (s instanceof Stmt.If i) {
      Expr c = simplify(i.condition());
      List<Stmt> then = simplifiedAll(i.then());
      List<Stmt> otherwise = simplifiedAll(i.otherwise());
      return c == i.condition() && then == i.then() && otherwise == i.otherwise() ? i
          : new Stmt.If(c, then, otherwise, i.source());
    } else if (s instanceof Stmt.Loop l) {
      List<Stmt> body = simplifiedAll(l.body());
      List<Stmt> update = simplifiedAll(l.update());
      return body == l.body() && update == l.update() ? l
          : new Stmt.Loop(l.condition(), body, update, l.source());
    }
    return s;
  }

  /** The block itself when no statement of it changes. */
  private List<Stmt> simplifiedAll(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    boolean changed = false;
    for (Stmt t : block) {
      Stmt u = simplified(t);
      changed |= u != t;
      out.add(u);
    }
    return changed ? out : block;
  }

  /** Set by {@link #apply} for {@link #inlineOne}: see there. */
  private boolean quiet;

  private int budget;

  /** Inlinings done by the last {@link #inlineOne}. */
  private int inlined;

  /**
   * Inlines the first variable (in program order) whose definition qualifies into its uses, as
   * one round of the fixpoint did. When the other passes would leave the body as it is
   * ({@link #quiet}), it goes on with the next variable that qualifies, as the following rounds
   * would, as long as the inlining it did cannot matter to those passes: a definition and uses
   * at the top level of the forward sweep, which holds no adjoint, of a value that is not a
   * bare variable. The scan state (uses, read counts, the layout) is updated in place.
   */
  private List<Stmt> inlineOne(List<Stmt> body) {
    inlined = 0;
    Layout layout = new Layout(body);
    List<Stmt> order = layout.statements();
    Map<Var, Integer> writes = writeCounts(body);
    // Each variable's reading statements (by their index in the layout), and its reads.
    Map<Var, TreeSet<Integer>> usesOf = new IdentityHashMap<>();
    Map<Var, Integer> readCount = new IdentityHashMap<>();
    for (int k = 0; k < order.size(); k++) {
      Map<Var, Integer> own = ownReadCounts(order.get(k));
      for (Map.Entry<Var, Integer> r : own.entrySet()) {
        usesOf.computeIfAbsent(r.getKey(), x -> new TreeSet<>()).add(k);
        readCount.merge(r.getKey(), r.getValue(), Integer::sum);
      }
    }
    int forwardEnd = quiet ? forwardEnd(body, layout) : -1;
    // The statements rebuilt by inlining so far (layout's statement to its current form), and
    // the definitions removed; only top-level statements of the forward sweep are ever here.
    Map<Stmt, Stmt> current = new IdentityHashMap<>();
    Set<Stmt> removed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Stmt.Assign original : Stmts.assignments(body)) {
      if (removed.contains(original)) {
        continue;
      }
      Stmt.Assign def = (Stmt.Assign) current.getOrDefault(original, original);
      Var v = def.target();
      if (!v.isSynthetic() && v.role() != Var.Role.BRANCH || roots.contains(v) || def.accumulate()
          || writes.getOrDefault(v, 0) != 1 || Exprs.hasEffect(def.value())
          || v.type().isArray()) {
        continue;
      }
      TreeSet<Integer> useIndices = usesOf.getOrDefault(v, new TreeSet<>());
      int reads = readCount.getOrDefault(v, 0);
      Expr e = def.value();
      boolean cheap = e.isAtom() || reads == 1
          || (!(v.role() == Var.Role.ADJOINT) && isCheap(e));
      if (!cheap || useIndices.isEmpty() || size(e) > MAX_INLINED_SIZE) {
        continue;
      }
      Set<Var> inputs = Exprs.reads(e);
      boolean safe = true;
      int at = layout.indexOf(original);
      for (int u : useIndices) {
        Stmt use = order.get(u);
        List<Stmt> between = layout.between(at, u);
        safe &= layout.dominates(original, use) && !writesAny(between, inputs);
        safe &= !(use instanceof Stmt.If) || isCheap(e) || e.isAtom();
        // Never move work into a loop, nor a value across iterations.
        safe &= e instanceof Expr.Const
            || layout.loopsAround(original).equals(layout.loopsAround(use));
        safe &= !(use instanceof Stmt.Loop);
        safe &= !Exprs.readsMemory(e) || !storesInto(between, inputs);
      }
      if (!safe) {
        continue;
      }
      boolean local = inlined + 1 < budget && !(e instanceof Expr.Ref)
          && topLevelBefore(layout, original, forwardEnd) && useIndices.first() > at;
      for (int u : useIndices) {
        local &= topLevelBefore(layout, order.get(u), forwardEnd);
      }
      inlined++;
      if (!local) {
        return replace(rebuilt(body, current, removed), def, v, e);
      }
      Map<Var, Expr> sub = Map.of(v, e);
      for (int u : useIndices) {
        Stmt use = order.get(u);
        current.put(use, Substitution.apply(current.getOrDefault(use, use), sub,
            b -> replace(b, def, v, e)));
      }
      removed.add(original);
      Map<Var, Integer> moved = new IdentityHashMap<>();
      countReads(e, moved);
      for (Map.Entry<Var, Integer> r : moved.entrySet()) {
        readCount.merge(r.getKey(), r.getValue() * (reads - 1), Integer::sum);
        TreeSet<Integer> at2 = usesOf.get(r.getKey());
        at2.remove(at);
        at2.addAll(useIndices);
      }
      usesOf.remove(v);
      readCount.remove(v);
    }
    return inlined == 0 ? body : rebuilt(body, current, removed);
  }

  /**
   * The layout index of the first top-level section (the forward sweep ends there), or -1 if
   * there is none or the forward sweep holds an adjoint or an accumulating store (whose passes
   * inlining there could matter to).
   */
  private static int forwardEnd(List<Stmt> body, Layout layout) {
    int end = -1;
    for (Stmt s : body) {
      if (s instanceof Stmt.Section) {
        end = layout.indexOf(s);
        break;
      }
    }
    if (end < 0) {
      return -1;
    }
    for (Stmt s : layout.between(-1, end)) {
      if (s instanceof Stmt.Assign a && a.target().role() == Var.Role.ADJOINT
          || s instanceof Stmt.Store st && st.accumulate()) {
        return -1;
      }
    }
    return end;
  }

  private static boolean topLevelBefore(Layout layout, Stmt s, int end) {
    return layout.indexOf(s) < end && layout.blocksOf(s).size() == 1;
  }

  /** {@code body} with the top-level statements {@link #inlineOne} rebuilt or removed. */
  private static List<Stmt> rebuilt(List<Stmt> body, Map<Stmt, Stmt> current, Set<Stmt> removed) {
    if (current.isEmpty() && removed.isEmpty()) {
      return body;
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (!removed.contains(s)) {
        out.add(current.getOrDefault(s, s));
      }
    }
    return out;
  }

  /** How many assignments (nested ones included) write each variable. */
  private static Map<Var, Integer> writeCounts(List<Stmt> body) {
    Map<Var, Integer> out = new IdentityHashMap<>();
    for (Stmt.Assign a : Stmts.assignments(body)) {
      out.merge(a.target(), 1, Integer::sum);
    }
    return out;
  }

  /** {@link #readsOf} for every variable {@code s} itself reads. */
  private static Map<Var, Integer> ownReadCounts(Stmt s) {
    Map<Var, Integer> out = new IdentityHashMap<>();
    if (s instanceof Stmt.Assign a) {
      countReads(a.value(), out);
      if (a.accumulate()) {
        out.merge(a.target(), 1, Integer::sum);
      }
    } else if (s instanceof Stmt.If i) {
      countReads(i.condition(), out);
    } else if (s instanceof Stmt.Loop l) {
      countReads(l.condition(), out);
    } else if (s instanceof Stmt.Store st) {
      countReads(st.array(), out);
      countReads(st.index(), out);
      countReads(st.value(), out);
    } else if (s instanceof Stmt.Push p) {
      countReads(p.value(), out);
    } else if (s instanceof Stmt.Evaluate ev) {
      countReads(ev.call(), out);
    }
    return out;
  }

  private static void countReads(Expr e, Map<Var, Integer> out) {
    if (e instanceof Expr.Ref r) {
      out.merge(r.var(), 1, Integer::sum);
    }
    for (Expr child : Exprs.children(e)) {
      countReads(child, out);
    }
  }

  /**
   * Drops {@code w = v} where {@code v = w} came before and neither changed since: the merge of
   * {@code w̄ = 0; w̄ += v̄} leaves these after a copy.
   */
  private List<Stmt> dropCopyBack(List<Stmt> body) {
    Layout layout = null;
    Map<Var, Integer> writes = null;
    Map<Var, List<Stmt.Assign>> copiesInto = null;
    for (Stmt.Assign back : Stmts.assignments(body)) {
      if (back.accumulate() || !(back.value() instanceof Expr.Ref r)) {
        continue;
      }
      if (layout == null) {
        layout = new Layout(body);
        writes = writeCounts(body);
        copiesInto = new IdentityHashMap<>();
        for (Stmt.Assign a : Stmts.assignments(body)) {
          if (!a.accumulate() && a.value() instanceof Expr.Ref) {
            copiesInto.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a);
          }
        }
      }
      Var v = r.var();
      Var w = back.target();
      for (Stmt.Assign def : copiesInto.getOrDefault(v, List.of())) {
        if (((Expr.Ref) def.value()).var() == w && writes.getOrDefault(v, 0) == 1
            && layout.dominates(def, back)
            && layout.loopsAround(def).equals(layout.loopsAround(back))
            && !writesAny(layout.between(layout.indexOf(def), layout.indexOf(back)),
                Set.of(v, w))) {
          return replace(body, back, null, null);
        }
      }
    }
    return body;
  }

  private static boolean isCheap(Expr e) {
    if (e.isAtom()) {
      return true;
    }
    if (e instanceof Expr.Call || e instanceof Expr.Invoke) {
      return false;
    }
    for (Expr child : Exprs.children(e)) {
      if (!child.isAtom()) {
        return false;
      }
    }
    return true;
  }

  private static int size(Expr e) {
    int n = 1;
    for (Expr child : Exprs.children(e)) {
      n += size(child);
    }
    return n;
  }

  /**
   * Removes {@code def} and substitutes {@code e} for {@code v} (if {@code v} is not null).
   * Statements that neither hold {@code def} nor read {@code v} are kept as they are.
   */
  private List<Stmt> replace(List<Stmt> block, Stmt.Assign def, Var v, Expr e) {
    Map<Var, Expr> sub = v == null ? Map.of() : Map.of(v, e);
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s != def) {
        out.add(affected(s, def, v) ? Substitution.apply(s, sub, b -> replace(b, def, v, e)) : s);
      }
    }
    return out;
  }

  private static boolean affected(Stmt s, Stmt.Assign def, Var v) {
    boolean[] found = {false};
    Stmts.walk(List.of(s), t -> found[0] |= t == def || v != null && readsOf(t, v) > 0);
    return found[0];
  }

  /**
   * {@code v = e1; ...; v += e2} becomes {@code ...; v = e1 + e2} when nothing between touches
   * {@code v} or writes what {@code e1} reads.
   */
  private List<Stmt> mergeAccumulations(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : sinkInits(block)) {
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), mergeAccumulations(i.then()),
            mergeAccumulations(i.otherwise()), i.source()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.condition(), mergeAccumulations(l.body()),
            mergeAccumulations(l.update()), l.source()));
      } else {
        out.add(s);
      }
    }
    mergeElementUpdates(out);
    // Where each variable is mentioned or written, and where memory is stored into, so that the
    // scan from each adjoint's assignment jumps to the first statement that stops it. Merged
    // statements are dropped at the end (none is ever looked at again), so indices stay put.
    Map<Var, TreeSet<Integer>> mentioned = new IdentityHashMap<>();
    Map<Var, TreeSet<Integer>> written = new IdentityHashMap<>();
    TreeSet<Integer> stores = new TreeSet<>();
    for (int k = 0; k < out.size(); k++) {
      index(out.get(k), k, mentioned, written, stores, true);
    }
    boolean dropped = false;
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Assign first) || first.accumulate()
          || first.target().role() != Var.Role.ADJOINT) {
        continue;
      }
      Var v = first.target();
      Set<Var> inputs = Exprs.reads(first.value());
      // A pullback call's effects keep their place: merge it only with the next statement.
      int reach = Exprs.hasEffect(first.value()) ? Math.min(i + 2, out.size()) : out.size();
      boolean readsMemory = Exprs.readsMemory(first.value());
      int j = next(mentioned.get(v), i, reach);
      for (Var in : inputs) {
        j = Math.min(j, next(written.get(in), i, reach));
      }
      if (readsMemory) {
        j = Math.min(j, next(stores, i, reach));
      }
      if (j < reach && out.get(j) instanceof Stmt.Assign second && second.target() == v
          && second.accumulate() && Exprs.countReads(second.value(), v) == 0) {
        Expr sum = Algebra.simplify(new Expr.Binary(dev.adjoint.processor.ir.Op.ADD,
            first.value(), second.value()));
        Stmt merged = Stmt.Assign.set(v, sum, second.source());
        index(second, j, mentioned, written, stores, false);
        index(merged, j, mentioned, written, stores, true);
        out.set(j, merged);
        out.set(i, null);
        dropped = true;
      }
    }
    if (dropped) {
      out.removeIf(Objects::isNull);
    }
    return out;
  }

  /** The first index after {@code i} in {@code at}, or {@code none} if there is none before. */
  private static int next(TreeSet<Integer> at, int i, int none) {
    Integer k = at == null ? null : at.higher(i);
    return k == null || k >= none ? none : k;
  }

  private void index(Stmt s, int k, Map<Var, TreeSet<Integer>> mentioned,
      Map<Var, TreeSet<Integer>> written, TreeSet<Integer> stores,
      boolean add) {
    for (Var r : readsOf(s)) {
      at(mentioned, r, k, add);
    }
    for (Var w : writesOf(s)) {
      at(mentioned, w, k, add);
      at(written, w, k, add);
    }
    if (storesMemory(s)) {
      if (add) {
        stores.add(k);
      } else {
        stores.remove(k);
      }
    }
  }

  private static void at(Map<Var, TreeSet<Integer>> where, Var v, int k, boolean add) {
    if (add) {
      where.computeIfAbsent(v, x -> new TreeSet<>()).add(k);
    } else if (where.containsKey(v)) {
      where.get(v).remove(k);
    }
  }

  /**
   * {@code ā[i] += e1; ...; ā[i] += e2} becomes {@code ā[i] += e1 + e2} when the statements
   * between only add into array elements (additions commute) and change nothing either side
   * reads: one read and one write of the element instead of two.
   */
  private void mergeElementUpdates(List<Stmt> out) {
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Store first) || !first.accumulate()
          || Exprs.hasEffect(first.value())) {
        continue;
      }
      Set<Var> inputs = new HashSet<>(Exprs.reads(first.value()));
      Exprs.collectReads(first.index(), inputs);
      for (int j = i + 1; j < out.size(); j++) {
        Stmt s = out.get(j);
        if (s instanceof Stmt.Store second && second.accumulate()
            && second.array().equals(first.array()) && second.index().equals(first.index())) {
          Expr sum = Algebra.simplify(new Expr.Binary(dev.adjoint.processor.ir.Op.ADD,
              first.value(), second.value()));
          out.set(j, new Stmt.Store(first.array(), first.index(), sum, true, second.source()));
          out.remove(i);
          i--;
          break;
        }
        // Additions into array elements commute, whichever elements they are.
        boolean otherElement = s instanceof Stmt.Store st && st.accumulate()
            && !Exprs.readsMemory(st.value()) && !Exprs.hasEffect(st.value());
        boolean harmless = s instanceof Stmt.Assign a && !Exprs.hasEffect(a.value())
            && !inputs.contains(a.target()) && !Exprs.readsMemory(a.value());
        if (!otherElement && !harmless) {
          break;
        }
      }
    }
  }

  /**
   * Moves {@code v̄ = 0} into the branches of the next {@code if} when that {@code if} holds
   * every later use of {@code v̄}, so the branch can declare {@code v̄} at its first use.
   */
  private List<Stmt> sinkInits(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block);
    for (int i = 0; i < out.size(); i++) {
      if (!(out.get(i) instanceof Stmt.Assign init) || init.accumulate()
          || init.target().role() != Var.Role.ADJOINT || !(init.value() instanceof Expr.Const)) {
        continue;
      }
      Var v = init.target();
      for (int j = i + 1; j < out.size(); j++) {
        Stmt s = out.get(j);
        if (!mentions(s, v)) {
          continue;
        }
        Set<Var> after = liveOut.get(s);
        if (s instanceof Stmt.If branch && after != null && !after.contains(v)
            && !Exprs.reads(branch.condition()).contains(v)) {
          out.set(j, new Stmt.If(branch.condition(), withInit(branch.then(), init),
              withInit(branch.otherwise(), init), branch.source()));
          out.remove(i);
          i--;
        } else if (s instanceof Stmt.Loop loop && after != null && !after.contains(v)
            && !Exprs.reads(loop.condition()).contains(v) && endsWithReset(loop.body(), init)) {
          // Every iteration ends with v̄ = 0, so starting each with it changes nothing, and lets
          // the body declare v̄ where it is first used.
          List<Stmt> body = new ArrayList<>();
          body.add(Stmt.Assign.set(v, init.value(), init.source()));
          body.addAll(loop.body());
          out.set(j, new Stmt.Loop(loop.condition(), body, loop.update(), loop.source()));
          out.remove(i);
          i--;
        }
        break;
      }
    }
    return out;
  }

  /**
   * Whether every pass through {@code body} leaves the variable at its initial value: the last
   * statement that mentions it resets it, or is the only one and a loop whose body does.
   */
  private boolean endsWithReset(List<Stmt> body, Stmt.Assign init) {
    Var v = init.target();
    for (int k = body.size() - 1; k >= 0; k--) {
      Stmt s = body.get(k);
      if (!mentions(s, v)) {
        continue;
      }
      if (s instanceof Stmt.Assign a) {
        return a.target() == v && !a.accumulate() && a.value().equals(init.value());
      }
      boolean only = body.stream().filter(t -> mentions(t, v)).count() == 1;
      return only && s instanceof Stmt.Loop inner
          && !Exprs.reads(inner.condition()).contains(v) && endsWithReset(inner.body(), init);
    }
    return false;
  }

  private List<Stmt> withInit(List<Stmt> branch, Stmt.Assign init) {
    if (branch.stream().noneMatch(s -> mentions(s, init.target()))) {
      return branch;
    }
    List<Stmt> out = new ArrayList<>();
    out.add(Stmt.Assign.set(init.target(), init.value(), init.source()));
    out.addAll(branch);
    return out;
  }

  private boolean mentions(Stmt s, Var v) {
    return readsOf(s).contains(v) || writesOf(s).contains(v);
  }

  /**
   * {@link Stmts#reads}, {@link Stmts#writes} and {@link Stmts#storesMemory} of a statement,
   * by identity: statements are immutable and unchanged ones are kept from round to round, so
   * the scans below need not rebuild these sets for every statement they pass.
   */
  private record Facts(Set<Var> reads, Set<Var> writes, boolean storesMemory) {}

  private final Map<Stmt, Facts> facts = new IdentityHashMap<>();

  private Facts facts(Stmt s) {
    return facts.computeIfAbsent(s,
        t -> new Facts(Stmts.reads(t), Stmts.writes(t), Stmts.storesMemory(t)));
  }

  private Set<Var> readsOf(Stmt s) {
    return facts(s).reads();
  }

  private Set<Var> writesOf(Stmt s) {
    return facts(s).writes();
  }

  private boolean storesMemory(Stmt s) {
    return facts(s).storesMemory();
  }

  /**
   * Drops assignments whose value no later statement reads (flow-sensitive liveness over the
   * structured body, so a reset or a restore that nothing reads afterwards goes too), and
   * branches left empty. Records each {@code if}'s live-out set for {@link #sinkInit}.
   */
  private List<Stmt> removeDead(List<Stmt> body) {
    liveOut.clear();
    return prune(body, new HashSet<>(roots));
  }

  private List<Stmt> prune(List<Stmt> block, Set<Var> live) {
    List<Stmt> out = new ArrayList<>();
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a) {
        boolean effect = Exprs.hasEffect(a.value());
        if (!live.contains(a.target()) && !effect) {
          continue;
        }
        if (!a.accumulate()) {
          live.remove(a.target());
        }
        Exprs.collectReads(a.value(), live);
        out.add(s);
      } else if (s instanceof Stmt.Store || s instanceof Stmt.Push
          || s instanceof Stmt.Evaluate) {
        // Memory and stacks are kept whole: what they hold is read by identity, not by name.
        live.addAll(Stmts.reads(s));
        out.add(s);
      } else if (s instanceof Stmt.Loop l) {
        Set<Var> loopLive = new HashSet<>(live);
        Exprs.collectReads(l.condition(), loopLive);
        while (true) {
          Set<Var> next = new HashSet<>(loopLive);
          prune(l.body(), next);
          next.addAll(loopLive);
          if (next.equals(loopLive)) {
            break;
          }
          loopLive = next;
        }
        Set<Var> after = new HashSet<>(live);
        Set<Var> bodyLive = new HashSet<>(loopLive);
        List<Stmt> kept = prune(l.body(), bodyLive);
        live.addAll(loopLive);
        live.addAll(bodyLive);
        Stmt.Loop keptLoop = kept.equals(l.body()) ? l
            : new Stmt.Loop(l.condition(), kept, l.update(), l.source());
        if (idle(keptLoop, after)) {
          // Only counts itself down (a backward loop whose body had nothing left to do).
          live.clear();
          live.addAll(after);
          continue;
        }
        liveOut.put(keptLoop, after);
        out.add(keptLoop);
      } else if (s instanceof Stmt.If i) {
        Set<Var> after = new HashSet<>(live);
        Set<Var> thenLive = new HashSet<>(live);
        List<Stmt> then = prune(i.then(), thenLive);
        List<Stmt> otherwise = prune(i.otherwise(), live);
        if (then.isEmpty() && otherwise.isEmpty()) {
          continue;
        }
        live.addAll(thenLive);
        Exprs.collectReads(i.condition(), live);
        Stmt.If kept = then.equals(i.then()) && otherwise.equals(i.otherwise())
            ? i : new Stmt.If(i.condition(), then, otherwise, i.source());
        liveOut.put(kept, after);
        out.add(kept);
      } else {
        out.add(s);
      }
    }
    Collections.reverse(out);
    return out;
  }

  /** Whether any of {@code stmts}, or a statement nested in one, assigns one of {@code vars}. */
  /** A loop with no effect: it writes only what nothing after it reads and what its test reads. */
  private static boolean idle(Stmt.Loop loop, Set<Var> liveAfter) {
    Set<Var> written = Stmts.writes(loop);
    return !Stmts.hasEffect(loop) && !Stmts.storesMemory(loop)
        && written.stream().noneMatch(liveAfter::contains)
        && written.containsAll(Exprs.reads(loop.condition()));
  }

  /**
   * Whether {@code stmts} store into an array {@code vars} holds, or call something that may:
   * an expression reading {@code x[i]} is not moved past them.
   */
  private static boolean storesInto(List<Stmt> stmts, Set<Var> vars) {
    boolean[] found = {false};
    Stmts.walk(stmts, s -> found[0] |= s instanceof Stmt.Evaluate
        || s instanceof Stmt.Store st && vars.contains(Stmts.baseVar(st.array())));
    return found[0];
  }

  private boolean writesAny(List<Stmt> stmts, Set<Var> vars) {
    for (Stmt s : stmts) {
      for (Var written : writesOf(s)) {
        if (vars.contains(written)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Reads of {@code v} by {@code s} itself (its value or condition), not nested statements. */
  private static int readsOf(Stmt s, Var v) {
    if (s instanceof Stmt.Assign a) {
      return Exprs.countReads(a.value(), v) + (a.accumulate() && a.target() == v ? 1 : 0);
    } else if (s instanceof Stmt.If i) {
      return Exprs.countReads(i.condition(), v);
    } else if (s instanceof Stmt.Loop l) {
      return Exprs.countReads(l.condition(), v);
    } else if (s instanceof Stmt.Store st) {
      return Exprs.countReads(st.array(), v) + Exprs.countReads(st.index(), v)
          + Exprs.countReads(st.value(), v);
    } else if (s instanceof Stmt.Push p) {
      return Exprs.countReads(p.value(), v);
    } else if (s instanceof Stmt.Evaluate ev) {
      return Exprs.countReads(ev.call(), v);
    }
    return 0;
  }
}
