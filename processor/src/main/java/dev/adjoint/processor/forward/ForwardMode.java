package dev.adjoint.processor.forward;

import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Mode;
import dev.adjoint.processor.rules.GeneratedApi;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward (tangent) mode over IR: beside each assignment {@code y = f(a, b)} of a varied
 * variable, {@code yDot = ∂f/∂a·aDot + ∂f/∂b·bDot} ({@link Tangents}, from the rules table);
 * beside each store into a varied array, the store of the value's tangent into the array's
 * tangent. Branches and loops keep their shape and their conditions: a tangent sweep needs no
 * stacks. Applied to reverse mode's output it pushes each double's tangent after the double and
 * pops it before (the stacks are last in, first out), so the backward sweep's adjoints get
 * tangents too: the tangent of a gradient, which is a Hessian-vector product.
 *
 * <p>What it does not differentiate (calls of other methods and kernels, for now) is an {@link
 * Unsupported} at the statement, which the pipeline reports as a compile error.
 */
public final class ForwardMode {

  /**
   * The tangent program.
   *
   * @param sweeps the statements; a JVP's are all in {@code forward}
   * @param dots the tangent of each variable that has one, parameters included
   */
  public record Output(Function function, Sweeps sweeps, Map<Var, Var> dots) {
    /** The tangent of {@code v}, or null where it is zero. */
    public Var dot(Var v) {
      return dots.get(v);
    }
  }

  private static final ClassRef ADJOINTS = new ClassRef("dev.adjoint.runtime", "Adjoints");

  private final Map<Var, Var> dots = new LinkedHashMap<>();
  private final Tangents tangents = new Tangents(dots);
  private final Callees callees;
  /** The calls of {@code @Differentiable} methods by the pullback call that reverses them. */
  private final Map<List<Object>, Expr.Invoke> reversedCalls = new java.util.HashMap<>();

  private ForwardMode(Set<Var> varied, Callees callees) {
    this.callees = callees;
    for (Var v : varied) {
      dots.put(v, new Var(v.name() + "Dot", v.type(), Var.Role.ADJOINT));
    }
  }

  /**
   * The JVP of {@code fn} (three-address IR with a single exit): each of {@code independents}
   * has a tangent parameter; the result's tangent is {@code dot(fn.result())} (null: zero).
   */
  public static Output jvp(Function fn, List<Var> independents, Callees callees) {
    ForwardMode mode = new ForwardMode(Varied.of(fn.body(), independents), callees);
    List<Stmt> body = new ArrayList<>(mode.initialTangents(fn.params(), independents));
    body.addAll(mode.block(fn.body()));
    return new Output(fn, new Sweeps(body, List.of()), Collections.unmodifiableMap(mode.dots));
  }

  /**
   * The tangent of a reverse-mode adjoint, {@code sweeps} over {@code fn}'s parameters, with
   * respect to {@code independents}: forward over reverse. Its adjoints' tangents are the
   * tangents of the gradient.
   */
  public static Output ofAdjoint(Function fn, Sweeps sweeps, List<Var> independents,
      Collection<Var> callerAdjoints, Callees callees) {
    ForwardMode mode = new ForwardMode(Varied.of(sweeps.all(), independents), callees);
    Stmts.walk(sweeps.forward(), s -> {
      Expr value = s instanceof Stmt.Assign a ? a.value()
          : s instanceof Stmt.Store st ? st.value() : null;
      if (value != null) {
        Exprs.rewrite(value, e -> {
          if (e instanceof Expr.Invoke call && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE) {
            mode.reversedCalls.put(pullbackKey(call), call);
          }
          return e;
        });
      }
    });
    List<Stmt> forward = new ArrayList<>(mode.initialTangents(fn.params(), independents));
    forward.addAll(mode.block(sweeps.forward()));
    List<Stmt> backward = mode.block(sweeps.backward());
    for (Var bar : callerAdjoints) {
      if (!bar.type().isArray()) {
        continue; // a scalar adjoint that does not vary has a zero tangent
      }
      // The caller's array of the tangents, even where nothing varying is added into it.
      mode.dots.computeIfAbsent(bar, v -> new Var(v.name() + "Dot", v.type(),
          Var.Role.ADJOINT));
    }
    return new Output(fn, new Sweeps(forward, backward), Collections.unmodifiableMap(mode.dots));
  }

