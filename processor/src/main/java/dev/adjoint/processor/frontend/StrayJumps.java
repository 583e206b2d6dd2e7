package dev.adjoint.processor.frontend;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import dev.adjoint.processor.diag.Message;
import java.util.List;

/**
 * Finds a {@code break} (or {@code yield}) that leaves a switch case before its end: the
 * if/else-if chain a switch becomes has nothing for it to jump to. Jumps of a nested loop or
 * switch are theirs, so the scan does not enter them.
 */
final class StrayJumps extends TreeScanner<Void, Void> {
  private final boolean yields;

  private StrayJumps(boolean yields) {
    this.yields = yields;
  }

  /** Throws at the first jump in {@code body} out of the case it is in. */
  static void check(List<? extends StatementTree> body, boolean yields) {
    new StrayJumps(yields).scan(body, null);
  }

  @Override
  public Void visitBreak(BreakTree node, Void unused) {
    if (node.getLabel() == null) {
      throw new Unsupported(node, Message.UNSUPPORTED, "a break before the end of its case",
          "use if/else inside the case so that the break comes last");
    }
    return null;
  }

  @Override
  public Void visitYield(YieldTree node, Void unused) {
    throw new Unsupported(node, Message.UNSUPPORTED, "a yield before the end of its case",
        "compute the value into a local with if/else and yield it last");
  }

  @Override
  public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
    return null;
  }

  @Override
  public Void visitSwitch(SwitchTree node, Void unused) {
    // Its breaks are its own; a yield inside it would still be ours.
    return yields ? scanYields(node) : null;
  }

  private Void scanYields(com.sun.source.tree.Tree node) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitYield(YieldTree y, Void u) {
        return StrayJumps.this.visitYield(y, u);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree s, Void u) {
        return null;
      }
    }.scan(node, null);
    return null;
  }

  @Override
  public Void visitForLoop(ForLoopTree node, Void unused) {
    return yields ? scanYields(node) : null;
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    return yields ? scanYields(node) : null;
  }

  @Override
  public Void visitWhileLoop(WhileLoopTree node, Void unused) {
    return yields ? scanYields(node) : null;
  }

  @Override
  public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
    return yields ? scanYields(node) : null;
  }
}
