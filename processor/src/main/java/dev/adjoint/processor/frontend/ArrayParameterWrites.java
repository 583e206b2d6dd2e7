package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The array parameters a method's source may write into: an element store whose array is the
 * parameter or a local that was given an expression naming it ({@code row = m[0]}, {@code r = c
 * ? a : b}, a for-each row). Read from the tree, by name, so it over-approximates (a local that
 * is later given a new array still counts): it decides whether a caller must refuse the call,
 * and refusing is the safe side.
 */
public final class ArrayParameterWrites {
  private final Map<String, Set<String>> aliases = new HashMap<>();
  private final Set<String> written = new LinkedHashSet<>();

  private ArrayParameterWrites() {}

  /** The names of the array parameters {@code method} may write into, in declaration order. */
  public static List<String> of(MethodTree method) {
    if (method == null || method.getBody() == null) {
      return List.of();
    }
    ArrayParameterWrites scan = new ArrayParameterWrites();
    for (VariableTree p : method.getParameters()) {
      if (p.getType() instanceof ArrayTypeTree) {
        scan.aliases.put(p.getName().toString(), Set.of(p.getName().toString()));
      }
    }
    if (scan.aliases.isEmpty()) {
      return List.of();
    }
    method.getBody().accept(scan.new Scanner(), null);
    return method.getParameters().stream().map(p -> p.getName().toString())
        .filter(scan.written::contains).toList();
  }

  /** The parameters the names in {@code e} may refer to. */
  private Set<String> referred(Tree e) {
    Set<String> out = new LinkedHashSet<>();
    if (e == null) {
      return out;
    }
    e.accept(new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree id, Void unused) {
        out.addAll(aliases.getOrDefault(id.getName().toString(), Set.of()));
        return null;
      }
    }, null);
    return out;
  }

  private void alias(String name, Tree value) {
    Set<String> params = referred(value);
    if (!params.isEmpty()) {
      aliases.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(params);
    }
  }

  private void store(ExpressionTree target) {
    if (target instanceof ArrayAccessTree access) {
      ExpressionTree base = access.getExpression();
      while (base instanceof ArrayAccessTree inner) {
        base = inner.getExpression();
      }
      written.addAll(referred(base));
    }
  }

  private final class Scanner extends TreeScanner<Void, Void> {
    @Override
    public Void visitVariable(VariableTree v, Void unused) {
      if (v.getType() instanceof ArrayTypeTree || v.getType() == null
          || v.getType().getKind() == Tree.Kind.IDENTIFIER) { // var
        alias(v.getName().toString(), v.getInitializer());
      }
      return super.visitVariable(v, unused);
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
      alias(loop.getVariable().getName().toString(), loop.getExpression());
      return super.visitEnhancedForLoop(loop, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree a, Void unused) {
      if (a.getVariable() instanceof IdentifierTree id) {
        alias(id.getName().toString(), a.getExpression());
      }
      store(a.getVariable());
      return super.visitAssignment(a, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree a, Void unused) {
      store(a.getVariable());
      return super.visitCompoundAssignment(a, unused);
    }

    @Override
    public Void visitUnary(UnaryTree u, Void unused) {
      store(u.getExpression());
      return super.visitUnary(u, unused);
    }
  }
}
