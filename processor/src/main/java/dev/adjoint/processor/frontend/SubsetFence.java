package dev.adjoint.processor.frontend;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.adjoint.processor.diag.Message;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The supported subset, as a whitelist of tree kinds: anything else in a method body is an
 * error on its own tree, naming the construct and what to write instead. The fence does not
 * descend into a rejected tree, so one construct gives one error, and the reader, which reads
 * the body after it, skips what the fence rejected ({@link #rejected}).
 */
public final class SubsetFence extends TreeScanner<Void, Void> {

  private static final Set<Tree.Kind> ALLOWED =
      EnumSet.of(
          Tree.Kind.BLOCK,
          Tree.Kind.VARIABLE,
          Tree.Kind.EXPRESSION_STATEMENT,
          Tree.Kind.IF,
          Tree.Kind.RETURN,
          Tree.Kind.EMPTY_STATEMENT,
          Tree.Kind.ASSIGNMENT,
          Tree.Kind.PLUS_ASSIGNMENT,
          Tree.Kind.MINUS_ASSIGNMENT,
          Tree.Kind.MULTIPLY_ASSIGNMENT,
          Tree.Kind.DIVIDE_ASSIGNMENT,
          Tree.Kind.REMAINDER_ASSIGNMENT,
          Tree.Kind.AND_ASSIGNMENT,
          Tree.Kind.OR_ASSIGNMENT,
          Tree.Kind.XOR_ASSIGNMENT,
          Tree.Kind.LEFT_SHIFT_ASSIGNMENT,
          Tree.Kind.RIGHT_SHIFT_ASSIGNMENT,
          Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT,
          Tree.Kind.PREFIX_INCREMENT,
          Tree.Kind.PREFIX_DECREMENT,
          Tree.Kind.POSTFIX_INCREMENT,
          Tree.Kind.POSTFIX_DECREMENT,
          Tree.Kind.PLUS,
          Tree.Kind.MINUS,
          Tree.Kind.MULTIPLY,
          Tree.Kind.DIVIDE,
          Tree.Kind.REMAINDER,
          Tree.Kind.AND,
          Tree.Kind.OR,
          Tree.Kind.XOR,
          Tree.Kind.LEFT_SHIFT,
          Tree.Kind.RIGHT_SHIFT,
          Tree.Kind.UNSIGNED_RIGHT_SHIFT,
          Tree.Kind.BITWISE_COMPLEMENT,
          Tree.Kind.LESS_THAN,
          Tree.Kind.LESS_THAN_EQUAL,
          Tree.Kind.GREATER_THAN,
          Tree.Kind.GREATER_THAN_EQUAL,
          Tree.Kind.EQUAL_TO,
          Tree.Kind.NOT_EQUAL_TO,
          Tree.Kind.CONDITIONAL_AND,
          Tree.Kind.CONDITIONAL_OR,
          Tree.Kind.LOGICAL_COMPLEMENT,
          Tree.Kind.UNARY_MINUS,
          Tree.Kind.UNARY_PLUS,
          Tree.Kind.CONDITIONAL_EXPRESSION,
          Tree.Kind.PARENTHESIZED,
          Tree.Kind.IDENTIFIER,
          Tree.Kind.MEMBER_SELECT,
          Tree.Kind.METHOD_INVOCATION,
          Tree.Kind.TYPE_CAST,
          Tree.Kind.INT_LITERAL,
          Tree.Kind.LONG_LITERAL,
          Tree.Kind.DOUBLE_LITERAL,
          Tree.Kind.BOOLEAN_LITERAL,
          Tree.Kind.FOR_LOOP,
          Tree.Kind.ENHANCED_FOR_LOOP,
          Tree.Kind.WHILE_LOOP,
          Tree.Kind.DO_WHILE_LOOP,
          Tree.Kind.BREAK,
          Tree.Kind.CONTINUE,
          Tree.Kind.ARRAY_ACCESS,
          Tree.Kind.NEW_ARRAY,
          Tree.Kind.SWITCH,
          Tree.Kind.SWITCH_EXPRESSION,
          Tree.Kind.CASE,
          Tree.Kind.YIELD,
          Tree.Kind.ASSERT,
          Tree.Kind.CHAR_LITERAL,
          Tree.Kind.STRING_LITERAL,
          Tree.Kind.NULL_LITERAL);

  /** What to call each rejected construct, and what to do instead. */
  private static final Map<Tree.Kind, String[]> REJECTED = new EnumMap<>(Tree.Kind.class);

  static {
    reject(Tree.Kind.LABELED_STATEMENT, "a labeled statement",
        "remove the label; to leave nested loops, set a flag the outer loop tests");
    String exceptions = "derivatives of exceptional control flow are undefined; check inputs before"
        + " calling and keep the differentiated method free of exceptions";
    reject(Tree.Kind.TRY, "try", exceptions);
    reject(Tree.Kind.THROW, "throw", exceptions);
    reject(Tree.Kind.SYNCHRONIZED, "synchronized", "differentiated code must be pure arithmetic");
    String functional = "declare it as a local DoubleUnaryOperator or DoubleBinaryOperator"
        + " and call its applyAsDouble, pass it to a method of this file taking one, or compute"
        + " with plain expressions";
    reject(Tree.Kind.LAMBDA_EXPRESSION, "a lambda", functional);
    reject(Tree.Kind.MEMBER_REFERENCE, "a method reference", functional);
    reject(Tree.Kind.NEW_CLASS, "object creation (new)",
        "a differentiated method works on primitives, arrays and the records it is given; pass"
        + " the values in as double parameters (a record, such as new Layer(w, b), as a"
        + " parameter of the record's type)");
    reject(Tree.Kind.CLASS, "a local class", "move the class out of the method");
    reject(Tree.Kind.INTERFACE, "a local interface", "move it out of the method");
    reject(Tree.Kind.RECORD, "a local record", "move it out of the method");
    reject(Tree.Kind.ENUM, "a local enum", "move it out of the method");
    reject(Tree.Kind.INSTANCE_OF, "instanceof", "differentiated code works on primitives only");
    reject(Tree.Kind.FLOAT_LITERAL, "a float literal", "use a double literal such as 1.5");
  }

  private final Problems problems;
  private final Set<Tree> rejected = Collections.newSetFromMap(new IdentityHashMap<>());

  public SubsetFence(Problems problems) {
    this.problems = problems;
  }

  /** Checks a method body, reporting each rejected construct. */
  public void check(Tree body) {
    scan(body, null);
  }

  /** The trees reported, each the outermost tree of its construct. */
  Set<Tree> rejected() {
    return rejected;
  }

  @Override
  public Void scan(Tree tree, Void unused) {
    if (tree == null) {
      return null;
    }
    if (!ALLOWED.contains(tree.getKind())) {
      String[] what = REJECTED.get(tree.getKind());
      if (what == null) {
        what = new String[] {"this construct (" + tree.getKind() + ")", "rewrite it with"
            + " locals, arrays, arithmetic, Math functions, if/else and loops"};
      }
      rejected.add(tree);
      problems.report(tree, Message.UNSUPPORTED, what[0], what[1]);
      return null;
    }
    return super.scan(tree, unused);
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    // A local function's lambda is inlined where it is called: its body is code; a method
    // reference is resolved by the reader.
    if (FunctionalTypes.mayName(node.getType())
        && node.getInitializer() instanceof LambdaExpressionTree lambda) {
      return scan(lambda.getBody(), unused);
    }
    if (FunctionalTypes.mayName(node.getType())
        && node.getInitializer() instanceof MemberReferenceTree) {
      return null;
    }
    // The declared type is checked by the reader; only the initializer holds code.
    return scan(node.getInitializer(), unused);
  }

  @Override
  public Void visitAssert(AssertTree node, Void unused) {
    // The message is not differentiated code (and not evaluated by the generated code).
    return scan(node.getCondition(), unused);
  }

  @Override
  public Void visitTypeCast(TypeCastTree node, Void unused) {
    return scan(node.getExpression(), unused);
  }

  @Override
  public Void visitNewArray(NewArrayTree node, Void unused) {
    // The element type is checked by the reader.
    scan(node.getDimensions(), unused);
    return scan(node.getInitializers(), unused);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    // The callee is resolved by the reader; type arguments and receivers are not code here.
    // A function passed to a callee of this file is inlined with it: a lambda's body is code.
    for (ExpressionTree arg : node.getArguments()) {
      ExpressionTree a = arg;
      while (a instanceof ParenthesizedTree p) {
        a = p.getExpression();
      }
      if (a instanceof LambdaExpressionTree lambda) {
        scan(lambda.getBody(), unused);
      } else if (!(a instanceof MemberReferenceTree)) {
        scan(arg, unused);
      }
    }
    return null;
  }

  private static void reject(Tree.Kind kind, String construct, String advice) {
    REJECTED.put(kind, new String[] {construct, advice});
  }
}
