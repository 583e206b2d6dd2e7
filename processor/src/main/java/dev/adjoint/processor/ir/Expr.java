package dev.adjoint.processor.ir;

import java.util.List;

/** An expression of the IR. After lowering, differentiable expressions are one operator over atoms. */
public sealed interface Expr
    permits Expr.Const, Expr.Ref, Expr.Unary, Expr.Binary, Expr.Call, Expr.Cond, Expr.Cast,
        Expr.Hole, Expr.Index, Expr.Length, Expr.NewArray, Expr.Pop, Expr.Invoke {

  Type type();

  /** Variables and constants: what three-address form allows as operands. */
  default boolean isAtom() {
    return this instanceof Const || this instanceof Ref;
  }

  /**
   * A literal or a named constant. Integers are held exactly in {@code value}; {@code symbol}
   * (such as {@code Math.PI}) is what the emitter prints when present.
   */
  record Const(Type type, double value, String symbol) implements Expr {
    public static Const ofDouble(double value) {
      return new Const(Type.DOUBLE, value, null);
    }

    public static Const ofInt(int value) {
      return new Const(Type.INT, value, null);
    }

    public boolean is(double v) {
      return type != Type.BOOLEAN && type != Type.OBJECT && value == v;
    }
  }

  record Ref(Var var) implements Expr {
    @Override
    public Type type() {
      return var.type();
    }
  }

  record Unary(Op op, Expr operand) implements Expr {
    @Override
    public Type type() {
      if (op == Op.NOT) {
        return Type.BOOLEAN;
      }
      return operand.type() == Type.CHAR ? Type.INT : operand.type(); // -c is an int
    }
  }

  /**
   * {@code type} is derived from the operands, computed once here: recomputing it on every call
   * walked the whole left spine of a long chain such as {@code a + b + c + ...}, which made
   * lowering quadratic and its recursion as deep as the chain.
   */
  record Binary(Op op, Expr left, Expr right, Type type) implements Expr {
    public Binary {
      type = typeOf(op, left, right); // whatever was passed: the type always follows the operands
    }

    public Binary(Op op, Expr left, Expr right) {
      this(op, left, right, null);
    }

    private static Type typeOf(Op op, Expr left, Expr right) {
      if (op.isComparison() || op.isLogical()) {
        return Type.BOOLEAN;
      }
      if (op.isShift()) {
        return Type.promote(left.type(), Type.INT);
      }
      if (op.isBitwise() && left.type() == Type.BOOLEAN) {
        return Type.BOOLEAN; // a non-short-circuit & | ^ on booleans
      }
      return Type.promote(left.type(), right.type());
    }
  }

  /** A call to a function of the rules table, e.g. {@code Math.exp}. */
  record Call(String owner, String name, List<Expr> args, Type type) implements Expr {
    public Call {
      args = List.copyOf(args);
    }
  }

  record Cond(Expr condition, Expr then, Expr otherwise) implements Expr {
    @Override
    public Type type() {
      if (then.type() == Type.CHAR && otherwise.type() == Type.CHAR) {
        return Type.CHAR;
      }
      return then.type() == Type.BOOLEAN ? Type.BOOLEAN : Type.promote(then.type(), otherwise.type());
    }
  }

  record Cast(Type type, Expr operand) implements Expr {}

  /** {@code array[index]}: an element of a {@code double[]} or {@code int[]}, or a matrix row. */
  record Index(Expr array, Expr index) implements Expr {
    @Override
    public Type type() {
      return array.type().elementType();
    }
  }

  /** {@code array.length}. */
  record Length(Expr array) implements Expr {
    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** {@code new double[rows]} or {@code new double[rows][columns]}, filled with zeros. */
  record NewArray(Type type, List<Expr> dimensions) implements Expr {
    public NewArray {
      dimensions = List.copyOf(dimensions);
    }
  }

  /**
   * Takes the value pushed last of this type from the method's stacks. Has an effect: the
   * optimizer never moves, copies or drops it.
   */
  record Pop(Type type) implements Expr {}

  /**
   * A call of a method outside the rules table.
   *
   * What is called, not how its derivative is computed: a mode's transform asks the
   * derivative registry ({@code rules/DerivativeRegistry}) for that.
   *
   * @param kind how the call is differentiated
   * @param owner the callee's class
   * @param independents the callee's differentiated parameter positions
   * @param records the records passed whole, their leaves among {@code args}
   */
  record Invoke(Kind kind, ClassRef owner, String name, List<Expr> args,
      List<Integer> independents, Type type, List<RecordArg> records) implements Expr {

    /** How a call is differentiated. */
    public enum Kind {
      /** A {@code @Differentiable} method: its generated pullback, scalar gradients in a buffer. */
      DIFFERENTIABLE,
      /** A helper returning int, long or boolean: no derivative. */
      HELPER,
      /**
       * A function with a hand-written pullback beside it ({@code LinearAlgebra.matMul} and
       * {@code matMulPullback}): {@code fPullback(args, result, resultBar, argBars)}.
       */
      KERNEL,
      /** A pullback call in a backward sweep: it adds into adjoints, so it has an effect. */
      PULLBACK
    }

    public Invoke {
      args = List.copyOf(args);
      independents = List.copyOf(independents);
      records = List.copyOf(records);
    }

    /** A call taking no record whole. */
    public Invoke(Kind kind, ClassRef owner, String name, List<Expr> args,
        List<Integer> independents, Type type) {
      this(kind, owner, name, args, independents, type, List.of());
    }

    public Invoke withArgs(List<Expr> newArgs) {
      return new Invoke(kind, owner, name, newArgs, independents, type, records);
    }

    /** The record passed whole that argument {@code i} is a leaf of; null if none. */
    public RecordArg recordAt(int i) {
      for (RecordArg r : records) {
        if (r.covers(i)) {
          return r;
        }
      }
      return null;
    }
  }

  /** A placeholder in a rule template: argument {@code index}, or the call's result if -1. */
  record Hole(int index) implements Expr {
    public static final int RESULT = -1;

    @Override
    public Type type() {
      return Type.DOUBLE;
    }
  }
}
