package dev.adjoint.processor;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.frontend.CalleeBodies;
import dev.adjoint.processor.frontend.CalleeResolver;
import dev.adjoint.processor.frontend.MethodReader;
import dev.adjoint.processor.frontend.Problems;
import dev.adjoint.processor.frontend.Shadowing;
import dev.adjoint.processor.frontend.SubsetFence;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.CallRules;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * Reads a callee's body for the caller to read it in ({@link CalleeBodies}), with a reader of
 * its own: its names resolve in its own class. The methods being read so, innermost last, make
 * a call through them of one of them (recursion) a problem instead of an endless read.
 */
final class CalleeBodyReader implements CalleeBodies {
  private final Trees trees;
  private final Elements elements;
  private final CallRules rules;
  private final Predicate<ExecutableElement> hasSource;
  private final java.util.function.Function<ExecutableElement, List<String>> writes;
  private final Deque<ExecutableElement> reading = new ArrayDeque<>();

  CalleeBodyReader(Trees trees, Elements elements, CallRules rules,
      Predicate<ExecutableElement> hasSource,
      java.util.function.Function<ExecutableElement, List<String>> writes,
      ExecutableElement caller) {
    this.trees = trees;
    this.elements = elements;
    this.rules = rules;
    this.hasSource = hasSource;
    this.writes = writes;
    reading.add(caller);
  }

  @Override
  public Body read(ExecutableElement callee, List<Type> parameterTypes) {
    if (reading.contains(callee)) {
      return new Body(null, "a method read into its caller may not call itself, directly or"
          + " through such methods; write the recursion as a loop", List.of());
    }
    TreePath path = trees.getPath(callee);
    if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
      return new Body(null, "its source is not part of this compilation", List.of());
    }
    MethodTree tree = (MethodTree) path.getLeaf();
    Problems problems = new Problems();
    SubsetFence fence = new SubsetFence(problems);
    fence.check(tree.getBody());
    CalleeResolver resolver = new CalleeResolver(callee, path.getCompilationUnit(), elements,
        rules, hasSource, writes, this);
    MethodReader reader = new MethodReader(path.getCompilationUnit(),
        trees.getSourcePositions(), problems, fence,
        new Shadowing(callee, path.getCompilationUnit(), elements), resolver);
    reading.add(callee);
    Function f;
    try {
      f = reader.read(tree, parameterTypes);
    } finally {
      reading.removeLast();
    }
    if (problems.count() > 0) {
      return new Body(null, "in " + callee.getSimpleName() + ": " + problems.first(), List.of());
    }
    return new Body(f, null, resolver.helperCalls());
  }
}
