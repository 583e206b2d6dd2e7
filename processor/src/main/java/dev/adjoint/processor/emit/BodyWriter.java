package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.optimize.Algebra;
import dev.adjoint.processor.ir.JavaText;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.SplitReversal;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an IR body as Java statements. Forward statements carry a trailing comment with their
 * source line; each group of backward statements is introduced by the source statement it
 * differentiates, so a reader can match every line of the adjoint to the code it came from.
 */
final class BodyWriter {
  static final ClassName STACKS = ClassName.get("dev.adjoint.runtime", "Stacks");

  private final Names names;
  private final JavaText text;
  private final Declarations declarations;
  private final CodeBlock.Builder code = CodeBlock.builder();
  private boolean backward;
  /** Blocks open around the current line, inside the method's body. */
  private int depth;
  private SourceRef lastGroup = SourceRef.NONE;
  private final List<Object> lineTypes = new java.util.ArrayList<>();
  private final String stacks;
  /** The receiver parameter of an instance method; null for a static one. */
  private final String receiver;
  /** Chain-rule notes on backward accumulations; null unless asked for. */
  private ChainRuleNotes notes;
  /** With the notes: the rules each source line applies; null for a split half. */
  private RuleNotes ruleNotes;
  private final List<Var> parameters;
  /** What the code after the body reads; empty for a loop nest's method. */
  private final Set<Var> readAfter;
  /** While the forward sweep is written: what its outermost loops push. */
  private StackReservations reservations;
  /** Loop nests written as methods of their own, by their first statement; empty if none. */
  private Map<Stmt, LoopMethods.Unit> units = Map.of();
  /** Variables only those nests name: each declares them for itself. */
  private Set<Var> unitLocal = Set.of();
  /** How the methods of loop nests are made; null writes every loop in place. */
  private LoopMethodWriter loopMethods;

  /**
   * @param hiddenInPackage whether a class of the generated code's package takes a simple name
   *     of java.lang ({@code Math}), so that name must be written in full
   * @param classes the class a callee owner's canonical name denotes
   * @param readAfter what the code after the body reads (the result, the adjoints returned)
   */
  BodyWriter(List<Stmt> body, List<Var> parameters, Names names,
      java.util.function.Predicate<String> hiddenInPackage,
      java.util.function.Function<String, ClassName> classes, Set<Var> readAfter,
      String receiverSuggestion) {
    this.names = names;
    this.parameters = List.copyOf(parameters);
    // User names first, so that our temporaries never push a user's local off its name.
    for (Var p : parameters) {
      names.of(p);
    }
    Stmts.walk(body, s -> {
      if (s instanceof Stmt.Assign a
          && (a.target().role() == Var.Role.LOCAL || a.target().role() == Var.Role.PARAM)) {
        names.of(a.target());
      }
    });
    this.receiver = receiverSuggestion == null ? null : names.reserve(receiverSuggestion);
    this.stacks = names.reserve(JavaText.STACKS);
    this.text = new JavaText(v -> v == SplitReversal.STACKS ? stacks
        : v.type() == Type.RECEIVER ? receiver
        : v.isReceiverField() ? receiver + "." + v.name() : names.of(v),
        simple -> hiddenInPackage.test(simple) || names.isVariable(simple), stacks, classes);
    Set<Var> declared = new java.util.HashSet<>(parameters);
    declared.add(SplitReversal.STACKS);
    this.declarations = new Declarations(body, declared, readAfter);
    this.readAfter = Set.copyOf(readAfter);
  }

  /** A writer of one loop nest's method, sharing this writer's names and notes. */
  private BodyWriter(BodyWriter outer, LoopMethods.Unit u) {
    this.names = outer.names;
    this.parameters = u.params();
    this.receiver = outer.receiver;
    this.stacks = outer.stacks;
    this.text = outer.text;
    this.notes = outer.notes;
    this.backward = outer.backward;
    this.loopMethods = outer.loopMethods;
    Set<Var> declared = new java.util.HashSet<>(u.params());
    declared.add(SplitReversal.STACKS);
    this.declarations = new Declarations(u.stmts(), declared, Set.copyOf(u.results()));
    this.readAfter = Set.of();
  }

