package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Layout;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each local is declared. A variable is declared at its first assignment when that
 * statement sits in the innermost block enclosing all its uses (the common case, so the code
 * reads like hand-written code); otherwise, e.g. a value computed in a forward branch and read
 * in the backward one, it is declared with a zero value just before the statement that first
 * needs it, in that enclosing block, which is what Java's definite-assignment rules accept.
 */
final class Declarations {
  private final Set<Stmt.Assign> inline =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Stmt, List<Var>> hoisted = new IdentityHashMap<>();

  Declarations(List<Stmt> body, Set<Var> declaredElsewhere) {
    this(body, declaredElsewhere, Set.of());
  }

  /**
   * @param readAfter variables the code after {@code body} reads (the result, the parameters'
   *     adjoints), so they are declared in the body's own block: in {@code while (true) { ...
   *     return x; }} the result is first assigned inside the loop
   */
  Declarations(List<Stmt> body, Set<Var> declaredElsewhere, Set<Var> readAfter) {
    Layout layout = new Layout(body);
    Map<Var, List<Stmt>> occurrences = new LinkedHashMap<>();
    for (Stmt s : layout.statements()) {
      Set<Var> vars = new java.util.LinkedHashSet<>();
      if (s instanceof Stmt.Assign a) {
        vars.add(a.target());
      }
      vars.addAll(dev.adjoint.processor.ir.Stmts.ownReads(s));
      for (Var v : vars) {
        if (!declaredElsewhere.contains(v) && v.role() != Var.Role.FIELD) {
          occurrences.computeIfAbsent(v, k -> new ArrayList<>()).add(s);
        }
      }
    }
    occurrences.forEach((v, stmts) -> place(layout, v, stmts, readAfter.contains(v)));
  }

  private void place(Layout layout, Var v, List<Stmt> stmts, boolean readAfter) {
    List<Stmt> block = readAfter ? layout.blocksOf(stmts.get(0)).get(0)
        : commonBlock(layout, stmts);
    Stmt first = stmts.get(0);
    if (first instanceof Stmt.Assign a && a.target() == v && !a.accumulate()
        && Exprs.countReads(a.value(), v) == 0 && layout.innermost(first) == block) {
      inline.add(a);
    } else {
      hoisted.computeIfAbsent(layout.childContaining(block, first), k -> new ArrayList<>())
          .add(v);
    }
  }

  private static List<Stmt> commonBlock(Layout layout, List<Stmt> stmts) {
    List<List<Stmt>> common = layout.blocksOf(stmts.get(0));
    for (Stmt s : stmts) {
      List<List<Stmt>> path = layout.blocksOf(s);
      int n = 0;
      while (n < common.size() && n < path.size() && common.get(n) == path.get(n)) {
        n++;
      }
      common = common.subList(0, n);
    }
    return common.get(common.size() - 1);
  }

  /** Whether {@code a} is written as a declaration ({@code double x = ...}). */
  boolean declares(Stmt.Assign a) {
    return inline.contains(a);
  }

  /** Variables to declare, zero-initialized, just before {@code s}. */
  List<Var> before(Stmt s) {
    return hoisted.getOrDefault(s, List.of());
  }
}
