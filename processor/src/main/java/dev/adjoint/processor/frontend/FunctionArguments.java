package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;

/**
 * A call that passes a function ({@code integrate(x -> Math.exp(-k * x * x), 0, 1, n)}, {@code
 * sum(v, Math::sin)}, {@code newtonStep(f, x)}) to a static method of this file declaring a
 * {@code DoubleUnaryOperator} or {@code DoubleBinaryOperator} parameter: the callee is inlined
 * at the call, its functional parameter bound to the caller's function as a {@link
 * LocalFunction}, its other parameters to locals holding their arguments. A lambda's captured
 * locals are the caller's, so gradients flow into them; the callee's names resolve as in its
 * own class. Inlined rather than specialized into a method of its own: the generated code then
 * needs nothing new, and a pullback reads as the caller's code did.
 */
final class FunctionArguments {
  private final ExpressionReader expressions;
  private final LocalFunctionCalls functions;
  private final Scopes scopes;
  private final Effects effects;
  private final NameResolver names;
  private final SubsetFence fence;
  private final CompilationUnitTree unit;
  private final java.util.function.Function<ExecutableElement, TreePath> paths;
  /** The callees being inlined, innermost last: one met again is recursive. */
  private final List<ExecutableElement> active = new ArrayList<>();
  private final Set<ExecutableElement> fenced = new HashSet<>();

  FunctionArguments(ExpressionReader expressions, LocalFunctionCalls functions, Scopes scopes,
      Effects effects, NameResolver names, SubsetFence fence, CompilationUnitTree unit,
      java.util.function.Function<ExecutableElement, TreePath> paths) {
    this.expressions = expressions;
    this.functions = functions;
    this.scopes = scopes;
    this.effects = effects;
    this.names = names;
    this.fence = fence;
    this.unit = unit;
    this.paths = paths;
  }

  /** The call's value, if it passes a function; empty if it passes none. */
  Optional<Expr> read(MethodInvocationTree call) {
    List<? extends ExpressionTree> args = call.getArguments();
    ExpressionTree passed = args.stream().filter(this::isFunction).findFirst().orElse(null);
    if (passed == null) {
      return Optional.empty();
    }
    ExecutableElement callee = callee(call, passed);
    MethodTree tree = source(call, callee);
    if (active.contains(callee)) {
      throw new Unsupported(call, Message.UNSUPPORTED, "a recursive call of "
          + callee.getSimpleName() + ", which takes a function,", "write "
          + callee.getSimpleName() + " with a loop");
    }
    if (fenced.add(callee)) {
      fence.check(tree.getBody());
    }
    List<Object> bound = bind(call, callee);
    SourceRef src = effects.source();
    active.add(callee);
    try {
      Expr value = names.reading(callee, () -> scopes.within(Scopes.Snapshot.empty(callee),
          () -> {
            for (int i = 0; i < bound.size(); i++) {
              String name = callee.getParameters().get(i).getSimpleName().toString();
              if (bound.get(i) instanceof LocalFunction f) {
                scopes.declare(f.named(name));
                continue;
              }
              Value arg = (Value) bound.get(i);
              Var p = new Var(name, arg.type(), Var.Role.LOCAL);
              effects.add(Stmt.Assign.set(p, arg.value(), src));
              scopes.declare(p);
            }
            return functions.body(tree.getBody().getStatements(), call, "the body of "
                + callee.getSimpleName() + " (inlined where a function is passed to it)");
          }));
      if (!value.type().isNumeric()) {
        throw new Unsupported(call, Message.TYPE_MISMATCH, callee.getSimpleName()
            + " must return a number when it is passed a function, not "
            + value.type().javaName());
      }
      return Optional.of(value);
    } finally {
      active.remove(active.size() - 1);
    }
  }

  private boolean isFunction(ExpressionTree arg) {
    ExpressionTree a = strip(arg);
    return a instanceof LambdaExpressionTree || a instanceof MemberReferenceTree
        || a instanceof IdentifierTree id && scopes.function(id.getName().toString()).isPresent();
  }

  private static ExpressionTree strip(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e;
  }