  /**
   * Writes large methods' loop nests as methods of their own ({@link LoopMethods}), which
   * {@code methods} receives.
   */
  BodyWriter withLoopMethods(LoopMethodWriter methods) {
    loopMethods = methods;
    return this;
  }

  /** Notes each backward accumulation with its chain-rule term (see {@link ChainRuleNotes}). */
  BodyWriter withChainRuleNotes() {
    notes = new ChainRuleNotes(names::of);
    return this;
  }

  /** The name of the receiver parameter of an instance method's pullback; null if static. */
  String receiver() {
    return receiver;
  }

  /** The name of the method's {@code Stacks} (parameter or local). */
  String stacks() {
    return stacks;
  }

  /** Whether {@code body} records on stacks. */
  static boolean usesStacks(List<Stmt> body) {
    boolean[] pushes = {false};
    Stmts.walk(body, s -> pushes[0] |= s instanceof Stmt.Push);
    return pushes[0] || SplitReversal.splits(body);
  }

  /**
   * Whether the method gets the overload taking {@code Stacks}: every method with a loop, so
   * the API does not depend on how much a given version of Adjoint manages not to record.
   */
  static boolean takesStacks(List<Stmt> body) {
    boolean[] loops = {false};
    Stmts.walk(body, s -> loops[0] |= s instanceof Stmt.Loop);
    return loops[0] || SplitReversal.splits(body);
  }

  /**
   * One half of a split pullback ({@link SplitReversal}): its statements under {@code title},
   * on the caller's stacks, which it must not clear.
   */
  CodeBlock writeHalf(List<Stmt> stmts, String title, boolean backwardHalf) {
    backward = backwardHalf;
    line("// " + esc(title));
    block(stmts);
    return code.build();
  }

  /** @param stacksParameter whether the caller passes the stacks (else they are allocated) */
  CodeBlock write(Sweeps sweeps, String forwardTitle, boolean stacksParameter) {
    List<Stmt> body = sweeps.all();
    if (usesStacks(body) && stacksParameter) {
      // A caller's stacks may hold what an interrupted earlier call left.
      code.addStatement("$L.clear()", stacks);
    } else if (usesStacks(body)) {
      code.addStatement("$T $L = new $T()", STACKS, stacks, STACKS);
    }
    line("// " + esc(forwardTitle));
    if (notes != null) {
      ruleNotes = RuleNotes.of(sweeps.forward(), sweeps.backward(), notes);
    }
    if (loopMethods != null && stacksParameter) {
      use(loopMethods.plan(sweeps, parameters, readAfter));
    }
    if (usesStacks(body)) {
      reservations = StackReservations.of(sweeps.forward(), parameters);
    }
    block(sweeps.forward());
    reservations = null;
    backward = true;
    lastGroup = SourceRef.NONE;
    code.add("\n");
    line("// backward sweep");
    block(sweeps.backward());
    return code.build();
  }

  String name(Var v) {
    return names.of(v);
  }

  String print(Expr e) {
    return text.print(e);
  }

  private void block(List<Stmt> stmts) {
    for (int k = 0; k < stmts.size(); k++) {
      Stmt s = stmts.get(k);
      LoopMethods.Unit unit = units.get(s);
      if (unit != null) {
        call(unit);
        k += unit.stmts().size() - 1;
        continue;
      }
      for (Var v : declarations.before(s)) {
        if (unitLocal.contains(v)) {
          continue;
        }
        line(text.declaredType(v, lineTypes) + " " + esc(names.of(v)) + " = "
            + v.type().zeroLiteral() + ";");
      }
      if (k + 1 < stmts.size() && s instanceof Stmt.Assign init
          && stmts.get(k + 1) instanceof Stmt.Loop loop && countedFor(init, loop)) {
        groupComment(loop.source());
        line("for (" + assignment(init) + "; " + t(loop.condition()) + "; "
            + assignment((Stmt.Assign) loop.update().get(0)) + ") {");
        indent();
        block(loop.body());
        unindent();
        line("}");
        k++;
        continue;
      }
      statement(s);
    }
  }

