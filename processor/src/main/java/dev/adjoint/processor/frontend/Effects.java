package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourceRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements an expression needs run before it: assignments and {@code ++} inside it, the
 * branches of a switch expression, the fill of an array initializer. The statement being read
 * puts them ahead of itself. Java evaluates operands left to right, so an operand read before
 * an effect that follows it is first copied ({@link #spill}); a side that runs only sometimes
 * (of {@code &&}, {@code ||}, {@code ?:}) collects its effects apart ({@link #apart}) to be put
 * into a branch.
 */
final class Effects {
  private List<Stmt> pending = new ArrayList<>();
  private SourceRef source = SourceRef.NONE;

  /** The statement being read: where the effects come from. */
  void at(SourceRef src) {
    source = src;
  }

  SourceRef source() {
    return source;
  }

  void add(Stmt s) {
    pending.add(s);
  }

  /** A position to pass to {@link #spill}. */
  int mark() {
    return pending.size();
  }

  boolean since(int mark) {
    return pending.size() > mark;
  }

  /** Moves the pending effects to {@code out}, ahead of the statement that needs them. */
  void drainInto(List<Stmt> out) {
    out.addAll(pending);
    pending.clear();
  }

  /** The pending effects, taken. */
  List<Stmt> take() {
    List<Stmt> taken = new ArrayList<>(pending);
    pending.clear();
    return taken;
  }

  /** Drops what a statement that could not be read left behind. */
  void clear() {
    pending.clear();
  }

  /**
   * {@code value}, read before {@code mark}, as it was then: copied into a temporary at {@code
   * mark} if effects came after it (a constant cannot change).
   */
  Expr spill(Expr value, int mark) {
    // An array is passed by reference: what an effect stores into it is seen either way.
    if (!since(mark) || value instanceof Expr.Const || value.type().isArray()) {
      return value;
    }
    Var copy = Var.holding("operand", Var.Role.TEMP, value);
    pending.add(mark, Stmt.Assign.set(copy, value, source));
    return new Expr.Ref(copy);
  }

  /** {@code values}, each read at its {@code marks} entry, spilled as {@link #spill} does. */
  void spillAll(List<Expr> values, List<Integer> marks) {
    for (int k = values.size() - 2; k >= 0; k--) {
      values.set(k, spill(values.get(k), marks.get(k)));
    }
  }

  /** Runs {@code read} with its effects collected apart, into {@code into}. */
  <T> T apart(java.util.function.Supplier<T> read, List<Stmt> into) {
    List<Stmt> saved = pending;
    pending = new ArrayList<>();
    try {
      T value = read.get();
      into.addAll(pending);
      return value;
    } finally {
      pending = saved;
    }
  }
}
