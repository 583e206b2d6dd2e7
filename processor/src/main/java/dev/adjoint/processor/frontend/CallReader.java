package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.adjoint.processor.diag.Message;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.Rule;
import dev.adjoint.processor.rules.RulesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * Reads a call: resolved to its class first, as javac will ({@link NameResolver}), then a rule of
 * that class's function, or a callee Adjoint can differentiate through ({@link CalleeResolver}),
 * or an error. A name is never taken for Math's because Math has a function of that name.
 */
final class CallReader {
  private final ExpressionReader expressions;
  private final NameLookup lookup;
  private final NameResolver names;
  private final CalleeResolver callees;
  private final Problems problems;
  private final ObjectCalls objectCalls;

  CallReader(ExpressionReader expressions, NameLookup lookup, CalleeResolver callees,
      Problems problems) {
    this.expressions = expressions;
    this.lookup = lookup;
    this.names = callees.names();
    this.callees = callees;
    this.problems = problems;
    this.objectCalls = new ObjectCalls(expressions, lookup);
  }

  Expr call(MethodInvocationTree call) {
    Optional<Expr> onValue = objectCalls.read(call);
    if (onValue.isPresent()) {
      return onValue.get();
    }
    Optional<Expr> applied = functions == null ? Optional.empty() : functions.read(call);
    if (applied.isPresent()) {
      return applied.get();
    }
    Optional<Expr> inlined = passing == null ? Optional.empty() : passing.read(call);
    if (inlined.isPresent()) {
      return inlined.get();
    }
    ExpressionTree callee = call.getMethodSelect();
    RecordArguments records = RecordArguments.of(call.getArguments(), expressions.records());
    List<Expr> args = records.read(call.getArguments(), expressions);
    Optional<Expr> copy = !records.isEmpty() ? Optional.empty() : ArrayCopyCalls.read(call,
        callee instanceof MemberSelectTree select ? lookup.qualifierType(select.getExpression())
        : null, args, expressions::expression);
    if (copy.isPresent()) {
      return copy.get();
    }
    if (callee instanceof MemberSelectTree select) {
      return resolved(call, callee, select.getExpression(), select.getIdentifier().toString(),
          args, records);
    }
    return resolved(call, callee, null, callee.toString(), args, records);
  }

  private LocalFunctionCalls functions;
  private InlinedCalls inlinedCalls;
  /** The call statement being read, its value (if any) discarded. */
  private MethodInvocationTree discarded;

  void setInlinedCalls(InlinedCalls inlinedCalls) {
    this.inlinedCalls = inlinedCalls;
  }

  /**
   * Reads a call statement of a method read into the caller ({@link InlinedCalls}), its
   * statements among the pending effects; false, having read nothing, for any other call.
   */
  boolean forEffect(MethodInvocationTree call) {
    ExpressionTree callee = call.getMethodSelect();
    String name = callee instanceof MemberSelectTree select ? select.getIdentifier().toString()
        : callee.toString();
    ExpressionTree qualifier = callee instanceof MemberSelectTree select
        ? select.getExpression() : null;
    int arity = call.getArguments().size();
    if (candidates(qualifier, name).stream()
        .noneMatch(t -> callees.readsInline(t, name, arity))) {
      return false;
    }
    MethodInvocationTree outer = discarded;
    discarded = call;
    try {
      call(call);
      return true;
    } finally {
      discarded = outer;
    }
  }

  private Expr inlined(MethodInvocationTree call, CalleeResolver.Callee callee,
      List<Expr> args) {
    boolean statement = call == discarded;
    if (callee.onReceiver()) {
      throw new Unsupported(call, Message.UNSUPPORTED, "calling the instance method "
          + callee.name() + ", which writes into its array parameter " + String.join(", ",
          callee.writtenArrays()) + ",", "make " + callee.name() + " static");
    }
    Expr value = inlinedCalls.inline(call, callee, args);
    if (value == null && !statement) {
      throw new Unsupported(call, Message.TYPE_MISMATCH, callee.name() + " returns nothing,"
          + " so its call has no value; call it as a statement");
    }
    return value == null ? Expr.Const.ofInt(0) : value;
  }

