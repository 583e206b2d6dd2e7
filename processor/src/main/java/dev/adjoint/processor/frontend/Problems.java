package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the fence and the reader found wrong with one method body, each at its own tree. They
 * collect instead of stopping at the first, and the whole list is reported in source order.
 */
public final class Problems {
  private record Problem(Tree tree, Message message, Object[] args) {}

  private final List<Problem> found = new ArrayList<>();
  private int recoveries;

  void report(Tree tree, Message message, Object... args) {
    found.add(new Problem(tree, message, args));
  }

  void report(Unsupported u) {
    report(u.tree, u.message, u.args);
  }

  /**
   * Reports a name or call the reader cannot resolve and stands in for its value, so the rest of
   * the statement is still read (and its other problems reported).
   */
  Expr recover(Tree tree, Message message, Object... args) {
    report(tree, message, args);
    recoveries++;
    return new Expr.Const(Type.DOUBLE, 0, tree.toString());
  }

  /** How many values were stood in for: a type error after one is a consequence, not news. */
  int recoveries() {
    return recoveries;
  }

  public int count() {
    return found.size();
  }

  /** The first problem found, as its message says it (for an error at a call naming it). */
  public String first() {
    return found.isEmpty() ? "" : found.get(0).message().format(found.get(0).args());
  }

  /** Reports every problem, in the order of their positions in the file. */
  public void reportTo(Diagnostics diagnostics, CompilationUnitTree unit,
      SourcePositions positions) {
    found.stream()
        .sorted(Comparator.comparingLong(p -> positions.getStartPosition(unit, p.tree())))
        .forEach(p -> diagnostics.error(p.tree(), unit, p.message(), p.args()));
  }
}
