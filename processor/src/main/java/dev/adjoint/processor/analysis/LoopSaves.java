package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Doubles saved once around a loop instead of at every overwrite inside it. The backward sweep
 * of a loop {@code L} needs a double {@code v} that {@code L} overwrites restored per iteration
 * only if it reads {@code v} there, and reads a different value in different iterations. So
 * {@code v} is saved once per execution of {@code L} (before it; restored after {@code L}'s
 * reversal) when
 * <ul>
 *   <li>nothing in {@code L}'s backward sweep reads it: a partial sum {@code s += a[j] * b[j]}
 *       whose final value only a statement after the loop reads; or
 *   <li>it is invariant in {@code L}: assigned once, in {@code L}'s body itself, from values
 *       {@code L} does not change, and read in {@code L} only after that assignment ({@code e
 *       = x[i]} in a loop over {@code j}). During {@code L}'s reversal it keeps the value every
 *       iteration gave it (the value before the loop if it never ran, which no reversal reads).
 * </ul>
 * The outermost loop where this holds is chosen; each loop is looked at once per enclosing
 * loop, as the recording analysis already does.
 */
final class LoopSaves {
  private final Set<Stmt.Assign> recorded;
  private final Map<Stmt.Loop, Set<Var>> needs;
  private final Layout layout;
  private final LaterWrites writes;
  private final Map<Stmt.Loop, List<Var>> around = new IdentityHashMap<>();

  private LoopSaves(Set<Stmt.Assign> recorded, Map<Stmt.Loop, Set<Var>> needs, Layout layout) {
    this.recorded = recorded;
    this.needs = needs;
    this.layout = layout;
    this.writes = new LaterWrites(layout);
  }

  /**
   * Moves the saves of {@code recorded} that a loop can make once out of it.
   *
   * @param needs per loop, the variables its body's backward sweep reads
   * @return per loop, the doubles to save before it, in order
   */
  static Map<Stmt.Loop, List<Var>> lift(List<Stmt> body, Set<Stmt.Assign> recorded,
      Map<Stmt.Loop, Set<Var>> needs) {
    LoopSaves saves = new LoopSaves(recorded, needs, new Layout(body));
    saves.visit(body, new HashSet<>());
    return saves.around;
  }

  private void visit(List<Stmt> block, Set<Var> lifted) {
    for (Stmt s : block) {
      if (s instanceof Stmt.If i) {
        visit(i.then(), lifted);
        visit(i.otherwise(), lifted);
      } else if (s instanceof Stmt.Loop l) {
        Set<Var> inner = new HashSet<>(lifted);
        liftFrom(l, inner);
        visit(l.body(), inner);
      }
    }
  }

  private void liftFrom(Stmt.Loop l, Set<Var> lifted) {
    List<Stmt> nested = new ArrayList<>();
    Stmts.walk(List.of(l), nested::add);
    // Indexed once per loop, so each candidate costs its own statements, not the loop's.
    Map<Var, List<Stmt.Assign>> assigns = new HashMap<>();
    Map<Var, List<Stmt>> readers = new HashMap<>();
    Set<Var> candidates = new LinkedHashSet<>();
    for (Stmt s : nested) {
      if (s instanceof Stmt.Assign a) {
        assigns.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a);
        if (recorded.contains(a) && a.target().type() == Type.DOUBLE
            && !lifted.contains(a.target())) {
          candidates.add(a.target());
        }
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    for (Stmt s : nested) {
      for (Var r : Stmts.ownReads(s)) {
        if (candidates.contains(r)) {
          readers.computeIfAbsent(r, k -> new ArrayList<>()).add(s);
        }
      }
    }
    Set<Var> loopWrites = Stmts.writes(l);
    Set<Var> bodyNeeds = needs.getOrDefault(l, Set.of());
    for (Var v : candidates) {
      List<Stmt.Assign> defs = assigns.get(v);
      if (bodyNeeds.contains(v)
          && !invariant(defs, readers.getOrDefault(v, List.of()), l, nested, loopWrites)) {
        continue;
      }
      around.computeIfAbsent(l, k -> new ArrayList<>()).add(v);
      lifted.add(v);
      for (Stmt.Assign a : defs) {
        recorded.remove(a); // one by one: removeAll may compare by equals, not identity
      }
    }
  }

  /**
   * Whether the variable assigned by {@code defs} in {@code l} (and read by {@code readers}
   * there) holds one value through every iteration of {@code l} that reads it.
   */
  private boolean invariant(List<Stmt.Assign> defs, List<Stmt> readers, Stmt.Loop l,
      List<Stmt> nested, Set<Var> loopWrites) {
    if (defs.size() != 1) {
      return false;
    }
    Stmt.Assign only = defs.get(0);
    if (only.accumulate() || l.body().stream().noneMatch(s -> s == only)
        || Exprs.hasEffect(only.value()) || Exprs.callsHelper(only.value())) {
      return false;
    }
    for (Var input : Exprs.reads(only.value())) {
      if (loopWrites.contains(input)) {
        return false;
      }
    }
    if (!writes.unwrittenWithin(only.value(), l, nested.size())) {
      return false;
    }
    int at = layout.indexOf(only);
    int update = l.update().isEmpty() ? Integer.MAX_VALUE : layout.indexOf(l.update().get(0));
    for (Stmt s : readers) {
      int k = layout.indexOf(s);
      if (k <= at || k >= update) {
        return false; // read before the assignment, or where the loop's own code reads it
      }
    }
    return true;
  }
}
