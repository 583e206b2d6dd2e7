package dev.adjoint.processor.ir;

import java.util.List;

/** A statement of the IR. Structured: branches keep their shape so the output stays readable. */
public sealed interface Stmt
    permits Stmt.Assign, Stmt.Store, Stmt.If, Stmt.Loop, Stmt.Return, Stmt.Break, Stmt.Continue,
        Stmt.Push, Stmt.Evaluate {

  SourceRef source();

  /** {@code target = value}, or {@code target += value} when {@code accumulate}. */
  record Assign(Var target, Expr value, boolean accumulate, SourceRef source) implements Stmt {
    public static Assign set(Var target, Expr value, SourceRef source) {
      return new Assign(target, value, false, source);
    }

    public static Assign add(Var target, Expr value, SourceRef source) {
      return new Assign(target, value, true, source);
    }
  }

  record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, SourceRef source)
      implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }
  }

  /**
   * {@code array[index] = value}, or {@code +=} when {@code accumulate}; {@code array} is a
   * variable or a matrix row {@code m[i]}.
   */
  record Store(Expr array, Expr index, Expr value, boolean accumulate, SourceRef source)
      implements Stmt {}

  /**
   * {@code while (condition) { body; update }}. {@code update} runs after every iteration that
   * does not break (a {@code for} loop's update, kept apart so {@code continue} reaches it).
   */
  record Loop(Expr condition, List<Stmt> body, List<Stmt> update, SourceRef source)
      implements Stmt {
    public Loop {
      body = List.copyOf(body);
      update = List.copyOf(update);
    }
  }

  /** Only before the control-flow normalizer runs. */
  record Break(SourceRef source) implements Stmt {}

  /** Only before the control-flow normalizer runs. */
  record Continue(SourceRef source) implements Stmt {}

  /** Records a value on the method's stacks for the backward sweep. */
  record Push(Expr value, SourceRef source) implements Stmt {}

  /** Evaluates a call for its effect (a callee's pullback adding into adjoints). */
  record Evaluate(Expr.Invoke call, SourceRef source) implements Stmt {}

  /** Only before {@code ReturnNormalizer} runs. */
  record Return(Expr value, SourceRef source) implements Stmt {}
}
