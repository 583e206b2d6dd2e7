package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Derivatives;
import dev.adjoint.processor.analysis.ToBeRecorded;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Op;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse mode over three-address IR: a forward sweep (the primal, saving values the analyses
 * say will be overwritten) followed by a backward sweep that visits statements in reverse,
 * adding each rule's chain-rule terms into adjoint variables. Branches keep their shape: the
 * backward sweep tests the recorded decision. The output is ordinary IR, so later passes
 * ({@link Simplifier}, or a second transform) treat it like any other function.
 */
public final class ReverseMode {

  /** The transformed function, and where each differentiated parameter's adjoint ends up. */
  public record Output(Function function, Map<Var, Var> parameterAdjoints) {}

  private final Activity activity;
  private final ToBeRecorded recording;
  private final Map<Var, Var> adjoints = new LinkedHashMap<>();
  private final Map<Stmt.Assign, Var> saves = new java.util.IdentityHashMap<>();
  private final Set<Var> reassigned = new HashSet<>();

  private ReverseMode(Activity activity, ToBeRecorded recording) {
    this.activity = activity;
    this.recording = recording;
  }

  /**
   * @param fn three-address IR with a single exit
   * @param seed the adjoint of the result: a constant 1 or the pullback's seed parameter
   */
  public static Output apply(
      Function fn, List<Var> independents, Activity activity, ToBeRecorded recording, Expr seed) {
    return new ReverseMode(activity, recording).transform(fn, independents, seed);
  }

  private Output transform(Function fn, List<Var> independents, Expr seed) {
    Set<Var> defined = new HashSet<>(fn.params());
    for (Stmt.Assign a : dev.adjoint.processor.ir.Stmts.assignments(fn.body())) {
      if (!defined.add(a.target())) {
        reassigned.add(a.target());
      }
    }
    reassigned.addAll(fn.params());

    List<Stmt> body = new ArrayList<>(forward(fn.body()));
    body.add(new Stmt.Section("backward sweep", SourceRef.NONE));
    for (Var v : activity.variables()) {
      Expr init = v == fn.result() ? seed : Expr.Const.ofDouble(0);
      body.add(Stmt.Assign.set(adjoint(v), init, SourceRef.NONE));
    }
    body.addAll(backward(fn.body()));

    Map<Var, Var> outputs = new LinkedHashMap<>();
    for (Var p : independents) {
      if (activity.isActive(p)) {
        outputs.put(p, adjoint(p));
      }
    }
    return new Output(fn.withBody(body), Collections.unmodifiableMap(outputs));
  }

  private List<Stmt> forward(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a && recording.mustSave(a)) {
        Var save = new Var(a.target().name() + "Saved", a.target().type(), Var.Role.SAVE);
        saves.put(a, save);
        out.add(Stmt.Assign.set(save, Exprs.ref(a.target()), a.source()));
        out.add(a);
      } else if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), forward(i.then()), forward(i.otherwise()),
            i.source()));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private List<Stmt> backward(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      if (s instanceof Stmt.Assign a) {
        reverse(a, out);
      } else if (s instanceof Stmt.If i) {
        List<Stmt> then = backward(i.then());
        List<Stmt> otherwise = backward(i.otherwise());
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          out.add(new Stmt.If(i.condition(), then, otherwise, i.source()));
        }
      }
    }
    return out;
  }

  /** {@code uBar += vBar * ∂v/∂u} for each active operand, then forget and restore {@code v}. */
  private void reverse(Stmt.Assign a, List<Stmt> out) {
    Var v = a.target();
    SourceRef src = a.source();
    if (activity.isActive(v)) {
      Expr vBar = Exprs.ref(adjoint(v));
      for (Derivatives.Contribution c : Derivatives.contributions(a, activity::isActive)) {
        out.add(Stmt.Assign.add(adjoint(c.operand()), times(vBar, c.partial()), src));
      }
      if (reassigned.contains(v)) {
        // The value before this assignment is a different value with its own adjoint.
        out.add(Stmt.Assign.set(adjoint(v), Expr.Const.ofDouble(0), src));
      }
    }
    Var save = saves.get(a);
    if (save != null) {
      out.add(Stmt.Assign.set(v, Exprs.ref(save), src));
    }
  }

  private static Expr times(Expr adjoint, Expr partial) {
    return new Expr.Binary(Op.MUL, adjoint, partial);
  }

  private Var adjoint(Var v) {
    return adjoints.computeIfAbsent(v, p -> new Var(p.name() + "Bar", Type.DOUBLE,
        Var.Role.ADJOINT));
  }
}
