package dev.adjoint.processor;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Which methods with source call which, read from their (unattributed) trees by name and arity
 * as the frontend resolves calls: a call {@code g(x)} names the methods {@code g} of the
 * caller's class, {@code K.g(x)} those of class {@code K} of its package. An over-approximation
 * (an overload of the same arity counts), used only to choose where split reversal saves work
 * ({@link SplitCallees}): never for what is correct. Each method's tree is read once.
 */
final class SplitCallGraph {
  private static final Set<Tree.Kind> LOOPS = Set.of(Tree.Kind.FOR_LOOP,
      Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP);

  private final Trees trees;
  private final Elements elements;
  private final Map<ExecutableElement, Set<ExecutableElement>> callees = new HashMap<>();
  private final Map<ExecutableElement, Boolean> loops = new HashMap<>();
  private final Map<ExecutableElement, Set<ExecutableElement>> reachable = new HashMap<>();

  SplitCallGraph(Trees trees, Elements elements) {
    this.trees = trees;
    this.elements = elements;
  }

  /** Whether {@code from} may call {@code to}, directly or through other methods with source. */
  boolean reaches(ExecutableElement from, ExecutableElement to) {
    return reachable(from).contains(to);
  }

  /**
   * Whether a pullback of {@code m} records onto stacks: it or a method it reaches has a loop,
   * or it is recursive (its calls of itself are split). The reachable methods stand in for the
   * split callees, whose record halves push onto the caller's stacks.
   */
  boolean records(ExecutableElement m) {
    if (hasLoop(m) || reaches(m, m)) {
      return true;
    }
    for (ExecutableElement c : reachable(m)) {
      if (hasLoop(c)) {
        return true;
      }
    }
    return false;
  }

  private Set<ExecutableElement> reachable(ExecutableElement from) {
    Set<ExecutableElement> known = reachable.get(from);
    if (known != null) {
      return known;
    }
    Set<ExecutableElement> out = new LinkedHashSet<>();
    Deque<ExecutableElement> work = new ArrayDeque<>(callees(from));
    while (!work.isEmpty()) {
      ExecutableElement m = work.pop();
      if (out.add(m)) {
        work.addAll(callees(m));
      }
    }
    reachable.put(from, out);
    return out;
  }

  private boolean hasLoop(ExecutableElement m) {
    callees(m);
    return loops.getOrDefault(m, false);
  }

  private Set<ExecutableElement> callees(ExecutableElement m) {
    Set<ExecutableElement> known = callees.get(m);
    if (known != null) {
      return known;
    }
    Set<ExecutableElement> out = new LinkedHashSet<>();
    callees.put(m, out);
    MethodTree tree = trees.getTree(m);
    if (tree == null || tree.getBody() == null) {
      return out;
    }
    TypeElement own = (TypeElement) m.getEnclosingElement();
    String pkg = elements.getPackageOf(m).getQualifiedName().toString();
    boolean[] loop = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void v) {
        loop[0] |= t != null && LOOPS.contains(t.getKind());
        return super.scan(t, v);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
        TypeElement owner = null;
        String name = null;
        if (t.getMethodSelect() instanceof IdentifierTree id) {
          owner = own;
          name = id.getName().toString();
        } else if (t.getMethodSelect() instanceof MemberSelectTree s
            && s.getExpression() instanceof IdentifierTree cls) {
          owner = cls.getName().contentEquals(own.getSimpleName()) ? own
              : elements.getTypeElement(pkg.isEmpty() ? cls.getName().toString()
                  : pkg + "." + cls.getName());
          name = s.getIdentifier().toString();
        }
        if (owner != null) {
          for (var e : owner.getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
                && ((ExecutableElement) e).getParameters().size() == t.getArguments().size()
                && trees.getTree((ExecutableElement) e) != null) {
              out.add((ExecutableElement) e);
            }
          }
        }
        return super.visitMethodInvocation(t, v);
      }
    }.scan(tree.getBody(), null);
    loops.put(m, loop[0]);
    return out;
  }
}
