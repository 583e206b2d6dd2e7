package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.StatementTree;
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
 * ? a : b}, a for-each row). Read from the tree, by name; a binding forgets what the name meant
 * only in a top-level statement (which runs once, in order), so inside branches and loops it
 * over-approximates: it decides whether a caller must refuse the call, and refusing is the safe
 * side.
 */
public final class ArrayParameterWrites {
  private final Map<String, Set<String>> aliases = new HashMap<>();
  private final Set<String> written = new LinkedHashSet<>();
  private final java.util.function.Function<MethodInvocationTree, Set<Integer>> calls;

  private ArrayParameterWrites(
      java.util.function.Function<MethodInvocationTree, Set<Integer>> calls) {
    this.calls = calls;
  }

  /** The names of the array parameters {@code method} may write into, in declaration order. */
  public static List<String> of(MethodTree method) {
    return of(method, call -> Set.of());
  }

  /**
   * As {@link #of(MethodTree)}, counting the arrays passed to a call as written where {@code
   * calls} says the callee writes into those argument positions ({@code axpy(a, x, y)}).
   */
  public static List<String> of(MethodTree method,
      java.util.function.Function<MethodInvocationTree, Set<Integer>> calls) {
    if (method == null || method.getBody() == null) {
      return List.of();
    }
    ArrayParameterWrites scan = new ArrayParameterWrites(calls);
    for (VariableTree p : method.getParameters()) {
      // A record's arrays are written through its accessors (p.w()[i] = ...).
      if (p.getType() instanceof ArrayTypeTree || !(p.getType() instanceof PrimitiveTypeTree)) {
        scan.aliases.put(p.getName().toString(),
            new LinkedHashSet<>(List.of(p.getName().toString())));
      }
    }
    if (scan.aliases.isEmpty()) {
      return List.of();
    }
    Scanner scanner = scan.new Scanner();
    for (StatementTree st : method.getBody().getStatements()) {
      // A top-level statement runs once, in order: binding a name there replaces what it named
      // (v = scale(2, v) makes v the method's own array). Nested ones may not run: they add.
      if (st instanceof ExpressionStatementTree e && e.getExpression() instanceof AssignmentTree a
          && a.getVariable() instanceof IdentifierTree id) {
        scan.rebind(id.getName().toString(), a.getExpression());
        a.getExpression().accept(scanner, null);
      } else if (st instanceof VariableTree v) {
        scan.rebind(v.getName().toString(), v.getInitializer());
      } else {
        st.accept(scanner, null);
      }
    }
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

  /** Whether {@code e} names an existing array ({@code a}, {@code m[i]}, {@code c ? a : b}). */
  private static boolean namesArray(Tree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e instanceof IdentifierTree || e instanceof ArrayAccessTree
        || e instanceof ConditionalExpressionTree || accessor(e);
  }

  /** {@code p.w()}, {@code p.l1().w()}: a record's component, no new array ({@code clone}). */
  private static boolean accessor(Tree e) {
    return e instanceof MethodInvocationTree call && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && !select.getIdentifier().contentEquals("clone")
        && (select.getExpression() instanceof IdentifierTree || accessor(select.getExpression()));
  }

  private void rebind(String name, Tree value) {
    aliases.remove(name);
    alias(name, value);
  }

  private void alias(String name, Tree value) {
    if (value == null || !namesArray(value)) {
      return; // a call or new: a new array
    }
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
      alias(v.getName().toString(), v.getInitializer());
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
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      // Arrays.fill(a, v) writes a (a call of any method so named counts: the safe side)
      if (call.getMethodSelect() instanceof MemberSelectTree select
          && select.getIdentifier().contentEquals("fill") && !call.getArguments().isEmpty()) {
        ExpressionTree target = call.getArguments().get(0);
        while (target instanceof ArrayAccessTree inner) {
          target = inner.getExpression();
        }
        written.addAll(referred(target));
      }
      for (int i : calls.apply(call)) {
        ExpressionTree target = call.getArguments().get(i);
        while (target instanceof ArrayAccessTree inner) {
          target = inner.getExpression();
        }
        written.addAll(referred(target));
      }
      return super.visitMethodInvocation(call, unused);
    }

    @Override
    public Void visitUnary(UnaryTree u, Void unused) {
      Tree.Kind k = u.getKind();
      if (k == Tree.Kind.PREFIX_INCREMENT || k == Tree.Kind.PREFIX_DECREMENT
          || k == Tree.Kind.POSTFIX_INCREMENT || k == Tree.Kind.POSTFIX_DECREMENT) {
        store(u.getExpression());
      }
      return super.visitUnary(u, unused);
    }
  }
}
