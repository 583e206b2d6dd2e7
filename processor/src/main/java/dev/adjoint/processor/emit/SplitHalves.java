package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.SplitReversal;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.reverse.ReverseMode;
import dev.adjoint.processor.rules.GeneratedApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two package-private halves of a pullback that callers in the same package split ({@link
 * SplitReversal}): {@code fRecord(args, stacks)} runs the forward sweep and pushes what the
 * backward sweep reads of it; {@code fReverse(args, seed, grad, stacks)} pops that and runs the
 * backward sweep, adding into the caller's adjoint arrays of the array parameters as the
 * pullback does. Only for static methods returning {@code double} of scalar, {@code double[]}
 * and {@code double[][]} parameters (what {@code SplitCallees} splits), so there is no record
 * storage; they never write into their array parameters, so no adjoint is set aside.
 */
final class SplitHalves {
  private SplitHalves() {}

  /** The key a caller's use of {@code method}'s halves is known by. */
  static String key(String adjointClass, String method) {
    return adjointClass + "#" + method;
  }

  /** The keys of the halves that {@code body} calls. */
  static Set<String> called(List<Stmt> body) {
    Set<String> out = new LinkedHashSet<>();
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Assign a) {
        collect(a.value(), out);
      }
    });
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Invoke i && i.kind() == Expr.Invoke.Kind.PULLBACK
        && i.args().contains(Exprs.ref(SplitReversal.STACKS))
        && i.name().endsWith(SplitReversal.recordName(""))) {
      String method = i.name().substring(0, i.name().length()
          - SplitReversal.recordName("").length());
      out.add(key(i.owner().canonical(), method));
    }
    Exprs.children(e).forEach(c -> collect(c, out));
  }

  /**
   * What the backward sweep reads of the forward sweep's variables before assigning them, in
   * assignment order (a loop index the backward sweep sets first is not carried).
   */
  private static List<Var> carried(Sweeps sweeps) {
    Set<Var> assigned = new LinkedHashSet<>();
    Stmts.walk(sweeps.forward(), s -> {
      if (s instanceof Stmt.Assign a) {
        assigned.add(a.target());
      }
    });
    Set<Var> read = new LinkedHashSet<>();
    readBeforeAssigned(sweeps.backward(), new java.util.HashSet<>(), read);
    List<Var> out = new ArrayList<>();
    for (Var v : assigned) {
      if (read.contains(v) && v.role() != Var.Role.FIELD && v != SplitReversal.STACKS) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Adds to {@code out} the variables {@code block} may read before it assigns them, {@code
   * assigned} holding those assigned on every path so far. A branch or a loop body may not
   * run, so what it assigns counts only inside it.
   */
  private static void readBeforeAssigned(List<Stmt> block, Set<Var> assigned, Set<Var> out) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Loop l) {
        notIn(Exprs.reads(l.condition()), assigned, out);
        Set<Var> inBody = new java.util.HashSet<>(assigned);
        readBeforeAssigned(l.body(), inBody, out);
        readBeforeAssigned(l.update(), inBody, out);
      } else if (s instanceof Stmt.If i) {
        notIn(Exprs.reads(i.condition()), assigned, out);
        readBeforeAssigned(i.then(), new java.util.HashSet<>(assigned), out);
        readBeforeAssigned(i.otherwise(), new java.util.HashSet<>(assigned), out);
      } else {
        notIn(Stmts.reads(s), assigned, out);
        if (s instanceof Stmt.Assign a && !a.accumulate()) {
          assigned.add(a.target());
        }
      }
    }
  }

  private static void notIn(Set<Var> reads, Set<Var> assigned, Set<Var> out) {
    for (Var v : reads) {
      if (!assigned.contains(v)) {
        out.add(v);
      }
    }
  }

  /**
   * {@code v = new double[n]}, the forward sweep's only use of v (a local array's adjoint, a
   * scratch buffer), with {@code n} known to the reverse half: it reads only {@code known}.
   */
  private static boolean isScratch(Stmt.Assign a, List<Stmt> forward, Set<Var> known) {
    if (!(a.value() instanceof Expr.NewArray n)
        || !n.dimensions().stream().allMatch(d -> known.containsAll(Exprs.reads(d)))) {
      return false;
    }
    int[] uses = {0};
    Stmts.walk(forward, s -> {
      if (s instanceof Stmt.Assign other && other.target() == a.target()) {
        uses[0]++;
      }
      if (Stmts.ownReads(s).contains(a.target())) {
        uses[0] += 2;
      }
    });
    return uses[0] == 1;
  }

  /** {@code grad}, {@code vBar} and {@code wBar}: where the reverse half adds the gradient. */
  private static String adjointList(String grad, List<Var> arrays, BodyWriter body) {
    List<String> out = new ArrayList<>();
    if (grad != null) {
      out.add("{@code " + grad + "}");
    }
    arrays.forEach(bar -> out.add("{@code " + body.name(bar) + "}"));
    if (out.isEmpty()) {
      return "nothing";
    }
    return out.size() == 1 ? out.get(0) : String.join(", ", out.subList(0, out.size() - 1))
        + " and " + out.get(out.size() - 1);
  }

  /**
   * Halves that run the primal and then the pullback, for a method whose forward sweep binds a
   * local to the caller's adjoint array (a parameter rebound to another array in one branch
   * only): the record half has no such array. Correct, not faster: the pullback runs the
   * forward sweep again, as an unsplit call does.
   */
  private static List<MethodSpec> delegating(MethodPlan m) {
    String name = m.element().getSimpleName().toString();
    List<String> args = new ArrayList<>();
    m.element().getParameters().forEach(p -> args.add(p.getSimpleName().toString()));
    Names names = new Names();
    args.forEach(names::reserve);
    String stacks = names.reserve("stacks");
    String seed = names.reserve("seed");
    MethodSpec record = ReverseModeMethods.internalSignature(m, SplitReversal.recordName(name))
        .addParameter(BodyWriter.STACKS, stacks)
        .returns(TypeName.DOUBLE)
        .addJavadoc(Javadoc.of("The forward half of {@link #$L} for callers in this package:"
            + " the value; {@link #$L} runs the pullback, since the forward sweep uses the"
            + " caller's adjoint arrays.\n", GeneratedApi.pullbackName(name),
            SplitReversal.reverseName(name)))
        .addStatement("return $T.$L($L)", com.palantir.javapoet.ClassName.get(
            (javax.lang.model.element.TypeElement) m.element().getEnclosingElement()), name,
            String.join(", ", args))
        .build();
    MethodSpec.Builder reverse = ReverseModeMethods.internalSignature(m,
        SplitReversal.reverseName(name)).addParameter(TypeName.DOUBLE, seed);
    List<String> pullbackArgs = new ArrayList<>(args);
    pullbackArgs.add(seed);
    boolean returns = SplitReversal.returnsAdjoint(scalarCount(m));
    String grad = scalarCount(m) > 0 ? names.reserve("grad") : null;
    if (returns) {
      reverse.returns(TypeName.DOUBLE)
          .addStatement("double[] $L = new double[1]", grad); // rare: not the fast path
    } else if (grad != null) {
      reverse.addParameter(ArrayTypeName.of(TypeName.DOUBLE), grad);
    }
    if (grad != null) {
      pullbackArgs.add(grad);
    }
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.plain().type().isArray()) {
        String bar = names.reserve(p.name() + "Bar");
        reverse.addParameter(TypeName.get(m.element().getParameters().stream()
            .filter(e -> e.getSimpleName().contentEquals(p.name())).findFirst().orElseThrow()
            .asType()), bar);
        pullbackArgs.add(bar);
      }
    }
    reverse.addParameter(BodyWriter.STACKS, stacks)
        .addJavadoc(Javadoc.of("The backward half of {@link #$L} for callers in this package:"
            + " runs it on stacks of its own.\n", GeneratedApi.pullbackName(name)))
        .addStatement("$L($L)", GeneratedApi.pullbackName(name), String.join(", ",
            pullbackArgs));
    if (returns) {
      reverse.addStatement("return $L[0]", grad);
    }
    return List.of(record, reverse.build());
  }

  /** How many {@code double} parameters {@code m} differentiates. */
  private static long scalarCount(MethodPlan m) {
    return m.wrtParameters().stream()
        .filter(p -> p.plain() != null && p.plain().type() == Type.DOUBLE).count();
  }

  /** The first {@code double} parameter {@code m} differentiates: its only one, when asked. */
  private static MethodPlan.Parameter soleScalar(MethodPlan m) {
    return m.wrtParameters().stream()
        .filter(p -> p.plain() != null && p.plain().type() == Type.DOUBLE).findFirst()
        .orElseThrow();
  }

  static List<MethodSpec> methods(ReverseModeMethods writer, MethodPlan m) {
    ReverseMode.Output pullback = m.halves();
    Sweeps sweeps = pullback.sweeps();
    Set<Var> adjointParameters = new java.util.HashSet<>();
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.plain().type().isArray()) {
        adjointParameters.add(pullback.parameterAdjoints().get(p.plain()));
      }
    }
    boolean[] readsAdjoints = {false};
    Stmts.walk(sweeps.forward(), st -> readsAdjoints[0] |= Stmts.ownReads(st).stream()
        .anyMatch(adjointParameters::contains));
    if (readsAdjoints[0]) {
      return delegating(m);
    }
    List<Var> carried = carried(sweeps);
    // Scratch arrays the forward sweep only allocates are allocated by the reverse half.
    List<Stmt> scratch = new ArrayList<>();
    Set<Var> known = new LinkedHashSet<>(m.parameters());
    known.addAll(carried);
    for (Stmt st : sweeps.forward()) {
      if (st instanceof Stmt.Assign a && isScratch(a, sweeps.forward(), known)) {
        scratch.add(a);
        carried.remove(a.target());
      }
    }
    String name = m.element().getSimpleName().toString();
    Var result = pullback.function().result();

    // fRecord: the forward sweep, then what the backward sweep reads of it.
    List<Stmt> forward = new ArrayList<>(sweeps.forward());
    forward.removeAll(scratch);
    for (Var v : carried) {
      forward.add(new Stmt.Push(Exprs.ref(v), SourceRef.NONE));
    }
    Names recordNames = new Names();
    BodyWriter recordBody = writer.bodyWriter(m, forward, m.parameters(), Set.of(result),
        recordNames);
    CodeBlock recordCode = recordBody.writeHalf(forward, "forward sweep, recorded for "
        + SplitReversal.reverseName(name) + " (" + m.sourceFile() + ":" + m.firstLine() + "-"
        + m.lastLine() + ")", false);
    MethodSpec record = ReverseModeMethods.internalSignature(m, SplitReversal.recordName(name))
        .addParameter(BodyWriter.STACKS, recordBody.stacks())
        .returns(TypeName.DOUBLE)
        .addJavadoc(Javadoc.of("The forward half of {@link #$L} for callers in this package:"
            + " returns the value and pushes onto {@code $L} what {@link #$L} pops.\n",
            GeneratedApi.pullbackName(name), recordBody.stacks(),
            SplitReversal.reverseName(name)))
        .addCode(recordCode)
        .addStatement("return $L", recordBody.name(result))
        .build();

    // fReverse: pop them, then the backward sweep.
    List<Stmt> backward = new ArrayList<>();
    for (int i = carried.size() - 1; i >= 0; i--) {
      Var v = carried.get(i);
      backward.add(Stmt.Assign.set(v, new Expr.Pop(v.type()), SourceRef.NONE));
    }
    backward.addAll(scratch);
    backward.addAll(sweeps.backward());
    Map<Var, Var> adjoints = pullback.parameterAdjoints();
    List<Var> params = new ArrayList<>(m.parameters());
    params.add(m.seed());
    List<Var> arrayAdjoints = new ArrayList<>();
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.plain().type().isArray()) {
        arrayAdjoints.add(adjoints.get(p.plain()));
      }
    }
    params.addAll(arrayAdjoints);
    Names reverseNames = new Names();
    // Named in the pullback's order (parameters, then the forward sweep's), not the pops'.
    params.forEach(reverseNames::of);
    carried.forEach(reverseNames::of);
    BodyWriter reverseBody = writer.bodyWriter(m, backward, params,
        Set.copyOf(adjoints.values()), reverseNames);
    // One scalar's adjoint is returned, several are added into the caller's grad.
    boolean returns = SplitReversal.returnsAdjoint(scalarCount(m));
    String grad = scalarCount(m) > 0 && !returns ? reverseNames.reserve("grad") : null;
    CodeBlock reverseCode = reverseBody.writeHalf(backward, "backward sweep", true);
    MethodSpec.Builder reverse = ReverseModeMethods.internalSignature(m,
        SplitReversal.reverseName(name))
        .addParameter(TypeName.DOUBLE, reverseBody.name(m.seed()));
    if (grad != null) {
      reverse.addParameter(ArrayTypeName.of(TypeName.DOUBLE), grad);
    }
    for (Var bar : arrayAdjoints) {
      reverse.addParameter(bar.type() == Type.DOUBLE_ARRAY ? ArrayTypeName.of(TypeName.DOUBLE)
          : ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE)), reverseBody.name(bar));
    }
    reverse.addParameter(BodyWriter.STACKS, reverseBody.stacks())
        .addCode(reverseCode);
    String seedName = reverseBody.name(m.seed());
    String into = arrayAdjoints.isEmpty() && returns ? ""
        : " adds {@code " + seedName + "} times the gradient to "
        + adjointList(grad, arrayAdjoints, reverseBody) + (returns ? " and" : "");
    reverse.addJavadoc(Javadoc.of("The backward half of {@link #$L} for callers in this package:"
        + " pops what {@link #$L} pushed and$L$L.\n", GeneratedApi.pullbackName(name),
        SplitReversal.recordName(name), into, returns ? " returns {@code " + seedName
        + "} times ∂/∂" + soleScalar(m).name() : ""));
    if (returns) {
      Var bar = adjoints.get(soleScalar(m).plain());
      return List.of(record, reverse.returns(TypeName.DOUBLE)
          .addCode("\n")
          .addStatement("return $L", bar == null ? "0.0" : reverseBody.name(bar)).build());
    }
    boolean first = true;
    int slot = 0;
    for (MethodPlan.Parameter p : m.wrtParameters()) {
      if (p.plain().type() != Type.DOUBLE) {
        continue;
      }
      Var bar = adjoints.get(p.plain());
      if (bar != null) {
        if (first) {
          reverse.addCode("\n");
          first = false;
        }
        reverse.addStatement("$L[$L] += $L", grad, slot, reverseBody.name(bar));
      }
      slot++;
    }
    return List.of(record, reverse.build());
  }
}
