package dev.adjoint.processor.emit;

import dev.adjoint.processor.emit.checks.IrSize;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SplitReversal;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which loop nests of a large generated method become private methods of their own, and what
 * each takes and gives back. HotSpot compiles a method as a whole: one pullback of ~1,200
 * bytecodes and ~20 loops waits for 600 calls before its C2 compile, takes long to compile,
 * gets a separate OSR compile of the whole rest of the method for each loop that got hot, and
 * is recompiled whole after each deoptimization; a loop nest of its own is compiled alone.
 *
 * <p>A method above {@link #limit} nodes ({@link IrSize}: statements and expression nodes) gets
 * its largest top-level loop nests extracted, largest first, until what is left is under the
 * limit; an extracted nest still above it gets the loops of its body extracted the same way.
 * A nest takes the variables it reads before writing them (or may leave unwritten) that the
 * code around it also uses, and gives back the variables it writes that the code after it reads
 * first: one is returned; several are pushed on the pullback's stacks and popped by the caller,
 * which allocates nothing (the stacks are reused across calls) and keeps every type's value
 * exact (a {@code double[]} scratch array would hold neither {@code int}s nor arrays).
 */
final class LoopMethods {
  /** {@code -Aadjoint.loopMethods=N}: the size above which a method's loops are split off. */
  static final String OPTION = "adjoint.loopMethods";
  /**
   * About 650 bytecodes (2.6 a node): GradBench's gmm (1,224 bytecodes) and lstm (1,712) split,
   * lse (305) and llsq do not (benchmarks/README.md, "Warm-up", has what it changed).
   */
  static final long DEFAULT_LIMIT = 250;

  /**
   * One loop nest written as a method: {@code stmts} (the counter's initialization, if any,
   * and the loop), what it takes, what it gives back, and the variables the code around it
   * also uses (which the caller declares).
   */
  record Unit(List<Stmt> stmts, Stmt.Loop loop, List<Var> params, List<Var> results,
      Set<Var> shared, boolean takesStacks, long size, Map<Var, Integer> occurrences) {
    Stmt first() {
      return stmts.get(0);
    }
  }

  private final long limit;

  private LoopMethods(long limit) {
    this.limit = limit;
  }

  /** From the option's value: a size, or {@code off}; null means the default. */
  static LoopMethods of(String option) {
    if (option == null || !valid(option)) {
      // An invalid value is an [adjoint.option] error (OptionValues); the code is still written.
      return new LoopMethods(DEFAULT_LIMIT);
    }
    return new LoopMethods(option.equals("off") ? Long.MAX_VALUE : Long.parseLong(option));
  }

  /** Whether {@code value} is one the option takes: a positive size or {@code off}. */
  static boolean valid(String value) {
    if (value.equals("off")) {
      return true;
    }
    try {
      return Long.parseLong(value) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  long limit() {
    return limit;
  }

  /**
   * The nests to extract from a method whose body is {@code blocks} (run one after the other,
   * e.g. the forward and the backward sweep): only their top-level loops are candidates.
   *
   * @param boundary the method's parameters and what the code after the body reads
   * @param readAfter what the code after the body reads
   */
  Plan plan(List<List<Stmt>> blocks, Set<Var> boundary, Set<Var> readAfter) {
    long size = 0;
    for (List<Stmt> b : blocks) {
      size += IrSize.of(b);
    }
    if (size <= limit) {
      return Plan.NONE;
    }
    Map<Var, Integer> occurrences = new HashMap<>();
    blocks.forEach(b -> count(b, occurrences));
    List<Unit> candidates = new ArrayList<>();
    Set<Var> live = new HashSet<>(readAfter);
    for (int b = blocks.size() - 1; b >= 0; b--) {
      candidates.addAll(candidates(blocks.get(b), live, occurrences, boundary));
    }
    return choose(candidates, size, occurrences, boundary);
  }

  /**
   * The nests of a method and the variables only they name, which each declares for itself
   * (the method does not).
   */
  record Plan(Map<Stmt, Unit> units, Set<Var> unitLocal) {
    static final Plan NONE = new Plan(Map.of(), Set.of());
  }

  /** The largest candidates, until what is left of {@code size} is under the limit. */
  private Plan choose(List<Unit> candidates, long size, Map<Var, Integer> occurrences,
      Set<Var> boundary) {
    candidates.sort(Comparator.comparingLong(Unit::size).reversed());
    Map<Stmt, Unit> out = new IdentityHashMap<>();
    Map<Var, Integer> inUnits = new HashMap<>();
    Set<Var> passed = new HashSet<>(boundary);
    for (Unit u : candidates) {
      if (size <= limit) {
        break;
      }
      out.put(u.first(), u);
      size -= u.size() - 1;
      u.occurrences().forEach((v, n) -> inUnits.merge(v, n, Integer::sum));
      passed.addAll(u.params());
      passed.addAll(u.results());
    }
    Set<Var> local = new HashSet<>();
    inUnits.forEach((v, n) -> {
      if (!passed.contains(v) && n.equals(occurrences.get(v))) {
        local.add(v);
      }
    });
    return new Plan(out, local);
  }

  /** For a unit above the limit: the nests of its loop's body to extract. */
  Plan inner(Unit u) {
    if (u.size() <= limit) {
      return Plan.NONE;
    }
    Set<Var> boundary = new HashSet<>(u.params());
    boundary.addAll(u.results());
    // After the body come the update, the condition and the next iterations, then the results.
    Set<Var> live = new HashSet<>(u.results());
    live.addAll(Exposure.of(u.loop()).exposed);
    live.addAll(Exposure.of(u.loop().update()).exposed);
    Map<Var, Integer> occurrences = new HashMap<>();
    count(u.stmts(), occurrences);
    return choose(candidates(u.loop().body(), live, occurrences, boundary), u.size(),
        occurrences, boundary);
  }

  /**
   * The extractable loop nests of {@code block}, computed in one backward pass.
   *
   * @param live what is read after the block before being written; updated to what is read
   *     after the code before it
   */
  private static List<Unit> candidates(List<Stmt> block, Set<Var> live,
      Map<Var, Integer> occurrences, Set<Var> boundary) {
    List<Unit> out = new ArrayList<>();
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Loop loop) {
        // The counter's initialization goes with its loop: for (int j = 0; j < n; j++).
        boolean init = k > 0 && block.get(k - 1) instanceof Stmt.Assign a && !a.accumulate()
            && Exprs.reads(loop.condition()).contains(a.target());
        List<Stmt> stmts = init ? List.of(block.get(k - 1), loop) : List.of(loop);
        Unit u = unit(stmts, loop, live, occurrences, boundary);
        if (u != null) {
          out.add(u);
        }
      }
      Exposure e = Exposure.of(s);
      live.removeAll(e.killed);
      live.addAll(e.exposed);
    }
    return out;
  }

  /** The unit of {@code stmts}, or null if it cannot be a method of its own. */
  private static Unit unit(List<Stmt> stmts, Stmt.Loop loop, Set<Var> liveAfter,
      Map<Var, Integer> occurrences, Set<Var> boundary) {
    Map<Var, Integer> own = new HashMap<>();
    count(stmts, own);
    Set<Var> shared = new LinkedHashSet<>();
    boolean[] unsupported = {false};
    boolean[] stacks = {false};
    Stmts.walk(stmts, s -> {
      unsupported[0] |= s instanceof Stmt.Return;
      stacks[0] |= s instanceof Stmt.Push;
      for (Var v : vars(s)) {
        unsupported[0] |= v.type() == Type.RECEIVER || v.isReceiverField();
        stacks[0] |= v == SplitReversal.STACKS;
        if (v.role() != Var.Role.FIELD && v != SplitReversal.STACKS
            && (boundary.contains(v) || occurrences.get(v) > own.get(v))) {
          shared.add(v);
        }
      }
      stacks[0] |= pops(s);
    });
    Exposure e = Exposure.of(stmts);
    List<Var> results = new ArrayList<>();
    Set<Var> takes = new HashSet<>(e.exposed);
    for (Stmt.Assign a : Stmts.assignments(stmts)) {
      if (shared.contains(a.target()) && liveAfter.contains(a.target())
          && !results.contains(a.target())) {
        results.add(a.target());
        if (!e.killed.contains(a.target())) {
          takes.add(a.target());
        }
      }
    }
    List<Var> params = new ArrayList<>();
    for (Var v : shared) {
      if (takes.contains(v)) {
        params.add(v);
      }
    }
    for (Var v : shared) {
      unsupported[0] |= v.type() == Type.OBJECT;
    }
    if (unsupported[0]) {
      return null;
    }
    return new Unit(stmts, loop, params, results, shared, stacks[0] || results.size() > 1,
        IrSize.of(stmts), own);
  }

  /** Whether the expressions of {@code s} itself pop. */
  private static boolean pops(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return pops(a.value());
    } else if (s instanceof Stmt.Store st) {
      return pops(st.array()) || pops(st.index()) || pops(st.value());
    } else if (s instanceof Stmt.If i) {
      return pops(i.condition());
    } else if (s instanceof Stmt.Loop l) {
      return pops(l.condition());
    } else if (s instanceof Stmt.Push p) {
      return pops(p.value());
    } else if (s instanceof Stmt.Evaluate ev) {
      return pops(ev.call());
    }
    return false;
  }

  private static boolean pops(Expr e) {
    if (e instanceof Expr.Pop) {
      return true;
    }
    for (Expr c : Exprs.children(e)) {
      if (pops(c)) {
        return true;
      }
    }
    return false;
  }

  /** The variables {@code s} itself names: its reads and the one it assigns. */
  private static Collection<Var> vars(Stmt s) {
    Set<Var> out = new LinkedHashSet<>(Stmts.ownReads(s));
    if (s instanceof Stmt.Assign a) {
      out.add(a.target());
    }
    return out;
  }

  /** How many statements name each variable. */
  private static void count(List<Stmt> stmts, Map<Var, Integer> out) {
    Stmts.walk(stmts, s -> vars(s).forEach(v -> out.merge(v, 1, Integer::sum)));
  }

  /**
   * What a statement reads before anything it runs for sure writes it, and what it writes on
   * every path. A loop may run zero times, so it writes nothing for sure.
   */
  static final class Exposure {
    final Set<Var> exposed = new LinkedHashSet<>();
    final Set<Var> killed = new HashSet<>();

    static Exposure of(List<Stmt> block) {
      Exposure out = new Exposure();
      for (Stmt s : block) {
        out.then(of(s));
      }
      return out;
    }

    private void then(Exposure next) {
      for (Var v : next.exposed) {
        if (!killed.contains(v)) {
          exposed.add(v);
        }
      }
      killed.addAll(next.killed);
    }

    static Exposure of(Stmt s) {
      Exposure out = new Exposure();
      out.exposed.addAll(Stmts.ownReads(s));
      if (s instanceof Stmt.Assign a && !a.accumulate()) {
        out.killed.add(a.target());
      } else if (s instanceof Stmt.Loop l) {
        out.exposed.addAll(of(l.body()).exposed);
        out.exposed.addAll(of(l.update()).exposed);
      } else if (s instanceof Stmt.If i) {
        Exposure then = of(i.then());
        Exposure otherwise = of(i.otherwise());
        out.exposed.addAll(then.exposed);
        out.exposed.addAll(otherwise.exposed);
        out.killed.addAll(then.killed);
        out.killed.retainAll(otherwise.killed);
      }
      return out;
    }
  }
}