  /** The static method the call names, with as many parameters as it has arguments. */
  private ExecutableElement callee(MethodInvocationTree call, ExpressionTree passed) {
    ExpressionTree select = call.getMethodSelect();
    String name = select instanceof MemberSelectTree m ? m.getIdentifier().toString()
        : select.toString();
    List<TypeElement> owners;
    if (select instanceof MemberSelectTree m) {
      TypeElement type = NameLookup.isThis(m.getExpression()) ? names.receiverClass()
          : expressions.qualifierType(m.getExpression());
      owners = type == null ? List.of() : names.staticMethodOwners(type, name);
    } else {
      owners = names.methodOwners(name);
    }
    TypeElement owner = NameLookup.single(call, name, owners);
    List<ExecutableElement> found = new ArrayList<>();
    for (Element e : owner == null ? List.<Element>of() : owner.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name)
          && e.getModifiers().contains(Modifier.STATIC)
          && ((ExecutableElement) e).getParameters().size() == call.getArguments().size()) {
        found.add((ExecutableElement) e);
      }
    }
    if (found.size() != 1) {
      throw new Unsupported(passed, Message.UNSUPPORTED, "passing " + describe(passed) + " to "
          + select + (found.isEmpty() ? "" : ", which is overloaded,"), "pass it to a static"
          + " method of this file with a DoubleUnaryOperator or DoubleBinaryOperator parameter,"
          + " or call the function here");
    }
    return found.get(0);
  }

  /** The callee's declaration, which must be in this file (its trees are read here). */
  private MethodTree source(MethodInvocationTree call, ExecutableElement callee) {
    TreePath path = paths.apply(callee);
    String name = callee.getSimpleName().toString();
    if (path == null || path.getCompilationUnit() != unit
        || ((MethodTree) path.getLeaf()).getBody() == null) {
      throw new Unsupported(call, Message.UNSUPPORTED, "passing a function to " + name
          + ", whose source is not in this file,", "move " + name + " into this file, or"
          + " call the function here");
    }
    if (callee.isVarArgs() || !callee.getTypeParameters().isEmpty()) {
      throw new Unsupported(call, Message.UNSUPPORTED, "passing a function to " + name
          + (callee.isVarArgs() ? ", which takes varargs," : ", which is generic,"),
          "declare " + name + " with plain parameters");
    }
    return (MethodTree) path.getLeaf();
  }

  /**
   * Each argument as the callee's parameter takes it: a {@link LocalFunction} for a functional
   * one, else its {@link Value} (read left to right, as Java evaluates them before the call).
   */
  private List<Object> bind(MethodInvocationTree call, ExecutableElement callee) {
    List<? extends ExpressionTree> args = call.getArguments();
    String name = callee.getSimpleName().toString();
    List<ExpressionTree> valueTrees = new ArrayList<>();
    List<Object> bound = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      VariableElement p = callee.getParameters().get(i);
      int arity = p.asType() instanceof DeclaredType d && d.asElement() instanceof TypeElement t
          ? FunctionalTypes.arity(t) : -1;
      ExpressionTree arg = args.get(i);
      if (arity > 0 != isFunction(arg)) {
        throw new Unsupported(arg, Message.UNSUPPORTED, arity > 0
            ? "this argument for the function parameter " + p.getSimpleName() + " of " + name
            : "passing " + describe(arg) + " to the parameter " + p.getSimpleName() + " ("
                + p.asType() + ") of " + name, arity > 0 ? "pass a lambda, a method reference or"
                + " a local DoubleUnaryOperator or DoubleBinaryOperator" : "declare "
                + p.getSimpleName() + " as a DoubleUnaryOperator or DoubleBinaryOperator");
      }
      if (arity > 0) {
        bound.add(function(strip(arg), arity, p, name));
      } else {
        Optional<Type> type = TreeKinds.type(p.asType());
        if (type.isEmpty()) {
          throw new Unsupported(arg, Message.UNSUPPORTED, "passing a function to " + name
              + ", whose parameter " + p.getSimpleName() + " has type " + p.asType() + ",",
              "give " + name + " only double, int, long, boolean and array parameters besides"
              + " its functions");
        }
        valueTrees.add(arg);
        bound.add(type.get());
      }
    }
    List<Expr> values = expressions.operands(valueTrees);
    for (int i = 0, k = 0; i < bound.size(); i++) {
      if (bound.get(i) instanceof Type type) {
        Expr value = values.get(k);
        if (type.isArray() && value instanceof Expr.NewArray) {
          throw new Unsupported(valueTrees.get(k), Message.UNSUPPORTED, "passing a new array to "
              + name, "declare it as a local first");
        }
        bound.set(i, new Value(type, Typing.convert(value, type, valueTrees.get(k))));
        k++;
      }
    }
    return bound;
  }

  /** An argument's value, for a parameter of {@code type} (a double may take an int). */
  private record Value(Type type, Expr value) {}

  private LocalFunction function(ExpressionTree arg, int arity, VariableElement p, String name) {
    if (arg instanceof IdentifierTree id) {
      LocalFunction f = scopes.function(id.getName().toString()).orElseThrow();
      if (f.initializer() == null) {
        throw Unsupported.reported(arg); // its declaration has the error
      }
      if (f.arity() == arity) {
        return f;
      }
    } else if (arg instanceof LambdaExpressionTree lambda
        && lambda.getParameters().size() == arity
        || arg instanceof MemberReferenceTree ref
        && ref.getMode() == MemberReferenceTree.ReferenceMode.INVOKE) {
      return new LocalFunction(p.getSimpleName().toString(), arity, arg, scopes.snapshot());
    }
    throw new Unsupported(arg, Message.TYPE_MISMATCH, describe(arg) + " does not fit the"
        + " parameter " + p.getSimpleName() + " (" + p.asType() + ") of " + name);
  }

  /** {@code the lambda x -> ...}, {@code Math::sin}, {@code the function f}. */
  private static String describe(ExpressionTree arg) {
    ExpressionTree a = strip(arg);
    if (a instanceof LambdaExpressionTree lambda) {
      // As written (javac prints "(v)->v * v"): parameters, arrow, body.
      List<String> params = lambda.getParameters().stream()
          .map(p -> p.getName().toString()).toList();
      String text = (params.size() == 1 ? params.get(0) : "(" + String.join(", ", params) + ")")
          + " -> " + lambda.getBody().toString().replaceAll("\\s+", " ");
      return "the lambda " + (text.length() > 40 ? text.substring(0, 37) + "..." : text);
    }
    return a instanceof MemberReferenceTree ? "the method reference " + a
        : a instanceof IdentifierTree ? "the function " + a : a.toString();
  }
}