  /**
   * A loop nest of its own method: declares what the code around it shares with it, calls it
   * and takes back its results (returned, or popped in reverse order of their pushes).
   */
  private void call(LoopMethods.Unit u) {
    List<Var> declare = new java.util.ArrayList<>();
    for (Stmt s : u.stmts()) {
      declarations.before(s).stream().filter(v -> u.shared().contains(v)
          && !unitLocal.contains(v)).forEach(declare::add);
      if (s instanceof Stmt.Assign a && declarations.declares(a)
          && u.shared().contains(a.target()) && !unitLocal.contains(a.target())) {
        declare.add(a.target());
      }
    }
    Var single = u.results().size() == 1 ? u.results().get(0) : null;
    // The result is declared by the call, unless the call passes its value in.
    boolean declareByCall = single != null && declare.contains(single)
        && !u.params().contains(single);
    for (Var v : declare) {
      if (v != single || !declareByCall) {
        line(text.declaredType(v, lineTypes) + " " + esc(names.of(v)) + " = "
            + v.type().zeroLiteral() + ";");
      }
    }
    groupComment(u.loop().source());
    reserve(u.loop());
    LoopMethodWriter.Call call = loopMethods.write(new BodyWriter(this, u), u, backward);
    List<String> args = new java.util.ArrayList<>();
    u.params().forEach(v -> args.add(names.of(v)));
    if (u.takesStacks()) {
      args.add(stacks);
    }
    String invocation = esc(call.name()) + "(" + esc(String.join(", ", args)) + ")";
    if (single != null) {
      String type = declareByCall ? text.declaredType(single, lineTypes) + " " : "";
      line(type + esc(names.of(single)) + " = " + invocation + ";"
          + trailingComment(u.loop().source()));
      return;
    }
    line(invocation + ";" + trailingComment(u.loop().source()));
    for (int i = u.results().size() - 1; i >= 0; i--) {
      Var r = u.results().get(i);
      line(esc(names.of(r)) + " = " + t(new Expr.Pop(r.type())) + ";");
    }
  }

  /** The body of a loop nest's method: its statements, then its results given back. */
  CodeBlock writeUnit(LoopMethods.Unit u, LoopMethods.Plan inner) {
    use(inner);
    block(u.stmts());
    if (u.results().size() == 1) {
      line("return " + esc(names.of(u.results().get(0))) + ";");
    } else {
      for (Var r : u.results()) {
        line(stacks + ".push" + JavaText.stackSuffix(r.type()) + "(" + esc(names.of(r)) + ");");
      }
    }
    return code.build();
  }

  private void use(LoopMethods.Plan plan) {
    units = plan.units();
    unitLocal = plan.unitLocal();
  }

  /** {@code j = a; while (j >= b) { body } (update j--)}: a backward sweep's counted loop. */
  private boolean countedFor(Stmt.Assign init, Stmt.Loop loop) {
    return loop.update().size() == 1 && loop.update().get(0) instanceof Stmt.Assign step
        && step.target() == init.target() && !init.accumulate()
        && declarations.before(loop).isEmpty()
        && Exprs.reads(loop.condition()).contains(init.target());
  }

