package dev.adjoint.processor.reverse;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Derivatives;
import dev.adjoint.processor.analysis.LoopBounds;
import dev.adjoint.processor.analysis.Inverses;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.ir.ArrayNames;
import dev.adjoint.processor.ir.ArrayResults;
import dev.adjoint.processor.ir.ClassRef;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Mode;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.RecordArg;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.SplitReversal;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Stmts;
import dev.adjoint.processor.ir.Sweeps;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.DerivativeRegistry;
import dev.adjoint.processor.verify.CallArguments;
import dev.adjoint.processor.verify.ParameterWrites;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode over three-address IR: a forward sweep (the primal, saving values the analyses
 * say will be overwritten) followed by a backward sweep that visits statements in reverse,
 * adding each rule's chain-rule terms into adjoint variables. Branches keep their shape: the
 * backward sweep tests the recorded decision. A loop is replayed backwards as many times as it
 * ran forwards; inside loops, saved values, branch decisions and inner trip counts go on the
 * method's {@code Stacks} (pushed forwards, popped backwards). Arrays have adjoint arrays of the
 * same shape: a read {@code v = a[i]} adds {@code v̄} into {@code ā[i]}; a store moves
 * {@code ā[i]} back to the stored value and clears it. The output is ordinary IR, so later
 * passes (the optimizer, or a second transform) treat it like any other function.
 *
 * <p>Its {@link IllegalStateException}s are assertions: what they name is a user error that
 * {@code verify.ArrayAdjoints} and {@code verify.CalleeAdjoints} report before this runs.
 */
public final class ReverseMode {

  /**
   * The adjoint of a function.
   *
   * @param function the adjoint as one function, its body the two sweeps in order (for code that
   *     walks it whole); its name, parameters and result are the primal's
   * @param sweeps the forward and the backward sweep
   * @param parameterAdjoints where each differentiated parameter's adjoint ends up
   */
  public record Output(Function function, Sweeps sweeps, Map<Var, Var> parameterAdjoints,
      Map<Var, RecordArg> recordStorage) {
    public Output {
      function = function.withBody(sweeps.all());
    }

    public Output(Function function, Sweeps sweeps, Map<Var, Var> parameterAdjoints) {
      this(function, sweeps, parameterAdjoints, Map.of());
    }

    public Output withSweeps(Sweeps newSweeps) {
      return new Output(function, newSweeps, parameterAdjoints, recordStorage);
    }
  }

  private static final ClassRef ADJOINTS = new ClassRef("dev.adjoint.runtime", "Adjoints");

  private final Activity activity;
  private final ToBeRecorded recording;
  private final Map<Var, Var> adjoints = new LinkedHashMap<>();
  private final Map<Stmt.Assign, Var> saves = new IdentityHashMap<>();
  private final Map<Stmt.Loop, Var> counters = new IdentityHashMap<>();
  private final Set<Var> reassigned = new HashSet<>();
  private LoopBounds bounds;
  private Var scratch;
  private int scratchSize;
  /** The adjoint storage of each record passed whole to a callee, by the record. */
  private final Map<Var, RecordArg> storage = new LinkedHashMap<>();
  private final Map<List<String>, Var> storageByPath = new HashMap<>();
  /** The result's adjoint: a double, or the array a double[] result's pullback is given. */
  private Expr seed;

  private final DerivativeRegistry derivatives;
  private final RowAssignments rows;
  /** The calls whose callee's split halves this method uses (see {@link SplitReversal}). */
  private java.util.function.Predicate<Expr.Invoke> split = call -> false;
  private final LoopSaves loopSaves = new LoopSaves();
  /** For each call, its array arguments that a store may change after it. */
  private Map<Stmt, Set<Var>> writtenAfter = Map.of();
  /** For each split call, the copies of its array arguments at the call, by argument. */
  private final Map<Stmt.Assign, Map<Integer, Var>> copiesAtCall = new IdentityHashMap<>();

  private ReverseMode(Activity activity, ToBeRecorded recording,
      DerivativeRegistry derivatives) {
    this.activity = activity;
    this.recording = recording;
    this.derivatives = derivatives;
    this.rows = new RowAssignments(activity, this::adjoint);
  }

  /**
   * @param fn three-address IR with a single exit
   * @param seed the adjoint of the result, the pullback's seed parameter; the caller owns the
   *     adjoints of the array parameters
   * @param derivatives what implements each callee's pullback
   */
  public static Output apply(Function fn, List<Var> independents, Activity activity,
      ToBeRecorded recording, Expr seed, DerivativeRegistry derivatives) {
    return new ReverseMode(activity, recording, derivatives).transform(fn, independents, seed);
  }

