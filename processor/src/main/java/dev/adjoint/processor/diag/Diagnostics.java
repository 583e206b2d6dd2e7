package dev.adjoint.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors at the most precise position available and counts them, so the processor can
 * keep going (and report further errors) but never generate code for a method it rejected.
 */
public final class Diagnostics {
  private final Messager messager;
  private final Trees trees;
  private int errors;
  /** Each error as {@code File.java:line: message}, for a note that refers to it elsewhere. */
  private final java.util.List<String> reported = new java.util.ArrayList<>();

  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** An error at a tree inside a method body: javac shows its line and column. */
  public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    errors++;
    String text = message.format(args);
    trees.printMessage(Diagnostic.Kind.ERROR, text, tree, unit);
    remember(unit, trees.getSourcePositions().getStartPosition(unit, tree), text);
  }

  public void error(Element element, Message message, Object... args) {
    errors++;
    String text = message.format(args);
    messager.printMessage(Diagnostic.Kind.ERROR, text, element);
    remember(element, text);
  }

  public void error(
      Element element, AnnotationMirror annotation, Message message, Object... args) {
    errors++;
    String text = message.format(args);
    messager.printMessage(Diagnostic.Kind.ERROR, text, element, annotation);
    remember(element, text);
  }

  /** Error {@code index} (counting from 0) as {@code File.java:line: message}. */
  public String describe(int index) {
    return reported.get(index);
  }

  private void remember(Element element, String text) {
    TreePath path = trees == null ? null : trees.getPath(element);
    if (path == null) {
      reported.add(text);
    } else {
      remember(path.getCompilationUnit(),
          trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), path.getLeaf()),
          text);
    }
  }

  private void remember(CompilationUnitTree unit, long position, String text) {
    String file = unit.getSourceFile().getName();
    file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    reported.add(position < 0 ? file + ": " + text
        : file + ":" + unit.getLineMap().getLineNumber(position) + ": " + text);
  }

  public int errorCount() {
    return errors;
  }
}
