package dev.adjoint.processor.verify;

import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.ArrayResults;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * An array that lives across the iterations of a loop (bound before it, or read after it or by
 * its condition) and is rebound inside it would need one adjoint per iteration. Runs on the IR
 * the array renaming starts from (after the control-flow normalizer) and follows its walk: which
 * arrays are bound on entry to each loop, and which are read after it.
 */
public final class LoopRebinding {
  private final List<Problem> problems = new ArrayList<>();
  private final Set<Stmt> reported = Collections.newSetFromMap(new IdentityHashMap<>());

  private LoopRebinding() {}

  public static List<Problem> check(Function normalized) {
    LoopRebinding check = new LoopRebinding();
    Set<Var> bound = new HashSet<>();
    for (Var p : normalized.params()) {
      if (p.type().isArray()) {
        bound.add(p);
      }
    }
    check.block(normalized.body(), bound, Set.of());
    return check.problems;
  }

  /** {@code bound}: arrays bound on this path, updated; {@code liveOut}: read after the block. */
  private void block(List<Stmt> block, Set<Var> bound, Set<Var> liveOut) {
    List<Set<Var>> liveAfter = Stmts.arraysLiveAfter(block, liveOut);
    for (int k = 0; k < block.size(); k++) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a && a.target().type().isArray() && !ArrayResults.returns(a)) {
        bound.add(a.target());
      } else if (s instanceof Stmt.If i) {
        Set<Var> then = new HashSet<>(bound);
        Set<Var> otherwise = new HashSet<>(bound);
        block(i.then(), then, liveAfter.get(k));
        block(i.otherwise(), otherwise, liveAfter.get(k));
        // Bound after the if: on every path, and read later (else the renaming keeps no join).
        then.retainAll(otherwise);
        then.retainAll(liveAfter.get(k));
        bound.addAll(then);
      } else if (s instanceof Stmt.Loop l) {
        loop(l, bound, liveAfter.get(k));
      }
    }
  }

  /**
   * What to write instead, for the shape at hand: a vector carried from one iteration to the
   * next (an RNN's state, a time step's buffer) is kept as the rows of a matrix or copied into
   * one array; a row alias ({@code r = m[i]}) is declared inside the loop; other arrays get a
   * variable per step.
   */
  private static String instead(Var v, Stmt.Assign a) {
    String type = v.type().javaName();
    String n = v.name();
    if (!type.equals("double[]") || a.value() instanceof Expr.Index) {
      return ArrayNames.isReference(a)
          ? "declare a new variable inside the loop (" + type + " " + n + "2 = ...)"
          : "write each step with its own variable (" + type + " " + n + "2 = ...; " + type
              + " " + n + "3 = ...), or allocate the array once before the loop and write its"
              + " elements";
    }
    String rows = "double[][] " + n + "s = new double[steps + 1][]; " + n + "s[0] = " + n
        + ".clone(); then " + n + "s[t + 1] = ";
    if (a.value() instanceof Expr.Ref r) {
      String from = r.var().name();
      return "copy the values instead (System.arraycopy(" + from + ", 0, " + n + ", 0, " + n
          + ".length)), or keep each step as a row of a matrix (" + rows + from
          + ".clone() in the loop)";
    }
    return "keep each step as a row of a matrix (" + rows + "... in the loop, reading " + n
        + "s[t]), or allocate the array once before the loop and write its elements";
  }

  private void loop(Stmt.Loop l, Set<Var> bound, Set<Var> liveAfter) {
    Set<Var> carried = new HashSet<>(liveAfter);
    carried.addAll(Exprs.reads(l.condition()));
    for (Stmt.Assign a : Stmts.assignments(List.of(l))) {
      Var v = a.target();
      if (v.type().isArray() && (bound.contains(v) || carried.contains(v))
          && !ArrayResults.returns(a) && reported.add(a)) {
        String instead = instead(v, a);
        problems.add(Problem.unsupported(a.source(), "array variable " + v.name() + " is"
            + " rebound inside a loop, which is not supported; " + instead));
      }
    }
    Set<Var> next = new HashSet<>(carried);
    for (Stmt u : l.update()) {
      next.addAll(Stmts.reads(u));
    }
    Set<Var> inside = new HashSet<>(bound);
    block(l.body(), inside, next);
    block(l.update(), inside, next);
  }
}
