package dev.adjoint.processor.ir;

import java.util.List;

/** A statement of the IR. Structured: branches keep their shape so the output stays readable. */
public sealed interface Stmt permits Stmt.Assign, Stmt.If, Stmt.Return, Stmt.Section {

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

  /** Only before {@code ReturnNormalizer} runs. */
  record Return(Expr value, SourceRef source) implements Stmt {}

  /** A titled boundary (e.g. the start of the backward sweep); does nothing. */
  record Section(String title, SourceRef source) implements Stmt {}
}