  private List<TypeElement> candidates(ExpressionTree qualifier, String name) {
    if (qualifier != null) {
      TypeElement type = NameLookup.isThis(qualifier) ? names.receiverClass()
          : lookup.qualifierType(qualifier);
      return type == null ? List.of() : names.staticMethodOwners(type, name);
    }
    return names.methodOwners(name);
  }

  void setLocalFunctions(LocalFunctionCalls functions) {
    this.functions = functions;
  }

  private FunctionArguments passing;

  void setFunctionArguments(FunctionArguments passing) {
    this.passing = passing;
  }

  /**
   * A call of {@code qualifier.name} ({@code name} unqualified if the qualifier is null) with
   * arguments read already; {@code callee} is what messages name (a method reference's call
   * names the reference).
   */
  Expr resolved(MethodInvocationTree call, Tree callee, ExpressionTree qualifier, String name,
      List<Expr> args) {
    return resolved(call, callee, qualifier, name, args, RecordArguments.NONE);
  }

  private Expr resolved(MethodInvocationTree call, Tree callee, ExpressionTree qualifier,
      String name, List<Expr> args, RecordArguments records) {
    List<Type> argTypes = args.stream().map(Expr::type).toList();
    List<TypeElement> candidates = candidates(qualifier, name);
    List<TypeElement> applicable = candidates.stream()
        .filter(t -> names.hasApplicableStatic(t, name, argTypes)).toList();
    // With one class to choose, a call that does not fit it is still about that class's method.
    TypeElement owner = applicable.isEmpty() && candidates.size() == 1 ? candidates.get(0)
        : NameLookup.single(call, name, applicable);
    Optional<String> ruleOwner = owner == null ? Optional.empty()
        : RulesTable.owner(owner.getQualifiedName().toString());
    Optional<Rule> rule = ruleOwner.flatMap(o -> RulesTable.function(o, name, args.size()));
    if (rule.isPresent() && records.isEmpty()) {
      return ruleCall(call, ruleOwner.get(), name, args);
    }
    Optional<CalleeResolver.Callee> target = owner == null || rule.isPresent() ? Optional.empty()
        : callees.find(owner, name, args.size());
    if (target.isPresent()) {
      return invoke(call, target.get(), args, records);
    }
    if (!records.isEmpty()) {
      throw records.refused();
    }
    String types = args.stream().map(CallReader::typeName).collect(Collectors.joining(", "));
    if (owner != null && ruleOwner.isEmpty() && RulesTable.isMathFunction(name)) {
      return problems.recover(call, Message.NOT_MATH_FUNCTION, callee, types, name,
          owner.getQualifiedName() + "." + name, name);
    }
    if (owner != null && ruleOwner.isEmpty()
        && callees.library(owner, name, args.size()).isPresent()) {
      return problems.recover(call, Message.LIBRARY_FUNCTION, callee, types,
          owner.getQualifiedName() + "." + name);
    }
    String known = RulesTable.functions().stream().map(Rule::name).distinct()
        .collect(Collectors.joining(", "));
    return problems.recover(call, Message.UNKNOWN_FUNCTION, callee, types, known);
  }

  /** An argument's type as the user wrote it: {@code double}, {@code Mode}, {@code String}. */
  private static String typeName(Expr arg) {
    dev.adjoint.processor.ir.ClassRef c = dev.adjoint.processor.ir.Exprs.objectClass(arg);
    return c != null ? c.simpleNames() : arg.type().javaName();
  }

  /** A call of a function with a rule, typed as Java types it. */
  private Expr ruleCall(MethodInvocationTree call, String owner, String name, List<Expr> args) {
    for (int i = 0; i < args.size(); i++) {
      if (!args.get(i).type().isNumeric()) {
        throw new Unsupported(call.getArguments().get(i), Message.TYPE_MISMATCH,
            "expected a number here, not " + args.get(i).type().javaName());
      }
    }
    return new Expr.Call(owner, name, args, resultType(call, owner, name, args));
  }