  /** Like the other, with {@code split} naming the calls reversed by the callee's halves. */
  public static Output apply(Function fn, List<Var> independents, Activity activity,
      ToBeRecorded recording, Expr seed, DerivativeRegistry derivatives,
      java.util.function.Predicate<Expr.Invoke> split) {
    ReverseMode reverse = new ReverseMode(activity, recording, derivatives);
    reverse.split = split;
    return reverse.transform(fn, independents, seed);
  }

  /** The split call {@code a} makes, if its pullback is split (the same test as reverse's). */
  private Expr.Invoke splitCall(Stmt.Assign a) {
    return a.value() instanceof Expr.Invoke call && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE
        && a.target().type() == Type.DOUBLE && activity.isActive(a.target()) && split.test(call)
        ? call : null;
  }

  private Output transform(Function fn, List<Var> independents, Expr seed) {
    this.seed = seed;
    bounds = LoopBounds.analyse(fn);
    rows.prepare(fn.body());
    writtenAfter = CallArguments.writtenAfter(fn);
    Set<Var> defined = new HashSet<>(fn.params());
    for (Stmt.Assign a : Stmts.assignments(fn.body())) {
      if (!defined.add(a.target())) {
        reassigned.add(a.target());
      }
    }
    reassigned.addAll(fn.params());
    Stmts.walk(fn.body(), s -> {
      if (s instanceof Stmt.Loop l) {
        reassigned.addAll(Stmts.writes(l));
      }
    });

    List<Stmt> body = new ArrayList<>();
    List<Stmt> backward = new ArrayList<>();
    Set<Var> written = ParameterWrites.written(fn);
    List<Stmt> setAside = new ArrayList<>();
    List<Stmt> addBack = new ArrayList<>();
    for (Var p : fn.params()) {
      if (!p.type().isArray() || !activity.isActive(p)) {
        continue;
      }
      if (!independents.contains(p)) {
        allocateLike(p, adjoint(p), body); // written, not differentiated: no caller's adjoint
      } else if (written.contains(p)) {
        // A store clears its element's adjoint, which must not clear what the caller has
        // accumulated there: set that aside, work in the caller's (zeroed) array, add it back.
        // Working in the caller's array keeps a parameter passed twice with one adjoint array
        // right: a read through the other parameter after a store meets the store's adjoint.
        Var onEntry = new Var(p.name() + "BarOnEntry", p.type(), Var.Role.ADJOINT);
        allocateLike(p, onEntry, setAside);
        setAside.add(adjointsCall("moveInto", onEntry, adjoint(p)));
        addBack.add(adjointsCall("addInto", adjoint(p), onEntry));
      }
    }
    body.addAll(forward(fn.body(), 0));
    for (Var v : activity.variables()) {
      if (v.type() == Type.DOUBLE) {
        Expr init = v == fn.result() ? seed : Expr.Const.ofDouble(0);
        backward.add(Stmt.Assign.set(adjoint(v), init, SourceRef.NONE));
      }
    }
    backward.addAll(0, setAside);
    backward.addAll(backward(fn.body(), 0));
    backward.addAll(addBack);
    if (scratch != null) {
      // One buffer for every callee's scalar gradient, allocated once per call.
      body.add(0, Stmt.Assign.set(scratch, new Expr.NewArray(Type.DOUBLE_ARRAY,
          List.of(Expr.Const.ofInt(scratchSize))), SourceRef.NONE));
    }

    Set<Var> idle = idleLeafAdjoints(backward);
    backward.removeIf(st -> st instanceof Stmt.Assign a && idle.contains(a.target()));
    Map<Var, Var> outputs = new LinkedHashMap<>();
    for (Var p : independents) {
      if ((activity.isActive(p) || p.type().isArray()) && !idle.contains(adjoint(p))) {
        outputs.put(p, adjoint(p));
      }
    }
    return new Output(fn, new Sweeps(body, backward), Collections.unmodifiableMap(outputs),
        Collections.unmodifiableMap(storage));
  }