  private void statement(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      groupComment(a.source());
      note(a);
      line(assignment(a) + ";" + trailingComment(a.source()));
    } else if (s instanceof Stmt.If i && i.then().isEmpty()) {
      statement(new Stmt.If(Algebra.not(i.condition()), i.otherwise(), List.of(), i.source()));
    } else if (s instanceof Stmt.If i) {
      groupComment(i.source());
      line("if (" + t(i.condition()) + ") {" + trailingComment(i.source()));
      branches(i);
      line("}");
    } else if (s instanceof Stmt.Loop l) {
      groupComment(l.source());
      reserve(l);
      line("while (" + t(l.condition()) + ") {" + trailingComment(l.source()));
      indent();
      block(l.body());
      block(l.update());
      unindent();
      line("}");
    } else if (s instanceof Stmt.Store st) {
      groupComment(st.source());
      note(st);
      String target = t(new Expr.Index(st.array(), st.index()));
      line(update(target, st.value(), st.accumulate()) + ";" + trailingComment(st.source()));
    } else if (s instanceof Stmt.Evaluate ev) {
      groupComment(ev.source());
      note(ev);
      line(t(ev.call()) + ";" + trailingComment(ev.source()));
    } else if (s instanceof Stmt.Push p) {
      groupComment(p.source());
      line(stacks + ".push" + JavaText.stackSuffix(p.value().type()) + "("
          + t(p.value()) + ");" + trailingComment(p.source()));
    }
  }

  /** {@code stacks.reserve(…)} before an outermost forward loop whose pushes are known. */
  private void reserve(Stmt.Loop l) {
    StackReservations.Counts c = reservations == null ? null : reservations.before(l);
    if (c != null) {
      line(stacks + ".reserve(" + count(c.doubles()) + ", " + count(c.ints()) + ", "
          + count(c.references()) + ");");
    }
  }

  private String count(Expr e) {
    return e == null ? "0" : t(e);
  }

  /** {@code t = e}, {@code t += e}, {@code t -= e}. */
  private String update(String target, Expr value, boolean accumulate) {
    if (accumulate) {
      if (value instanceof Expr.Unary u && u.op() == Op.NEG) {
        return target + " -= " + t(u.operand());
      }
      return target + " += " + t(value);
    }
    return target + " = " + t(value);
  }

  private void branches(Stmt.If i) {
    indent();
    block(i.then());
    unindent();
    List<Stmt> otherwise = i.otherwise();
    if (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If elseIf
        && declarations.before(elseIf).isEmpty() && !elseIf.then().isEmpty()) {
      line("} else if (" + t(elseIf.condition()) + ") {");
      branches(elseIf);
    } else if (!otherwise.isEmpty()) {
      line("} else {");
      indent();
      block(otherwise);
      unindent();
    }
  }

  private String assignment(Stmt.Assign a) {
    String target = esc(names.of(a.target()));
    Expr value = a.value();
    if (declarations.declares(a)) {
      return text.declaredType(a.target(), lineTypes) + " " + target + " = " + t(value);
    }
    if (!a.accumulate() && a.target().type() == Type.INT && value instanceof Expr.Binary b
        && b.left() instanceof Expr.Ref r && r.var() == a.target()
        && b.right() instanceof Expr.Const c && c.is(1)
        && (b.op() == Op.ADD || b.op() == Op.SUB)) {
      return target + (b.op() == Op.ADD ? "++" : "--");
    }
    return update(target, value, a.accumulate());
  }

  private void groupComment(SourceRef src) {
    if (src.isNone()) {
      return;
    }
    if (backward && !src.equals(lastGroup)) {
      line(fitted("// line " + src.line() + ": " + src.text()));
      if (ruleNotes != null) {
        rulesComment(ruleNotes.of(src));
      }
    }
    lastGroup = src;
  }

  /** {@code // rules: a; b}, continued on further lines rather than cut where it is long. */
  private void rulesComment(List<String> rules) {
    String head = "// rules: ";
    StringBuilder current = new StringBuilder();
    for (String rule : rules) {
      String prefix = current.length() == 0 ? "" : "; ";
      if (current.length() > 0
          && (head + current + prefix + rule).length() > COLUMNS - 4 * depth) {
        line(fitted(head + current + ";"));
        head = "//        ";
        current.setLength(0);
        prefix = "";
      }
      current.append(prefix).append(rule);
    }
    if (current.length() > 0) {
      line(fitted(head + current));
    }
  }

  private void note(Stmt s) {
    String note = backward && notes != null ? notes.of(s) : null;
    if (note != null) {
      line(fitted(note));
    }
  }

  /** Generated lines stay within 100 columns: a class and a method indent, 4 per block. */
  private static final int COLUMNS = 100 - 8;

  /** A comment cut to the columns left at this depth, escaped for JavaPoet. */
  private String fitted(String comment) {
    int room = COLUMNS - 4 * depth;
    return esc(comment.length() <= room ? comment : comment.substring(0, room - 3) + "...");
  }

  private void indent() {
    code.indent();
    depth++;
  }

  private void unindent() {
    code.unindent();
    depth--;
  }

  private String trailingComment(SourceRef src) {
    return backward || src.isNone() ? "" : " // line " + src.line();
  }

  /** An expression as a JavaPoet template; the classes it names are collected for the line. */
  private String t(Expr e) {
    return text.template(e, lineTypes);
  }

  /** Emits one line of code from a template whose {@code $T}s are the collected classes. */
  private void line(String template) {
    code.add(template + "\n", lineTypes.toArray());
    lineTypes.clear();
  }

  private static String esc(String text) {
    return text.replace("$", "$$");
  }
}