  /** A call of another {@code @Differentiable} method, differentiated through its pullback. */
  private Expr invoke(MethodInvocationTree call, CalleeResolver.Callee callee, List<Expr> args,
      RecordArguments records) {
    if (callee.problem() != null) {
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + " here",
          callee.problem());
    }
    if (!records.isEmpty() && callee.kind() == Expr.Invoke.Kind.KERNEL) {
      throw records.refused();
    }
    if (callee.inlined() && (!records.isEmpty()
        || java.util.stream.IntStream.range(0, args.size())
            .anyMatch(i -> callee.record(i).isPresent()))) {
      throw new Unsupported(call, Message.UNSUPPORTED, "calling " + callee.name() + ", which "
          + (callee.writtenArrays().isEmpty() ? "returns nothing"
          : "writes into its array parameter " + String.join(", ", callee.writtenArrays()))
          + ", with a record", "pass the record's components, or let " + callee.name()
          + " write into a local copy");
    }
    for (int i = 0; i < args.size(); i++) {
      if (records.at(i) != null || callee.record(i).isPresent()) {
        continue; // checked where the record is flattened
      }
      Type expected = callee.parameterTypes().get(i);
      Expr arg = args.get(i);
      boolean fits = arg.type() == expected || (expected.isNumeric() && arg.type().isNumeric()
          && Type.promote(arg.type(), expected) == expected);
      if (!fits) {
        throw new Unsupported(call.getArguments().get(i), Message.TYPE_MISMATCH,
            "argument " + (i + 1) + " of " + callee.name() + " must be " + expected.javaName()
                + ", not " + arg.type().javaName());
      }
      if (expected.isArray() && arg instanceof Expr.NewArray) {
        throw new Unsupported(call.getArguments().get(i), Message.UNSUPPORTED,
            "passing a new array to " + callee.name(), "declare it as a local first");
      }
    }
    if (callee.inlined()) {
      return inlined(call, callee, args);
    }
    Expr.Invoke flat = records.flatten(call, callee, args, callee.independents(),
        callee.returnType());
    callees.noteHelperCall(callee, call);
    if (callee.onReceiver()) {
      // this.g(x): the receiver is the call's first argument, not differentiated.
      List<Expr> withReceiver = new ArrayList<>(flat.args());
      withReceiver.add(0, lookup.receiver());
      return new Expr.Invoke(flat.kind(), flat.owner(), flat.name(), withReceiver,
          flat.independents().stream().map(i -> i + 1).toList(), flat.type(),
          flat.records().stream().map(r -> r.shifted(1)).toList());
    }
    return flat;
  }

  /**
   * The type Java gives the call, by the overload javac picks: {@code abs max min} keep int and
   * long, {@code round} gives long for a double, int for an int or long (its float overload),
   * {@code floorMod floorDiv} take int or long; the others are double. Overloads that would
   * compute in float ({@code signum}, {@code fma} of integers) are rejected: the IR has no float.
   */
  private static Type resultType(MethodInvocationTree call, String owner, String name,
      List<Expr> args) {
    Type promoted = Type.INT;
    for (Expr a : args) {
      promoted = Type.promote(promoted, a.type());
    }
    String function = owner + "." + name;
    switch (name) {
      case "abs":
      case "max":
      case "min":
        return promoted;
      case "round":
        return args.get(0).type() == Type.DOUBLE ? Type.LONG : Type.INT;
      case "floorMod":
      case "floorDiv":
        if (promoted == Type.DOUBLE) {
          throw new Unsupported(call, Message.TYPE_MISMATCH, function + " takes int or long"
              + " arguments, not double; use Math.floor for doubles");
        }
        // floorMod(long, int) is an int: the result's magnitude is below the divisor's.
        return name.equals("floorMod") && args.get(1).type() == Type.INT ? Type.INT : promoted;
      case "signum":
      case "fma":
        if (promoted != Type.DOUBLE) {
          throw new Unsupported(call, Message.UNSUPPORTED, function + " of int or long values"
              + " (Java computes it in float)", "cast an argument to double");
        }
        return Type.DOUBLE;
      default:
        return Type.DOUBLE;
    }
  }
}