  /** {@code Adjoints.f(into, from)}: an operation on two adjoint arrays. */
  private static Stmt adjointsCall(String f, Var into, Var from) {
    return new Stmt.Evaluate(new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, ADJOINTS, f,
        List.of(Exprs.ref(into), Exprs.ref(from)), List.of(), Type.DOUBLE), SourceRef.NONE);
  }

  /** {@code pBar = new double[p.length]} (row by row for a matrix), zero-filled. */
  private void allocateLike(Var p, List<Stmt> out) {
    allocateLike(p, adjoint(p), out);
  }

  /** {@code bar = new double[p.length]} (row by row for a matrix), zero-filled. */
  private static void allocateLike(Var p, Var bar, List<Stmt> out) {
    Expr rows = new Expr.Length(Exprs.ref(p));
    out.add(Stmt.Assign.set(bar, new Expr.NewArray(p.type(), List.of(rows)), SourceRef.NONE));
    if (p.type() == Type.DOUBLE_MATRIX) {
      Var row = new Var("row", Type.INT, Var.Role.TEMP);
      out.add(Stmt.Assign.set(row, Expr.Const.ofInt(0), SourceRef.NONE));
      Expr columns = new Expr.Length(new Expr.Index(Exprs.ref(p), Exprs.ref(row)));
      out.add(new Stmt.Loop(new Expr.Binary(Op.LT, Exprs.ref(row), rows), List.of(
          new Stmt.Store(Exprs.ref(bar), Exprs.ref(row),
              new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(columns)), false, SourceRef.NONE),
          increment(row, 1, SourceRef.NONE)), List.of(), SourceRef.NONE));
    }
  }

  private List<Stmt> forward(List<Stmt> block, int depth) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        if (recording.mustSave(a) && Inverses.of(a) == null && !bounds.initOfCounted(a)) {
          if (depth > 0) {
            out.add(new Stmt.Push(Exprs.ref(a.target()), a.source()));
          } else {
            Var save = a.target().like(a.target().name() + "Saved", Var.Role.SAVE);
            saves.put(a, save);
            out.add(Stmt.Assign.set(save, Exprs.ref(a.target()), a.source()));
          }
        }
        Expr.Invoke splitCall = splitCall(a);
        out.add(splitCall == null ? a : new Stmt.Assign(a.target(), SplitReversal.record(
            splitCall, derivatives.find(splitCall, Mode.REVERSE).owner()), a.accumulate(),
            a.source()));
        if (splitCall != null) {
          copyArguments(a, splitCall, depth, out);
        }
        out.addAll(companion(a, depth));
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), forward(i.then(), depth),
            forward(i.otherwise(), depth), i.source()));
        if (depth > 0) {
          // Pushed after the branch's own records, so the backward sweep pops it first.
          out.add(new Stmt.Push(i.condition(), i.source()));
        }
      } else if (s instanceof Stmt.Loop l && bounds.of(l) != null) {
        // The backward sweep derives the trip count from the bounds.
        out.addAll(loopSaves.beforeLoop(l, recording.savedAround(l), depth));
        out.add(new Stmt.Loop(l.condition(), forward(l.body(), depth + 1), List.of(),
            l.source()));
      } else if (s instanceof Stmt.Loop l) {
        Var count = new Var("iterations", Type.INT, Var.Role.TEMP);
        counters.put(l, count);
        out.addAll(loopSaves.beforeLoop(l, recording.savedAround(l), depth));
        out.add(Stmt.Assign.set(count, Expr.Const.ofInt(0), l.source()));
        List<Stmt> body = new ArrayList<>(forward(l.body(), depth + 1));
        body.add(increment(count, 1, l.source()));
        out.add(new Stmt.Loop(l.condition(), body, List.of(), l.source()));
        if (depth > 0) {
          out.add(new Stmt.Push(Exprs.ref(count), l.source()));
        }
      } else if (s instanceof Stmt.Store st && RowAssignments.assignsRow(st)) {
        rows.forward(st, depth, out);
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * After a split call, a copy of each array argument that the caller may write before the
   * callee's reverse half runs: that half reads the arguments again (the callee never writes
   * them, or it would have been read into this method), so it is given their values at the
   * call. Kept in a local outside loops, pushed inside them.
   */
  private void copyArguments(Stmt.Assign a, Expr.Invoke call, int depth, List<Stmt> out) {
    Set<Var> written = writtenAfter.getOrDefault(a, Set.of());
    Map<Integer, Var> copies = new LinkedHashMap<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (arg.type().isArray()
          && Stmts.bases(arg).stream().anyMatch(written::contains)) {
        Var copy = new Var(Stmts.baseVar(arg).name() + "AtCall", arg.type(), Var.Role.SAVE);
        Expr snapshot = new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, ADJOINTS, "snapshot",
            List.of(arg), List.of(), arg.type());
        out.add(depth > 0 ? new Stmt.Push(snapshot, a.source())
            : Stmt.Assign.set(copy, snapshot, a.source()));
        copies.put(i, copy);
      }
    }
    if (!copies.isEmpty()) {
      copiesAtCall.put(a, copies);
    }
  }

  /** A local array's adjoint is allocated with it, with the same shape. */
  private List<Stmt> companion(Stmt.Assign a, int depth) {
    Var v = a.target();
    if (!v.type().isArray() || !activity.isActive(v) || ArrayResults.returns(a)) {
      return List.of();
    }
    if (ArrayNames.namesArray(a)) {
      return joinAdjoint(a, depth);
    }
    if (!(a.value() instanceof Expr.NewArray) && !ArrayResults.fromCall(a)) {
      throw new IllegalStateException("array " + v.userName() + " must be created with"
          + " new or by a LinearAlgebra kernel where it is declared");
    }
    if (depth > 0) {
      // A fresh array each iteration: its adjoint is allocated by the backward sweep of the
      // block, once per iteration (see perIterationAdjoints).
      return List.of();
    }
    if (a.value() instanceof Expr.NewArray n) {
      return List.of(Stmt.Assign.set(adjoint(v), n, a.source()));
    }
    List<Stmt> allocation = new ArrayList<>();
    allocateLike(v, allocation);
    return allocation;
  }

  /**
   * {@code v = w} in one branch of an if ({@link ArrayRebinding}'s join): {@code v} is {@code
   * w}'s array, so its adjoint is {@code w}'s adjoint array, or zeros when {@code w} has none.
   */
  private List<Stmt> joinAdjoint(Stmt.Assign a, int depth) {
    Var v = a.target();
    if (depth > 0) {
      // Each iteration could choose another array, and the backward sweep sees only the last.
      throw new IllegalStateException("array variable " + v.userName() + " is bound to"
          + " different arrays by the branches of an if inside a loop, which is not supported;"
          + " give each branch's array its own variable");
    }
    return adjointOfChoice(v, a.value(), a.source());
  }

  /**
   * {@code v}'s adjoint made the adjoint of the array {@code side} names: that array's adjoint,
   * zeros where it has none, and for a choice ({@code c ? a : b}, a recorded condition) an if
   * over the same condition.
   */
  private List<Stmt> adjointOfChoice(Var v, Expr side, SourceRef src) {
    if (side instanceof Expr.Cond c) {
      return List.of(new Stmt.If(c.condition(), adjointOfChoice(v, c.then(), src),
          adjointOfChoice(v, c.otherwise(), src), src));
    }
    if (activity.isActive(Stmts.baseVar(side))) {
      return List.of(Stmt.Assign.set(adjoint(v), adjointArray(side), src));
    }
    List<Stmt> zeros = new ArrayList<>();
    allocateLike(v, zeros);
    return zeros;
  }

  private List<Stmt> backward(List<Stmt> block, int depth) {
    List<Stmt> out = new ArrayList<>();
    if (depth > 0) {
      perIterationAdjoints(block, out);
    }
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a) {
        reverse(a, depth, out);
      } else if (s instanceof Stmt.Store st && RowAssignments.assignsRow(st)) {
        rows.backward(st, depth, out);
      } else if (s instanceof Stmt.Store st) {
        reverse(st, out);
      } else if (s instanceof Stmt.If i) {
        List<Stmt> then = backward(i.then(), depth);
        List<Stmt> otherwise = backward(i.otherwise(), depth);
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          if (depth > 0 && i.condition() instanceof Expr.Ref r) {
            out.add(Stmt.Assign.set(r.var(), new Expr.Pop(Type.BOOLEAN), i.source()));
          }
          out.add(new Stmt.If(i.condition(), then, otherwise, i.source()));
        } else if (depth > 0 && i.condition() instanceof Expr.Ref) {
          // The decision was pushed; keep the stack balanced.
          out.add(Stmt.Assign.set(((Expr.Ref) i.condition()).var(),
              new Expr.Pop(Type.BOOLEAN), i.source()));
        }
      } else if (s instanceof Stmt.Loop l && bounds.of(l) != null) {
        if (depth == 0) {
          reusedAdjoints(l, out);
        }
        // The index's step, the body's last statement, is the loop's own update.
        List<Stmt> body = backward(l.body().subList(0, l.body().size() - 1), depth + 1);
        out.addAll(CountedLoops.backward(bounds.of(l), body, l.source()));
        out.addAll(loopSaves.afterReversal(l, depth));
      } else if (s instanceof Stmt.Loop l) {
        Var count = counters.get(l);
        if (depth > 0) {
          out.add(Stmt.Assign.set(count, new Expr.Pop(Type.INT), l.source()));
        }
        if (depth == 0) {
          reusedAdjoints(l, out);
        }
        List<Stmt> body = new ArrayList<>(backward(l.body(), depth + 1));
        body.add(increment(count, -1, l.source()));
        out.add(new Stmt.Loop(new Expr.Binary(Op.GT, Exprs.ref(count), Expr.Const.ofInt(0)),
            body, List.of(), l.source()));
        out.addAll(loopSaves.afterReversal(l, depth));
      }
    }
    return out;
  }

  /**
   * An active array created in a loop body is a new array each time the body runs: the backward
   * sweep gives it a zero adjoint where its block's reverse starts, when the array variable still
   * holds that run's array (the forward sweep recorded the reference, and the reverse of its
   * creation restores the previous one). Each iteration's adjoint is garbage once the kernel or
   * the stores that created the array have consumed it, so a vector's is cleared and reused.
   */
  private void perIterationAdjoints(List<Stmt> block, List<Stmt> out) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a && a.target().type().isArray()
          && activity.isActive(a.target()) && !ArrayNames.namesArray(a)) {
        if (a.target().type() == Type.DOUBLE_ARRAY) {
          // The previous iteration's adjoint is consumed by now: clear it rather than allocate.
          Var bar = adjoint(a.target());
          out.add(Stmt.Assign.set(bar, new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, ADJOINTS,
              "zeroed", List.of(Exprs.ref(bar), new Expr.Length(Exprs.ref(a.target()))),
              List.of(), Type.DOUBLE_ARRAY), SourceRef.NONE));
        } else {
          Stmt rowsAssigned = rows.allocation(a.target(), adjoint(a.target()));
          if (rowsAssigned != null) {
            out.add(rowsAssigned);
          } else {
            allocateLike(a.target(), out);
          }
        }
      }
    }
  }

  /**
   * {@code vBar = null} before an outermost loop for each vector {@code v} created in it: its
   * per-iteration adjoint ({@link #perIterationAdjoints}) reuses the previous iteration's array.
   */
  private void reusedAdjoints(Stmt.Loop loop, List<Stmt> out) {
    Stmts.walk(loop.body(), s -> {
      if (s instanceof Stmt.Assign a && a.target().type() == Type.DOUBLE_ARRAY
          && activity.isActive(a.target()) && !ArrayNames.namesArray(a)) {
        out.add(Stmt.Assign.set(adjoint(a.target()),
            new Expr.Const(Type.DOUBLE_ARRAY, 0, "null"), SourceRef.NONE));
      }
    });
  }

  /** {@code uBar += vBar * ∂v/∂u} for each active operand, then forget and restore {@code v}. */
  private void reverse(Stmt.Assign a, int depth, List<Stmt> out) {
    Var v = a.target();
    SourceRef src = a.source();
    if (ArrayResults.returns(a)) {
      // The seed is the adjoint of the array returned (a parameter's is the caller's): added
      // into it where the return ran, so the caller's seed is only read, never written.
      out.addAll(intoAdjoint(a.value(), bar -> List.of(new Stmt.Evaluate(new Expr.Invoke(
          Expr.Invoke.Kind.PULLBACK, ADJOINTS, "addInto", List.of(bar, seed), List.of(),
          Type.DOUBLE), src)), src));
      return;
    }
    if (activity.isActive(v) && v.type() == Type.DOUBLE) {
      Expr vBar = Exprs.ref(adjoint(v));
      if (a.value() instanceof Expr.Index load) {
        out.addAll(intoAdjoint(load.array(), bar -> List.of(
            new Stmt.Store(bar, load.index(), vBar, true, src)), src));
      } else if (a.value() instanceof Expr.Invoke call
          && call.kind() == Expr.Invoke.Kind.DIFFERENTIABLE) {
        Map<Integer, Var> copies = copiesAtCall.getOrDefault(a, Map.of());
        if (depth > 0) {
          List<Var> pushed = new ArrayList<>(copies.values());
          for (int i = pushed.size() - 1; i >= 0; i--) {
            out.add(Stmt.Assign.set(pushed.get(i), new Expr.Pop(pushed.get(i).type()), src));
          }
        }
        pullback(call, copies, vBar, src, out);
      } else if (a.value() instanceof Expr.Invoke call
          && call.kind() == Expr.Invoke.Kind.KERNEL) {
        kernelPullback(call, Exprs.ref(v), vBar, src, out);
      }
      for (Derivatives.Contribution c
          : Derivatives.contributions(a, activity::isActive, recording.rematerialization())) {
        out.add(Stmt.Assign.add(adjoint(c.operand()), times(vBar, c.partial()), src));
      }
      if (reassigned.contains(v)) {
        // The value before this assignment is a different value with its own adjoint.
        out.add(Stmt.Assign.set(adjoint(v), Expr.Const.ofDouble(0), src));
      }
    }
    if (activity.isActive(v) && v.type().isArray() && a.value() instanceof Expr.Invoke call
        && call.kind() == Expr.Invoke.Kind.KERNEL) {
      kernelPullback(call, Exprs.ref(v), Exprs.ref(adjoint(v)), src, out);
    }
    if (activity.isActive(v) && ArrayResults.fromDifferentiable(a)) {
      // The array's adjoint is the callee's seed, which its pullback only reads.
      pullback((Expr.Invoke) a.value(), Map.of(), Exprs.ref(adjoint(v)), src, out);
    }
    if (recording.mustSave(a) && !bounds.initOfCounted(a)) {
      Expr inverse = Inverses.of(a);
      Expr saved = inverse != null ? inverse
          : depth > 0 ? new Expr.Pop(v.type()) : Exprs.ref(saves.get(a));
      out.add(Stmt.Assign.set(v, saved, src));
    }
  }

  /**
   * {@code v = g(a, x)}: {@code g}'s generated pullback adds {@code v̄ ∂g/∂·} into a scratch
   * slot per scalar argument (then into {@code ā}) and directly into array adjoints; {@code
   * copies} replace array arguments by their values at the call ({@link #copyArguments}).
   */
  private void pullback(Expr.Invoke call, Map<Integer, Var> copies, Expr vBar, SourceRef src,
      List<Stmt> out) {
    for (int i = 0; i < call.args().size(); i++) {
      Expr given = call.args().get(i);
      boolean variable = given instanceof Expr.Ref || given instanceof Expr.Cond;
      if (!call.independents().contains(i) && variable && given.type().isDifferentiable()
          && Stmts.bases(given).stream().anyMatch(activity::isVaried)) {
        throw new IllegalStateException("argument " + (i + 1) + " of " + call.name()
            + " depends on what is differentiated here, but " + call.name() + " does not"
            + " differentiate with respect to that parameter; add it to " + call.name()
            + "'s wrt");
      }
    }
    List<Expr> args = new ArrayList<>(call.args());
    copies.forEach((i, copy) -> args.set(i, Exprs.ref(copy)));
    args.add(vBar);
    List<Expr> arrayAdjoints = new ArrayList<>();
    List<Stmt> after = new ArrayList<>();
    boolean half = split.test(call) && call.type() == Type.DOUBLE;
    // A reverse half of one scalar parameter returns its adjoint: no scratch slot to allocate.
    Expr returned = half ? soleScalar(call) : null;
    int slot = 0;
    RecordArg lastRecord = null;
    for (int i : call.independents()) {
      Expr arg = call.args().get(i);
      RecordArg record = call.recordAt(i);
      if (record != null) {
        // The callee adds the record's gradient into its storage, scalars too.
        if (record != lastRecord) {
          arrayAdjoints.add(Exprs.ref(storage(record)));
          lastRecord = record;
        }
      } else if (returned != null && !arg.type().isArray()) {
        continue;
      } else if (!arg.type().isArray()) {
        Expr scratchSlot = new Expr.Index(Exprs.ref(scratch()), Expr.Const.ofInt(slot));
        out.add(new Stmt.Store(Exprs.ref(scratch()), Expr.Const.ofInt(slot),
            Expr.Const.ofDouble(0), false, src));
        if (arg instanceof Expr.Ref r && activity.isActive(r.var())) {
          after.add(Stmt.Assign.add(adjoint(r.var()), scratchSlot, src));
        }
        slot++;
      } else {
        arrayAdjoints.add(calleeAdjoint(arg, call, src));
      }
    }
    scratchSize = Math.max(scratchSize, slot);
    if (slot > 0) {
      args.add(Exprs.ref(scratch()));
    }
    args.addAll(arrayAdjoints);
    Expr.Invoke pullback = pullbackCall(call, args);
    if (half) {
      pullback = SplitReversal.reverse(pullback, call.name());
    }
    if (returned instanceof Expr.Ref r && activity.isActive(r.var())) {
      out.add(Stmt.Assign.add(adjoint(r.var()), pullback, src));
    } else {
      out.add(new Stmt.Evaluate(pullback, src));
    }
    out.addAll(after);
  }

  /**
   * The argument of {@code call}'s one scalar differentiated parameter, if it has exactly one
   * ({@link SplitReversal#returnsAdjoint}); else null.
   */
  private static Expr soleScalar(Expr.Invoke call) {
    List<Expr> scalars = new ArrayList<>();
    for (int i : call.independents()) {
      Expr arg = call.args().get(i);
      if (call.recordAt(i) == null && !arg.type().isArray()) {
        scalars.add(arg);
      }
    }
    return SplitReversal.returnsAdjoint(scalars.size()) ? scalars.get(0) : null;
  }

  /**
   * {@code r = K.f(a, x)}: {@code K.fPullback(a, x, r, r̄, ā-or-null)}, whose return value is
   * the adjoint of the one scalar argument, if there is one; with several scalar arguments,
   * {@code K.fPullback(a, x, y, r, r̄, grad, ā-or-null)} adds their adjoints into the slots of
   * the scratch buffer, as a generated pullback does.
   */
  private void kernelPullback(Expr.Invoke call, Expr result, Expr resultBar, SourceRef src,
      List<Stmt> out) {
    List<Expr> args = new ArrayList<>(call.args());
    args.add(result);
    args.add(resultBar);
    List<Expr> arrayAdjoints = new ArrayList<>();
    List<Var> scalars = new ArrayList<>(); // null where the argument has no adjoint
    // One adjoint per differentiable argument: arrays get theirs (or null), doubles come back
    // as the pullback's value or in slots; int and int[] arguments have none.
    for (int i : call.independents()) {
      Expr arg = call.args().get(i);
      if (arg.type().isArray()) {
        arrayAdjoints.add(adjointOrNull(arg));
      } else {
        scalars.add(arg instanceof Expr.Ref r && activity.isActive(r.var()) ? r.var() : null);
      }
    }
    List<Stmt> after = new ArrayList<>();
    if (scalars.size() > 1) {
      for (int slot = 0; slot < scalars.size(); slot++) {
        out.add(new Stmt.Store(Exprs.ref(scratch()), Expr.Const.ofInt(slot),
            Expr.Const.ofDouble(0), false, src));
        if (scalars.get(slot) != null) {
          after.add(Stmt.Assign.add(adjoint(scalars.get(slot)),
              new Expr.Index(Exprs.ref(scratch()), Expr.Const.ofInt(slot)), src));
        }
      }
      scratchSize = Math.max(scratchSize, scalars.size());
      args.add(Exprs.ref(scratch()));
    }
    args.addAll(arrayAdjoints);
    Expr.Invoke pullback = pullbackCall(call, args);
    Var scalar = scalars.size() == 1 ? scalars.get(0) : null;
    if (scalar != null) {
      out.add(Stmt.Assign.add(adjoint(scalar), pullback, src));
    } else {
      out.add(new Stmt.Evaluate(pullback, src));
    }
    out.addAll(after);
  }

  /** Where a callee adds the gradient of array argument {@code arg}. */
  private Expr calleeAdjoint(Expr arg, Expr.Invoke call, SourceRef src) {
    if (arg instanceof Expr.Cond c) {
      // The adjoint of the array chosen: c ? aBar : bBar.
      return new Expr.Cond(c.condition(), calleeAdjoint(c.then(), call, src),
          calleeAdjoint(c.otherwise(), call, src));
    }
    Var array = Stmts.baseVar(arg);
    if (activity.isActive(array)) {
      return adjointArray(arg);
    } else if (arg.type() == Type.DOUBLE_ARRAY) {
      // The callee wants somewhere to add this argument's gradient; nobody reads it.
      return new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.Length(arg)));
    }
    throw new IllegalStateException("matrix " + array.userName() + " is differentiated by "
        + call.name() + " but not here; add it to this method's wrt or remove it from "
        + call.name() + "'s");
  }

  /** A kernel's adjoint argument for array {@code arg}: its adjoint, or null if it has none. */
  private Expr adjointOrNull(Expr arg) {
    Expr none = new Expr.Const(arg.type(), 0, "null");
    if (arg instanceof Expr.Cond c) {
      Expr then = adjointOrNull(c.then());
      Expr otherwise = adjointOrNull(c.otherwise());
      return then.equals(otherwise) ? then : new Expr.Cond(c.condition(), then, otherwise);
    } else if (arg instanceof Expr.Index row) {
      Expr rows = adjointOrNull(row.array());
      return rows instanceof Expr.Const ? none : new Expr.Index(rows, row.index());
    }
    Var v = ((Expr.Ref) arg).var();
    return activity.isActive(v) ? Exprs.ref(adjoint(v)) : none;
  }

  /**
   * {@code body} applied to the adjoint of {@code array}, if it has one; for an array chosen by
   * a conditional, an {@code if} over the same recorded condition reaching the chosen array's.
   */
  private List<Stmt> intoAdjoint(Expr array, java.util.function.Function<Expr, List<Stmt>> body,
      SourceRef src) {
    if (array instanceof Expr.Cond c) {
      List<Stmt> then = intoAdjoint(c.then(), body, src);
      List<Stmt> otherwise = intoAdjoint(c.otherwise(), body, src);
      if (then.isEmpty() && otherwise.isEmpty()) {
        return List.of();
      }
      return List.of(new Stmt.If(c.condition(), then, otherwise, src));
    } else if (array instanceof Expr.Index row) {
      return intoAdjoint(row.array(), rows -> body.apply(new Expr.Index(rows, row.index())), src);
    }
    Var v = ((Expr.Ref) array).var();
    return activity.isActive(v) ? body.apply(Exprs.ref(adjoint(v))) : List.of();
  }

  private Expr.Invoke pullbackCall(Expr.Invoke call, List<Expr> args) {
    DerivativeRegistry.Implementation pullback = derivatives.find(call, Mode.REVERSE);
    return new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, pullback.owner(), pullback.name(), args,
        List.of(), Type.DOUBLE, call.records());
  }

  /**
   * The adjoints of scalar leaves that only callees taking their record whole differentiate:
   * those callees add into the record's storage, so the adjoint stays at its initial zero.
   */
  private Set<Var> idleLeafAdjoints(List<Stmt> backward) {
    Set<Var> candidates = new HashSet<>();
    for (RecordArg r : storage.values()) {
      for (Var leaf : r.shape().leaves()) {
        if (leaf.type() == Type.DOUBLE && adjoints.containsKey(leaf)) {
          candidates.add(adjoint(leaf));
        }
      }
    }
    if (candidates.isEmpty()) {
      return candidates;
    }
    Map<Var, Integer> writes = new HashMap<>();
    Set<Var> read = new HashSet<>();
    Stmts.walk(backward, st -> {
      read.addAll(Stmts.ownReads(st));
      if (st instanceof Stmt.Assign a) {
        writes.merge(a.target(), 1, Integer::sum);
      }
    });
    candidates.removeIf(v -> read.contains(v) || writes.getOrDefault(v, 0) != 1);
    return candidates;
  }

  /**
   * The storage a callee's pullback adds a record's gradient into: the caller's ({@code pBar},
   * {@code pBar.l1}) or, if it has none, scratch storage allocated once per pullback; one per
   * record, however many calls take it.
   */
  private Var storage(RecordArg record) {
    return storageByPath.computeIfAbsent(record.path(), path -> {
      Var v = Var.object(path.get(path.size() - 1) + "Bar", Var.Role.ADJOINT,
          record.shape().type());
      storage.put(v, record);
      return v;
    });
  }

  private Var scratch() {
    if (scratch == null) {
      scratch = new Var("calleeGradient", Type.DOUBLE_ARRAY, Var.Role.TEMP);
    }
    return scratch;
  }

  /** {@code a[i] = t}: {@code t̄ += ā[i]; ā[i] = 0}, since the old element is gone. */
  private void reverse(Stmt.Store st, List<Stmt> out) {
    Var base = Stmts.baseVar(st.array());
    if (!activity.isActive(base)) {
      return;
    }
    Expr adjointArray = adjointArray(st.array());
    Expr element = new Expr.Index(adjointArray, st.index());
    if (st.value() instanceof Expr.Ref r && activity.isActive(r.var())) {
      out.add(Stmt.Assign.add(adjoint(r.var()), element, st.source()));
    }
    out.add(new Stmt.Store(adjointArray, st.index(), Expr.Const.ofDouble(0), false,
        st.source()));
  }

  /** {@code a} → {@code aBar}, {@code m[i]} → {@code mBar[i]}. */
  private Expr adjointArray(Expr array) {
    if (array instanceof Expr.Index i) {
      return new Expr.Index(adjointArray(i.array()), i.index());
    }
    return Exprs.ref(adjoint(((Expr.Ref) array).var()));
  }

  /**
   * For {@code i = i + c} on an integer (a loop counter), the statement that undoes it, {@code
   * i - c}: exact even on overflow, and cheaper than recording {@code i} every iteration.
   */
  private static Stmt increment(Var v, int by, SourceRef src) {
    return Stmt.Assign.set(v, new Expr.Binary(by > 0 ? Op.ADD : Op.SUB, Exprs.ref(v),
        Expr.Const.ofInt(Math.abs(by))), src);
  }

  private static Expr times(Expr adjoint, Expr partial) {
    return new Expr.Binary(Op.MUL, adjoint, partial);
  }

  private Var adjoint(Var v) {
    return adjoints.computeIfAbsent(v, p -> new Var(p.name() + "Bar", p.type(),
        Var.Role.ADJOINT));
  }

  /** The pullback's seed parameter: the adjoint of the result. */
  public static Var seedParameter() {
    return seedParameter(Type.DOUBLE);
  }

  /** The seed of a result of type {@code result}: a double, or an array of the result's shape. */
  public static Var seedParameter(Type result) {
    return new Var("seed", result, Var.Role.SEED);
  }
}
