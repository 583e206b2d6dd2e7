package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Split reversal of a call of a method generated in the same compilation: the caller's forward
 * sweep calls the callee's recording method {@code fRecord(args, stacks)}, which computes the
 * value and pushes what the callee's backward sweep needs onto the caller's stacks, and its
 * backward sweep calls {@code fReverse(args, seed, grad, stacks)}, which pops them. The
 * callee's forward sweep then runs once per call, not once more per enclosing pullback, so
 * recursion costs a constant per level.
 */
public final class SplitReversal {
  private SplitReversal() {}

  /**
   * Whether the reverse half of a method of {@code scalars} differentiated {@code double}
   * parameters returns the adjoint of its one scalar parameter (times the seed), instead of
   * adding it into a {@code grad} array the caller would have to allocate: with one, it does.
   */
  public static boolean returnsAdjoint(long scalars) {
    return scalars == 1;
  }

  /** The caller's stacks, passed on to the callee's two halves. */
  public static final Var STACKS = Var.object("stacks", Var.Role.TEMP,
      new ClassRef("dev.adjoint.runtime", "Stacks"));

  /** The recording half of {@code method}'s pullback, package-private. */
  public static String recordName(String method) {
    return method + "Record";
  }

  /** The reverse half of {@code method}'s pullback, package-private. */
  public static String reverseName(String method) {
    return method + "Reverse";
  }

  /** {@code call} as its recording half, on the caller's stacks. */
  public static Expr.Invoke record(Expr.Invoke call, ClassRef adjointClass) {
    List<Expr> args = new ArrayList<>(call.args());
    args.add(Exprs.ref(STACKS));
    return new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, adjointClass, recordName(call.name()),
        args, List.of(), call.type(), call.records());
  }

  /** {@code pullback}'s arguments given to the reverse half, on the caller's stacks. */
  public static Expr.Invoke reverse(Expr.Invoke pullback, String method) {
    List<Expr> args = new ArrayList<>(pullback.args());
    args.add(Exprs.ref(STACKS));
    return new Expr.Invoke(Expr.Invoke.Kind.PULLBACK, pullback.owner(), reverseName(method),
        args, List.of(), pullback.type(), pullback.records());
  }

  /** Whether {@code body} calls a split callee (and so needs the stacks). */
  public static boolean splits(List<Stmt> body) {
    boolean[] found = {false};
    Stmts.walk(body, s -> found[0] |= Stmts.ownReads(s).contains(STACKS));
    return found[0];
  }
}
