package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import dev.adjoint.processor.ir.SourceRef;

/** Where a statement is in the user's file: its line, a one-line rendering, its tree. */
final class SourceRefs {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final String fileName;

  SourceRefs(CompilationUnitTree unit, SourcePositions positions) {
    this.unit = unit;
    this.positions = positions;
    String path = unit.getSourceFile().getName();
    this.fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  }

  /** The simple name of the file, for comments in generated code. */
  String fileName() {
    return fileName;
  }

  SourceRef of(Tree t) {
    long pos = positions.getStartPosition(unit, t);
    int line = pos < 0 ? 0 : (int) unit.getLineMap().getLineNumber(pos);
    String text = t.toString().replaceAll("\\s+", " ").trim();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    if (t.getKind() == Tree.Kind.IF) {
      String condition = ((IfTree) t).getCondition().toString().replaceAll("\\s+", " ");
      text = "if (" + condition.replaceAll("^\\((.*)\\)$", "$1") + ")";
    } else if (t instanceof SwitchTree s) {
      text = ("switch " + s.getExpression()).replaceAll("\\s+", " ");
    }
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return new SourceRef(fileName, line, text, t);
  }
}
