package dev.adjoint.processor.emit.checks;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diag.Diagnostics;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.frontend.JavacEnvironment;
import dev.adjoint.processor.frontend.JavacTrees;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * {@code @Differentiable} methods of local and anonymous classes. javac hands a processor only
 * the elements of top-level and member classes, so these would silently get no adjoint; they
 * are found in the trees instead and reported, as the generated class could not name them.
 * Each compilation unit is read once: in a round (where other errors stop javac before it
 * analyzes anything), or, for a unit with no other annotation, when javac starts to analyze it
 * (our processor is not called for it at all).
 */
public final class LocalClasses {
  private static final String ANNOTATION = "dev.adjoint.Differentiable";

  private final Set<CompilationUnitTree> read =
      Collections.newSetFromMap(new IdentityHashMap<>());

  /** Also reads each unit javac analyzes that no round showed us, if this is javac. */
  public void listen(ProcessingEnvironment env) {
    JavacTask task;
    Trees trees;
    try {
      task = JavacTask.instance(JavacEnvironment.unwrap(env));
      trees = JavacTrees.of(env);
    } catch (RuntimeException | LinkageError e) {
      return; // not javac: rounds report what they can, and the Trees error says the rest
    }
    Diagnostics diagnostics = new Diagnostics(env.getMessager(), trees);
    task.addTaskListener(new TaskListener() {
      @Override
      public void started(TaskEvent e) {
        if (e.getKind() == TaskEvent.Kind.ANALYZE && e.getCompilationUnit() != null) {
          report(e.getCompilationUnit(), diagnostics);
        }
      }
    });
  }

  /** Reports every annotated method of a local or anonymous class in {@code unit}, once. */
  public void report(CompilationUnitTree unit, Diagnostics diagnostics) {
    if (!read.add(unit)) {
      return;
    }
    boolean imported = importsAnnotation(unit);
    new TreePathScanner<Void, Void>() {
      /** What the class being scanned is nested in: null, a local or an anonymous class. */
      private String context;

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Tree.Kind parent = getCurrentPath().getParentPath().getLeaf().getKind();
        String saved = context;
        context = parent == Tree.Kind.BLOCK || parent == Tree.Kind.CASE ? "a local class"
            : parent == Tree.Kind.NEW_CLASS ? "an anonymous class" : context;
        if (context != null) {
          check(tree, context);
        }
        try {
          return super.visitClass(tree, unused);
        } finally {
          context = saved;
        }
      }

      /** Iterates over a left-nested chain ({@code a + b + c ...}, thousands of terms long). */
      @Override
      public Void visitBinary(BinaryTree tree, Void unused) {
        Deque<Tree> rights = new ArrayDeque<>();
        Tree left = tree;
        while (left instanceof BinaryTree b) {
          rights.push(b.getRightOperand());
          left = b.getLeftOperand();
        }
        scan(left, null);
        while (!rights.isEmpty()) {
          scan(rights.pop(), null);
        }
        return null;
      }

      private void check(ClassTree type, String what) {
        for (Tree member : type.getMembers()) {
          if (member instanceof MethodTree m && annotated(m, imported)) {
            diagnostics.error(m, unit, Message.NESTING, m.getName(), what);
          }
        }
      }
    }.scan(unit, null);
  }

  private static boolean annotated(MethodTree method, boolean imported) {
    for (AnnotationTree a : method.getModifiers().getAnnotations()) {
      String name = a.getAnnotationType().toString();
      if (name.equals(ANNOTATION) || imported && name.equals("Differentiable")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the simple name {@code Differentiable} means ours in {@code unit}. */
  private static boolean importsAnnotation(CompilationUnitTree unit) {
    if (unit.getPackageName() != null && unit.getPackageName().toString().equals("dev.adjoint")) {
      return true;
    }
    for (ImportTree imp : unit.getImports()) {
      String name = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && (name.equals(ANNOTATION) || name.equals("dev.adjoint.*"))) {
        return true;
      }
    }
    return false;
  }
}