  /**
   * The tangents of varied parameters the caller gives none: zero on entry (a double parameter
   * reassigned from a varied value, an array parameter stored into).
   */
  private List<Stmt> initialTangents(List<Var> params, List<Var> independents) {
    List<Stmt> out = new ArrayList<>();
    for (Var p : params) {
      Var dot = dots.get(p);
      if (dot == null || independents.contains(p)) {
        continue;
      }
      if (p.type() == Type.DOUBLE) {
        out.add(Stmt.Assign.set(dot, Expr.Const.ofDouble(0), SourceRef.NONE));
      } else if (p.type() == Type.DOUBLE_ARRAY) {
        out.add(Stmt.Assign.set(dot, zerosLike(Exprs.ref(p)), SourceRef.NONE));
      } else {
        throw new Unsupported(SourceRef.NONE, "writing into the matrix parameter "
            + p.userName() + ", which is not differentiated,");
      }
    }
    return out;
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      statement(s, out);
    }
    return out;
  }

  private void statement(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Assign a) {
      assign(a, out);
    } else if (s instanceof Stmt.Store st) {
      store(st, out);
    } else if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(i.condition(), block(i.then()), block(i.otherwise()), i.source()));
    } else if (s instanceof Stmt.Loop l) {
      out.add(new Stmt.Loop(l.condition(), block(l.body()), block(l.update()), l.source()));
    } else if (s instanceof Stmt.Push p) {
      out.add(p);
      // Popped before the value: the backward sweep pops in reverse. Every double and array
      // pushed gets its tangent pushed, as every one popped gets its tangent popped.
      if (p.value().type() == Type.DOUBLE) {
        out.add(new Stmt.Push(Tangents.orZero(tangents.of(p.value(), p.source()), Type.DOUBLE),
            p.source()));
      } else if (p.value().type().isDifferentiable()) {
        Expr dot = tangents.ofArray(p.value());
        if (dot == Tangents.UNSUPPORTED_CHOICE) {
          throw new Unsupported(p.source(), "recording an array chosen between one that varies"
              + " and one that does not");
        }
        out.add(new Stmt.Push(dot != null ? dot : new Expr.Const(p.value().type(), 0, "null"),
            p.source()));
      }
    } else if (s instanceof Stmt.Evaluate ev) {
      evaluate(ev, out);
    } else {
      throw new IllegalStateException("not lowered: " + s);
    }
  }

  private void assign(Stmt.Assign a, List<Stmt> out) {
    Var v = a.target();
    Var dot = dots.get(v);
    SourceRef src = a.source();
    if (dot == null) {
      out.add(a); // its value does not vary: nothing to differentiate
      return;
    }
    Expr value = hoistCalls(a.value(), src, out);
    if (value != a.value()) {
      a = new Stmt.Assign(v, value, a.accumulate(), src);
    }
    if (value instanceof Expr.Pop) {
      out.add(Stmt.Assign.set(dot, new Expr.Pop(v.type()), src));
      out.add(a);
      return;
    }
    if (value instanceof Expr.Invoke call && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE) {
      differentiableCall(a, call, dot, out);
      return;
    }
    if (v.type() == Type.DOUBLE) {
      checkCall(value, src);
      boolean reusesResult = !a.accumulate() && !Exprs.reads(value).contains(v);
      if (reusesResult) {
        // After the assignment, partials that reuse the result ({@code exp' = result}) read it.
        out.add(a);
        out.add(new Stmt.Assign(dot, Tangents.orZero(tangents.of(value, Exprs.ref(v), src),
            Type.DOUBLE), false, src));
      } else {
        // Before it: the tangent reads the values the assignment reads.
        out.add(new Stmt.Assign(dot, Tangents.orZero(tangents.of(value, src), Type.DOUBLE),
            a.accumulate(), src));
        out.add(a);
      }
      return;
    }
    // An array: its tangent is an array of its shape, created with it.
    out.add(new Stmt.Assign(dot, arrayTangent(v, value, src), false, src));
    out.add(a);
  }

  /** The tangent of the array {@code value} assigned to {@code v}. */
  private Expr arrayTangent(Var v, Expr value, SourceRef src) {
    if (value instanceof Expr.NewArray n) {
      return n;
    }
    if (value instanceof Expr.Const c) {
      return c; // null, as for a per-iteration adjoint before its loop
    }
    if (value instanceof Expr.Invoke call && call.kind() == Expr.Invoke.Kind.PULLBACK
        && call.owner().equals(ADJOINTS) && call.name().equals("zeroed")) {
      return call.withArgs(List.of(Exprs.ref(dots.get(v)), call.args().get(1)));
    }
    if (value instanceof Expr.Invoke call) {
      throw unsupportedCall(call, src);
    }
    if (value instanceof Expr.Ref || value instanceof Expr.Index || value instanceof Expr.Cond) {
      Expr named = tangents.ofArray(value);
      if (named == null && v.type() == Type.DOUBLE_ARRAY) {
        return zerosLike(value);
      }
      if (named == null || named == Tangents.UNSUPPORTED_CHOICE) {
        throw new Unsupported(src, "choosing between matrices of which only one varies");
      }
      return named;
    }
    throw new IllegalStateException("array " + v + " = " + value);
  }

  private void store(Stmt.Store st, List<Stmt> out) {
    Expr array = tangents.ofArray(st.array());
    if (array == null) {
      out.add(st);
      return;
    }
    if (array == Tangents.UNSUPPORTED_CHOICE) {
      throw new Unsupported(st.source(), "storing into an array chosen between one that varies"
          + " and one that does not");
    }
    if (st.value() instanceof Expr.Pop pop) {
      // Restoring a recorded element or row: its tangent was pushed after it, so pops first.
      out.add(new Stmt.Store(array, st.index(), new Expr.Pop(pop.type()), st.accumulate(),
          st.source()));
      out.add(st);
      return;
    }
    Expr hoisted = hoistCalls(st.value(), st.source(), out);
    if (hoisted != st.value()) {
      st = new Stmt.Store(st.array(), st.index(), hoisted, st.accumulate(), st.source());
    }
    checkCall(st.value(), st.source());
    Expr value;
    if (st.value().type() == Type.DOUBLE_ARRAY) {
      Expr row = tangents.ofArray(st.value());
      value = row == null ? zerosLike(st.value()) : row;
      if (value == Tangents.UNSUPPORTED_CHOICE) {
        throw new Unsupported(st.source(), "a row chosen between one that varies and one that"
            + " does not");
      }
      out.add(st);
      out.add(new Stmt.Store(array, st.index(), value, st.accumulate(), st.source()));
      return;
    }
    value = Tangents.orZero(tangents.of(st.value(), st.source()), Type.DOUBLE);
    out.add(new Stmt.Store(array, st.index(), value, st.accumulate(), st.source()));
    out.add(st);
  }

  /**
   * {@code v = g(a, x)}: {@code vDot = gJvp(a, x, aDot, xDot)} (for a {@code double[]} result,
   * {@code gJvp} writes into a new {@code vDot} of {@code v}'s length), the call itself kept
   * for the value.
   */
  private void differentiableCall(Stmt.Assign a, Expr.Invoke call, Var dot, List<Stmt> out) {
    SourceRef src = a.source();
    require(call, Mode.FORWARD, src);
    List<Expr> args = new ArrayList<>(call.args());
    args.addAll(directions(call, src));
    Expr.Invoke jvp = new Expr.Invoke(Expr.Invoke.Kind.PULLBACK,
        GeneratedApi.adjointClass(call.owner()), GeneratedApi.jvpName(call.name()), args,
        List.of(), call.type());
    if (a.target().type() == Type.DOUBLE) {
      boolean before = Exprs.reads(call).contains(a.target());
      if (!before) {
        out.add(a);
      }
      out.add(Stmt.Assign.set(dot, jvp, src));
      if (before) {
        out.add(a);
      }
      return;
    }
    if (a.target().type() != Type.DOUBLE_ARRAY) {
      throw new Unsupported(src, "a call of " + call.name() + " returning a matrix");
    }
    out.add(a);
    out.add(Stmt.Assign.set(dot, zerosLike(Exprs.ref(a.target())), src));
    List<Expr> withInto = new ArrayList<>(args);
    withInto.add(Exprs.ref(dot));
    out.add(new Stmt.Evaluate(jvp.withArgs(withInto), src));
  }

  /**
   * {@code e} with each call of a {@code @Differentiable} method inside it (where the optimizer
   * inlined the call's value) taken out into a temporary of its own, which gets its tangent.
   */
  private Expr hoistCalls(Expr e, SourceRef src, List<Stmt> out) {
    if (e instanceof Expr.Invoke) {
      return e;
    }
    boolean[] underChoice = {false};
    Exprs.rewrite(e, node -> {
      if (node instanceof Expr.Cond c) {
        underChoice[0] |= hasDifferentiableCall(c.then()) || hasDifferentiableCall(c.otherwise());
      }
      return node;
    });
    if (underChoice[0]) {
      throw new Unsupported(src, "a call of a @Differentiable method inside a conditional"
          + " expression (write it as an if statement)");
    }
    return Exprs.rewrite(e, node -> {
      if (node instanceof Expr.Invoke call && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE
          && call.type() == Type.DOUBLE) {
        Var value = new Var(call.name(), Type.DOUBLE, Var.Role.TEMP);
        Var dot = new Var(call.name() + "Dot", Type.DOUBLE, Var.Role.ADJOINT);
        dots.put(value, dot);
        differentiableCall(Stmt.Assign.set(value, call, src), call, dot, out);
        return Exprs.ref(value);
      }
      return node;
    });
  }

  private static boolean hasDifferentiableCall(Expr e) {
    boolean[] found = {false};
    Exprs.rewrite(e, node -> {
      found[0] |= node instanceof Expr.Invoke i && i.kind() == Expr.Invoke.Kind.DIFFERENTIABLE;
      return node;
    });
    return found[0];
  }

  /** The callee must generate what the call needs, and take no record or receiver. */
  private void require(Expr.Invoke call, Mode mode, SourceRef src) {
    if (!call.records().isEmpty() || call.args().stream()
        .anyMatch(e -> e.type() == Type.RECEIVER)) {
      throw new Unsupported(src, "the call of " + call.name() + " with a record or a receiver");
    }
    if (!callees.generates(call, mode)) {
      throw new Unsupported(src, "the call of " + call.name() + ", which does not generate its"
          + " Mode." + mode + " methods (add " + mode + " to the modes of its @Differentiable),");
    }
  }

  /** The tangent of each argument the callee differentiates, in order: the call's direction. */
  private List<Expr> directions(Expr.Invoke call, SourceRef src) {
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!call.independents().contains(i) && arg.type().isDifferentiable()
          && (arg.type() == Type.DOUBLE ? tangents.of(arg, src) : tangents.ofArray(arg))
          != null) {
        throw new Unsupported(src, "argument " + (i + 1) + " of " + call.name() + ", which"
            + " varies but is not differentiated by " + call.name() + " (add it to its wrt),");
      }
    }
    List<Expr> out = new ArrayList<>();
    for (int i : call.independents()) {
      out.add(dotOrZeros(call.args().get(i), src));
    }
    return out;
  }

  /** The tangent of a double or array argument, zeros of its shape where it has none. */
  private Expr dotOrZeros(Expr arg, SourceRef src) {
    if (arg.type() == Type.DOUBLE) {
      return Tangents.orZero(tangents.of(arg, src), Type.DOUBLE);
    }
    Expr dot = tangents.ofArray(arg);
    if (dot == Tangents.UNSUPPORTED_CHOICE || dot == null && arg.type() != Type.DOUBLE_ARRAY) {
      throw new Unsupported(src, "a matrix argument without a tangent");
    }
    return dot != null ? dot : zerosLike(arg);
  }

  /** What identifies the pullback call reversing {@code call}: its class, name and arity. */
  private static List<Object> pullbackKey(Expr.Invoke call) {
    long scalars = call.independents().stream()
        .filter(i -> !call.args().get(i).type().isArray()).count();
    long arrays = call.independents().size() - scalars;
    return List.of(GeneratedApi.adjointClass(call.owner()),
        GeneratedApi.pullbackName(call.name()),
        (int) (call.args().size() + 1 + (scalars > 0 ? 1 : 0) + arrays));
  }

  /**
   * {@code gPullback(a, x, vBar, grad, xBar)} in a backward sweep: its tangent, {@code
   * gPullbackJvp(a, x, aDot, xDot, vBar, vBarDot, grad, gradDot, xBar, xBarDot)}, does what it
   * does and adds the tangents of what it adds.
   */
  private boolean reversedCall(Stmt.Evaluate ev, List<Stmt> out) {
    Expr.Invoke pullback = ev.call();
    Expr.Invoke reversed = reversedCalls.get(List.of(pullback.owner(), pullback.name(),
        pullback.args().size()));
    if (reversed == null) {
      return false;
    }
    SourceRef src = ev.source();
    require(reversed, Mode.HESSIAN, src);
    int k = reversed.args().size();
    // Calls of one method share the key: the directions are those of this pullback's own
    // arguments, not of the call remembered under it.
    Expr.Invoke call = reversed.withArgs(pullback.args().subList(0, k));
    List<Expr> args = new ArrayList<>(pullback.args().subList(0, k));
    args.addAll(directions(call, src));
    for (Expr adjoint : pullback.args().subList(k, pullback.args().size())) {
      args.add(adjoint);
      args.add(dotOrZeros(adjoint, src));
    }
    out.add(new Stmt.Evaluate(new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, pullback.owner(),
        GeneratedApi.pullbackJvpName(call.name()), args, List.of(), Type.DOUBLE), src));
    return true;
  }

  /** {@code Adjoints.addInto(a, b)} and {@code moveInto} are linear: their own tangents. */
  private void evaluate(Stmt.Evaluate ev, List<Stmt> out) {
    Expr.Invoke call = ev.call();
    if (call.kind() == Expr.Invoke.Kind.HELPER) {
      out.add(ev);
      return;
    }
    if (call.kind() == Expr.Invoke.Kind.PULLBACK && reversedCall(ev, out)) {
      return;
    }
    if (call.kind() == Expr.Invoke.Kind.PULLBACK && call.owner().equals(ADJOINTS)
        && call.args().size() == 2) {
      Expr into = tangents.ofArray(call.args().get(0));
      Expr from = tangents.ofArray(call.args().get(1));
      if (into != null && from != null && into != Tangents.UNSUPPORTED_CHOICE
          && from != Tangents.UNSUPPORTED_CHOICE) {
        out.add(new Stmt.Evaluate(call.withArgs(List.of(into, from)), ev.source()));
      } else if (into != null || from != null) {
        if (!(call.name().equals("addInto") && from == null)) {
          throw new Unsupported(ev.source(), "an adjoint array with a tangent on one side only");
        }
      }
      out.add(ev);
      return;
    }
    throw unsupportedCall(call, ev.source());
  }

  /** Calls whose value carries no derivative (helpers) are kept; any other is not supported. */
  private void checkCall(Expr value, SourceRef src) {
    Expr.Invoke[] call = {null};
    Exprs.rewrite(value, e -> {
      if (e instanceof Expr.Invoke i && i.kind() != Expr.Invoke.Kind.HELPER && call[0] == null) {
        call[0] = i;
      }
      return e;
    });
    if (call[0] != null) {
      throw unsupportedCall(call[0], src);
    }
  }

  private static Unsupported unsupportedCall(Expr.Invoke call, SourceRef src) {
    String what = switch (call.kind()) {
      case DIFFERENTIABLE -> "the call of the @Differentiable method " + call.name();
      case KERNEL -> "the call of " + call.owner().simpleNames() + "." + call.name() + ", which"
          + " has a pullback (a kernel's or a @DerivativeOf) but no tangent rule,";
      default -> "the call of " + call.name();
    };
    return new Unsupported(src, what);
  }

  private static Expr zerosLike(Expr array) {
    return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Length(array)));
  }
}
