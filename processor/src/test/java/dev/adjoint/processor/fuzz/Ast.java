package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of generated programs: an immutable tree over the subset Adjoint supports. Every node
 * lists its children ({@link Node#kids()}) and rebuilds itself from new ones ({@link
 * Node#withKids(List)}), which is all the {@link Shrinker} needs to rewrite any position. Names
 * (variables, arrays, methods) are plain strings: the generator keeps them unique per method, so
 * flattening a block never clashes.
 *
 * <p>Four sorts: {@link Expr} (double-valued), {@link IExpr} (int-valued), {@link Cond} (boolean)
 * and {@link Stmt}; {@link Arg} is what a call may take (an expression or an array name).
 */
final class Ast {

  private Ast() {}

  /** Any node. */
  sealed interface Node permits Arg, Cond, Stmt {
    List<Node> kids();

    Node withKids(List<Node> kids);

    /** Nodes in this subtree, itself included. */
    default int nodeCount() {
      int n = 1;
      for (Node k : kids()) {
        n += k.nodeCount();
      }
      return n;
    }
  }

  /** A call argument: a double or int expression, or an array passed by name. */
  sealed interface Arg extends Node permits Expr, IExpr, ArrayName, ChoiceArg {}

  /** A {@code double}-valued expression. */
  sealed interface Expr extends Arg
      permits Num, Var, Bin, Neg, MathCall, Ternary, Read, Read2, ToDouble, Call, Kernel,
          ShadowCall, Named, SwitchValue, Constant, TableRead, CustomCall, Apply, PassFunction {}

  /** An {@code int}-valued expression. */
  sealed interface IExpr extends Arg
      permits IConst, IVar, IBin, Length, ToInt, IHelper, IMath, INamed, IRound, PostStep {}

  /** A {@code boolean} expression. */
  sealed interface Cond extends Node
      permits Cmp, ICmp, And, Or, Not, BoolConst, BoolVar, BoolHelper, ObjCmp {}

  /** A statement. */
  sealed interface Stmt extends Node
      permits Block, DeclDouble, DeclInt, DeclBool, DeclArray, DeclMatrix, DeclKernel, DeclRow,
          Assign, IAssign, Step, Store, Store2, If, For, While, ForEach, ForEachRow, Break,
          Continue, Return, DeclChoice, Chain, RebindKernel,
          Reallocate, Switch, DeclInit, CountDown, CountedFor, Assert, DeclCopy, Fill, ArrayCopy,
          FillRange, ObjSwitch, DeclFunction, RowAssign, WriteCall {}

  /**
   * {@code matrix[row] = value;}, a whole row given a new array (issue 10): {@code fn} is a
   * kernel or vector helper called with {@code args}, {@code "clone"} of the one array argument,
   * or {@code "new"}, an initializer of the double arguments.
   */
  record RowAssign(String matrix, IExpr row, String fn, List<Arg> args) implements Stmt {
    public List<Node> kids() {
      List<Node> k = new ArrayList<>(List.of(row));
      k.addAll(args);
      return k;
    }

    public Node withKids(List<Node> k) {
      return new RowAssign(matrix, (IExpr) k.get(0), fn,
          cast(k.subList(1, k.size()), Arg.class));
    }
  }

  /** {@code wrAxpy(x, v, p);}: a void helper writing into v ({@link WritingHelpers}). */
  record WriteCall(String fn, String read, String written, Expr p) implements Stmt {
    public List<Node> kids() {
      return List.of(p);
    }

    public Node withKids(List<Node> k) {
      return new WriteCall(fn, read, written, (Expr) k.get(0));
    }
  }

  /** {@code java.util.Arrays.fill(array, value);} (issue 10). */
  record Fill(String array, Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(value);
    }

    public Node withKids(List<Node> k) {
      return new Fill(array, (Expr) k.get(0));
    }
  }

  /**
   * {@code System.arraycopy(source, from, target, to, count);} (issue 10): source and target may
   * be one array, overlapping; {@code computed} prints the positions as {@code Math.max(p, 0)},
   * so the processor cannot see the direction of the copy.
   */
  record ArrayCopy(String source, int from, String target, int to, int count, boolean computed)
      implements Stmt {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code java.util.Arrays.fill(array, from, to, value);} (issue 10). */
  record FillRange(String array, int from, int to, Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(value);
    }

    public Node withKids(List<Node> k) {
      return new FillRange(array, from, to, (Expr) k.get(0));
    }
  }

  /**
   * {@code double[] name = source.clone();}, or {@code Arrays.copyOf(source, length)}, or
   * {@code Arrays.copyOfRange(source, from, from + length)} (issue 10).
   */
  record DeclCopy(String name, String source, String how, int from, int length)
      implements Stmt {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // double expressions

  record Num(double value) implements Expr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** A double local, parameter or for-each variable. */
  record Var(String name) implements Expr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code a op b} for {@code + - * /}. */
  record Bin(String op, Expr a, Expr b) implements Expr {
    public List<Node> kids() {
      return List.of(a, b);
    }

    public Node withKids(List<Node> k) {
      return new Bin(op, (Expr) k.get(0), (Expr) k.get(1));
    }
  }

  record Neg(Expr a) implements Expr {
    public List<Node> kids() {
      return List.of(a);
    }

    public Node withKids(List<Node> k) {
      return new Neg((Expr) k.get(0));
    }
  }

  /** {@code Math.fn(args)}. */
  record MathCall(String fn, List<Expr> args) implements Expr {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new MathCall(fn, cast(k, Expr.class));
    }
  }

  record Ternary(Cond c, Expr a, Expr b) implements Expr {
    public List<Node> kids() {
      return List.of(c, a, b);
    }

    public Node withKids(List<Node> k) {
      return new Ternary((Cond) k.get(0), (Expr) k.get(1), (Expr) k.get(2));
    }
  }

  /** {@code array[index]}. */
  record Read(String array, IExpr index) implements Expr {
    public List<Node> kids() {
      return List.of(index);
    }

    public Node withKids(List<Node> k) {
      return new Read(array, (IExpr) k.get(0));
    }
  }

  /** {@code matrix[i][j]}. */
  record Read2(String matrix, IExpr i, IExpr j) implements Expr {
    public List<Node> kids() {
      return List.of(i, j);
    }

    public Node withKids(List<Node> k) {
      return new Read2(matrix, (IExpr) k.get(0), (IExpr) k.get(1));
    }
  }

  /** {@code (double) e}. */
  record ToDouble(IExpr e) implements Expr {
    public List<Node> kids() {
      return List.of(e);
    }

    public Node withKids(List<Node> k) {
      return new ToDouble((IExpr) k.get(0));
    }
  }

  /** A call of another generated method of the same class. */
  record Call(String method, List<Arg> args) implements Expr {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new Call(method, cast(k, Arg.class));
    }
  }

  /** A scalar-valued {@code LinearAlgebra} kernel: {@code LinearAlgebra.dot(x, y)}. */
  record Kernel(String fn, List<Arg> args) implements Expr {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new Kernel(fn, cast(k, Arg.class));
    }
  }

  /** An array (or matrix) variable passed as a call argument. */
  record ArrayName(String name) implements Arg {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code (c ? a : b)}: an array chosen by a ternary, passed as a kernel's argument. */
  record ChoiceArg(Cond c, String a, String b) implements Arg {
    public List<Node> kids() {
      return List.of(c);
    }

    public Node withKids(List<Node> k) {
      return new ChoiceArg((Cond) k.get(0), a, b);
    }
  }

  /** {@code double[] name = c ? a : b;}: a read-only alias of one of two arrays (or matrices). */
  record DeclChoice(String name, boolean matrix, Cond c, String a, String b) implements Stmt {
    public List<Node> kids() {
      return List.of(c);
    }

    public Node withKids(List<Node> k) {
      return new DeclChoice(name, matrix, (Cond) k.get(0), a, b);
    }
  }

  /** {@code x = y = z = value;}: chained assignment of doubles. */
  record Chain(List<String> names, Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(value);
    }

    public Node withKids(List<Node> k) {
      return new Chain(names, (Expr) k.get(0));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // int expressions

  record IConst(int value) implements IExpr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  record IVar(String name) implements IExpr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code a op b} for {@code + - * %}. */
  record IBin(String op, IExpr a, IExpr b) implements IExpr {
    public List<Node> kids() {
      return List.of(a, b);
    }

    public Node withKids(List<Node> k) {
      return new IBin(op, (IExpr) k.get(0), (IExpr) k.get(1));
    }
  }

  /** {@code array.length}. */
  record Length(String array) implements IExpr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code (int) e}. */
  record ToInt(Expr e) implements IExpr {
    public List<Node> kids() {
      return List.of(e);
    }

    public Node withKids(List<Node> k) {
      return new ToInt((Expr) k.get(0));
    }
  }

  /**
   * A call of a plain {@code static int} helper of the class ({@link JavaPrinter#MIX}): index
   * arithmetic, passed through by Adjoint.
   */
  record IHelper(String name, List<IExpr> args) implements IExpr {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new IHelper(name, cast(k, IExpr.class));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // conditions

  /** {@code a op b} over doubles, {@code op} one of {@code < <= > >=}. */
  record Cmp(String op, Expr a, Expr b) implements Cond {
    public List<Node> kids() {
      return List.of(a, b);
    }

    public Node withKids(List<Node> k) {
      return new Cmp(op, (Expr) k.get(0), (Expr) k.get(1));
    }
  }

  /** {@code a op b} over ints, {@code op} one of {@code < <= > >= == !=}. */
  record ICmp(String op, IExpr a, IExpr b) implements Cond {
    public List<Node> kids() {
      return List.of(a, b);
    }

    public Node withKids(List<Node> k) {
      return new ICmp(op, (IExpr) k.get(0), (IExpr) k.get(1));
    }
  }

  record And(Cond a, Cond b) implements Cond {
    public List<Node> kids() {
      return List.of(a, b);
    }

    public Node withKids(List<Node> k) {
      return new And((Cond) k.get(0), (Cond) k.get(1));
    }
  }

  record Or(Cond a, Cond b) implements Cond {
    public List<Node> kids() {
      return List.of(a, b);
    }

    public Node withKids(List<Node> k) {
      return new Or((Cond) k.get(0), (Cond) k.get(1));
    }
  }

  record Not(Cond a) implements Cond {
    public List<Node> kids() {
      return List.of(a);
    }

    public Node withKids(List<Node> k) {
      return new Not((Cond) k.get(0));
    }
  }

  record BoolConst(boolean value) implements Cond {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  record BoolVar(String name) implements Cond {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** A call of a plain {@code static boolean} helper of the class ({@link JavaPrinter#EVEN}). */
  record BoolHelper(String name, IExpr arg) implements Cond {
    public List<Node> kids() {
      return List.of(arg);
    }

    public Node withKids(List<Node> k) {
      return new BoolHelper(name, (IExpr) k.get(0));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // statements

  /** A braced block (the body of a method, branch or loop). */
  record Block(List<Stmt> stmts) implements Stmt {
    Block {
      stmts = List.copyOf(stmts);
    }

    static Block of(Stmt... s) {
      return new Block(List.of(s));
    }

    public List<Node> kids() {
      return List.copyOf(stmts);
    }

    public Node withKids(List<Node> k) {
      return new Block(cast(k, Stmt.class));
    }
  }

  record DeclDouble(String name, Expr init) implements Stmt {
    public List<Node> kids() {
      return List.of(init);
    }

    public Node withKids(List<Node> k) {
      return new DeclDouble(name, (Expr) k.get(0));
    }
  }

  /** {@code int name = init;} or, when {@code isLong}, {@code long name = init;}. */
  record DeclInt(String name, IExpr init, boolean isLong) implements Stmt {
    DeclInt(String name, IExpr init) {
      this(name, init, false);
    }

    public List<Node> kids() {
      return List.of(init);
    }

    public Node withKids(List<Node> k) {
      return new DeclInt(name, (IExpr) k.get(0), isLong);
    }
  }

  record DeclBool(String name, Cond init) implements Stmt {
    public List<Node> kids() {
      return List.of(init);
    }

    public Node withKids(List<Node> k) {
      return new DeclBool(name, (Cond) k.get(0));
    }
  }

  /** {@code double[] name = new double[size];} */
  record DeclArray(String name, IExpr size) implements Stmt {
    public List<Node> kids() {
      return List.of(size);
    }

    public Node withKids(List<Node> k) {
      return new DeclArray(name, (IExpr) k.get(0));
    }
  }

  /** {@code double[][] name = new double[rows][cols];} */
  /** {@code double[][] name = new double[rows][cols];}, or {@code [rows][]} without cols. */
  record DeclMatrix(String name, IExpr rows, IExpr cols) implements Stmt {
    public List<Node> kids() {
      return cols == null ? List.of(rows) : List.of(rows, cols);
    }

    public Node withKids(List<Node> k) {
      return new DeclMatrix(name, (IExpr) k.get(0), cols == null ? null : (IExpr) k.get(1));
    }
  }

  /** {@code double[] name = LinearAlgebra.fn(args);} ({@code double[][]} when {@code matrix}). */
  record DeclKernel(String name, boolean matrix, String fn, List<Arg> args) implements Stmt {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new DeclKernel(name, matrix, fn, cast(k, Arg.class));
    }
  }

  /** {@code double[] name = matrix[row];} (a read-only alias). */
  record DeclRow(String name, String matrix, IExpr row) implements Stmt {
    public List<Node> kids() {
      return List.of(row);
    }

    public Node withKids(List<Node> k) {
      return new DeclRow(name, matrix, (IExpr) k.get(0));
    }
  }

  /** {@code name = LinearAlgebra.fn(args);}: an array or matrix variable rebound. */
  record RebindKernel(String name, String fn, List<Arg> args) implements Stmt {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new RebindKernel(name, fn, cast(k, Arg.class));
    }
  }

  /** {@code name = new double[size];} ({@code [size][size]} when {@code matrix}): rebound. */
  record Reallocate(String name, boolean matrix, IExpr size) implements Stmt {
    public List<Node> kids() {
      return List.of(size);
    }

    public Node withKids(List<Node> k) {
      return new Reallocate(name, matrix, (IExpr) k.get(0));
    }
  }

  /** {@code name op value;} with {@code op} one of {@code = += -= *= /=}. */
  record Assign(String name, String op, Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(value);
    }

    public Node withKids(List<Node> k) {
      return new Assign(name, op, (Expr) k.get(0));
    }
  }

  /** {@code name op value;} on an int, {@code op} one of {@code = +=}. */
  record IAssign(String name, String op, IExpr value) implements Stmt {
    public List<Node> kids() {
      return List.of(value);
    }

    public Node withKids(List<Node> k) {
      return new IAssign(name, op, (IExpr) k.get(0));
    }
  }

  /** {@code name++;} or {@code name--;} (int or double). */
  record Step(String name, String op) implements Stmt {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code array[index] op value;} */
  record Store(String array, IExpr index, String op, Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(index, value);
    }

    public Node withKids(List<Node> k) {
      return new Store(array, (IExpr) k.get(0), op, (Expr) k.get(1));
    }
  }

  /** {@code matrix[i][j] op value;} */
  record Store2(String matrix, IExpr i, IExpr j, String op, Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(i, j, value);
    }

    public Node withKids(List<Node> k) {
      return new Store2(matrix, (IExpr) k.get(0), (IExpr) k.get(1), op, (Expr) k.get(2));
    }
  }

  /** {@code if (c) then else otherwise}; no else when {@code otherwise} is empty. */
  record If(Cond c, Block then, Block otherwise) implements Stmt {
    public List<Node> kids() {
      return List.of(c, then, otherwise);
    }

    public Node withKids(List<Node> k) {
      return new If((Cond) k.get(0), (Block) k.get(1), (Block) k.get(2));
    }
  }

  /** {@code for (int v = 0; v < bound [&& extra]; v++) body} ({@code long v} if {@code isLong}). */
  record For(String var, IExpr bound, Cond extra, Block body, boolean isLong) implements Stmt {
    For(String var, IExpr bound, Cond extra, Block body) {
      this(var, bound, extra, body, false);
    }

    public List<Node> kids() {
      return extra == null ? List.of(bound, body) : List.of(bound, extra, body);
    }

    public Node withKids(List<Node> k) {
      return extra == null
          ? new For(var, (IExpr) k.get(0), null, (Block) k.get(1), isLong)
          : new For(var, (IExpr) k.get(0), (Cond) k.get(1), (Block) k.get(2), isLong);
    }
  }

  /**
   * {@code int counter = 0; while (counter < bound [&& extra]) { counter++; body }}, or the
   * {@code do { counter++; body } while (...)} form. The counter is stepped first so that a
   * {@code continue} in the body cannot skip it: every loop terminates.
   */
  record While(String counter, IExpr bound, Cond extra, Block body, boolean doWhile)
      implements Stmt {
    public List<Node> kids() {
      return extra == null ? List.of(bound, body) : List.of(bound, extra, body);
    }

    public Node withKids(List<Node> k) {
      return extra == null
          ? new While(counter, (IExpr) k.get(0), null, (Block) k.get(1), doWhile)
          : new While(counter, (IExpr) k.get(0), (Cond) k.get(1), (Block) k.get(2), doWhile);
    }
  }

  /** {@code for (double var : array) body}. */
  record ForEach(String var, String array, Block body) implements Stmt {
    public List<Node> kids() {
      return List.of(body);
    }

    public Node withKids(List<Node> k) {
      return new ForEach(var, array, (Block) k.get(0));
    }
  }

  /** {@code for (double[] var : matrix) body}. */
  record ForEachRow(String var, String matrix, Block body) implements Stmt {
    public List<Node> kids() {
      return List.of(body);
    }

    public Node withKids(List<Node> k) {
      return new ForEachRow(var, matrix, (Block) k.get(0));
    }
  }

  record Break() implements Stmt {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  record Continue() implements Stmt {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  record Return(Expr value) implements Stmt {
    public List<Node> kids() {
      return List.of(value);
    }

    public Node withKids(List<Node> k) {
      return new Return((Expr) k.get(0));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // names and library functions (a generation option of their own)

  /**
   * {@code fn(arg)}: the program's own function named like a Math function ({@link
   * JavaPrinter#SHADOWS}), imported by a single-static-import beside {@code import static
   * java.lang.Math.*}; javac calls the program's, so Adjoint must.
   */
  record ShadowCall(String fn, Expr arg) implements Expr {
    public List<Node> kids() {
      return List.of(arg);
    }

    public Node withKids(List<Node> k) {
      return new ShadowCall(fn, (Expr) k.get(0));
    }
  }

  /**
   * {@code Custom.fn(args)}: a function of several doubles with its own {@code @DerivativeOf}
   * pullback (slots in {@code grad}), in the program's nested class ({@link
   * JavaPrinter#CUSTOM}).
   */
  record CustomCall(String fn, List<Expr> args) implements Expr {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new CustomCall(fn, cast(k, Expr.class));
    }
  }

  /** A library constant by its name, e.g. {@code Double.MIN_NORMAL}. */
  record Named(String name) implements Expr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /**
   * A {@code static final double} of the class ({@link JavaPrinter#CONSTANTS}), by its name or
   * qualified by the class's.
   */
  record Constant(String name, boolean qualified) implements Expr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code TABLE[index]}: the class's table ({@link JavaPrinter#TABLE}). */
  record TableRead(IExpr index) implements Expr {
    public List<Node> kids() {
      return List.of(index);
    }

    public Node withKids(List<Node> k) {
      return new TableRead((IExpr) k.get(0));
    }
  }

  /** {@code Math.fn(args)} over ints and longs: {@code abs max min floorMod floorDiv}. */
  record IMath(String fn, List<IExpr> args) implements IExpr {
    public List<Node> kids() {
      return List.copyOf(args);
    }

    public Node withKids(List<Node> k) {
      return new IMath(fn, cast(k, IExpr.class));
    }
  }

  /**
   * An int computed from {@code Integer} and {@code Long} constants, as Java text ({@code
   * Integer.MAX_VALUE % 7}): exact only in int and long arithmetic.
   */
  record INamed(String text) implements IExpr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** {@code (int) Math.round(e)}. */
  record IRound(Expr e) implements IExpr {
    public List<Node> kids() {
      return List.of(e);
    }

    public Node withKids(List<Node> k) {
      return new IRound((Expr) k.get(0));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // everyday statements: switch, array initializers, ++ inside expressions

  /**
   * A switch statement on an int: {@code labels.get(k)} select {@code bodies.get(k)}, anything
   * else {@code otherwise}; colon form (each case ending in {@code break}) or arrow form; with
   * {@code chars}, on the char {@code 'a' + selector} with labels {@code 'a' + label}.
   */
  record Switch(IExpr selector, List<List<Integer>> labels, List<Block> bodies, Block otherwise,
      boolean arrow, boolean chars) implements Stmt {
    public List<Node> kids() {
      List<Node> k = new ArrayList<>();
      k.add(selector);
      k.addAll(bodies);
      k.add(otherwise);
      return k;
    }

    public Node withKids(List<Node> k) {
      return new Switch((IExpr) k.get(0), labels, cast(k.subList(1, k.size() - 1), Block.class),
          (Block) k.get(k.size() - 1), arrow, chars);
    }
  }

  /** A switch expression on an int, arrow form: {@code values.get(k)}, else {@code otherwise}. */
  record SwitchValue(IExpr selector, List<List<Integer>> labels, List<Expr> values,
      Expr otherwise) implements Expr {
    public List<Node> kids() {
      List<Node> k = new ArrayList<>();
      k.add(selector);
      k.addAll(values);
      k.add(otherwise);
      return k;
    }

    public Node withKids(List<Node> k) {
      return new SwitchValue((IExpr) k.get(0), labels,
          cast(k.subList(1, k.size() - 1), Expr.class), (Expr) k.get(k.size() - 1));
    }
  }

  /** {@code double[] name = {elements}}. */
  record DeclInit(String name, List<Expr> elements) implements Stmt {
    public List<Node> kids() {
      return List.copyOf(elements);
    }

    public Node withKids(List<Node> k) {
      return new DeclInit(name, cast(k, Expr.class));
    }
  }

  /** {@code int counter = bound; while (counter-- > 0) body}. */
  record CountDown(String counter, IExpr bound, Block body) implements Stmt {
    public List<Node> kids() {
      return List.of(bound, body);
    }

    public Node withKids(List<Node> k) {
      return new CountDown(counter, (IExpr) k.get(0), (Block) k.get(1));
    }
  }

  /**
   * {@code for (int v = from; v op bound; v += step)} ({@code -=} for {@code >}, {@code >=}):
   * the shapes whose backward sweep derives its trip count, starting at an enclosing index
   * (triangular), descending, by steps of 2 or 3, inclusive.
   */
  record CountedFor(String var, IExpr from, String op, IExpr bound, int step, Block body)
      implements Stmt {
    public List<Node> kids() {
      return List.of(from, bound, body);
    }

    public Node withKids(List<Node> k) {
      return new CountedFor(var, (IExpr) k.get(0), op, (IExpr) k.get(1), step, (Block) k.get(2));
    }
  }

  /** {@code assert c || !c;}: true whatever {@code c} is, as the primal runs with -ea. */
  record Assert(Cond c) implements Stmt {
    public List<Node> kids() {
      return List.of(c);
    }

    public Node withKids(List<Node> k) {
      return new Assert((Cond) k.get(0));
    }
  }

  /** {@code name++} inside an expression: the old value, and the int local incremented. */
  record PostStep(String name) implements IExpr {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // enum and String parameters (issue 10; ObjectValues)

  /**
   * {@code name == java.math.RoundingMode.C} ({@code !=} if {@code flipped}), or for a String
   * {@code name.equals("c")} ({@code "c".equals(name)} if {@code flipped}).
   */
  record ObjCmp(String name, boolean text, String constant, boolean flipped) implements Cond {
    public List<Node> kids() {
      return List.of();
    }

    public Node withKids(List<Node> k) {
      return this;
    }
  }

  /** A switch statement on an enum or String parameter, colon or arrow form. */
  record ObjSwitch(String selector, boolean text, List<List<String>> labels, List<Block> bodies,
      Block otherwise, boolean arrow) implements Stmt {
    public List<Node> kids() {
      List<Node> k = new ArrayList<>(bodies);
      k.add(otherwise);
      return k;
    }

    public Node withKids(List<Node> k) {
      return new ObjSwitch(selector, text, labels, cast(k.subList(0, k.size() - 1), Block.class),
          (Block) k.get(k.size() - 1), arrow);
    }
  }

  // local functions (issue 10; LocalFunctions)

  /** {@code java.util.function.DoubleUnaryOperator name = param -> body;} */
  record DeclFunction(String name, String param, Expr body) implements Stmt {
    public List<Node> kids() {
      return List.of(body);
    }

    public Node withKids(List<Node> k) {
      return new DeclFunction(name, param, (Expr) k.get(0));
    }
  }

  /** {@code function.applyAsDouble(arg)}. */
  record Apply(String function, Expr arg) implements Expr {
    public List<Node> kids() {
      return List.of(arg);
    }

    public Node withKids(List<Node> k) {
      return new Apply(function, (Expr) k.get(0));
    }
  }

  /**
   * {@code helper(function, arg)} or {@code helper(param -> body, arg)}, with {@code , count}
   * for a helper that takes one: a function passed to a plain method ({@link FunctionHelpers}).
   * {@code function} is a local function's name, or null for the lambda {@code param -> body}.
   */
  record PassFunction(String helper, String function, String param, Expr body, Expr arg,
      int count) implements Expr {
    public List<Node> kids() {
      return body == null ? List.of(arg) : List.of(body, arg);
    }

    public Node withKids(List<Node> k) {
      return body == null ? new PassFunction(helper, function, null, null, (Expr) k.get(0), count)
          : new PassFunction(helper, null, param, (Expr) k.get(0), (Expr) k.get(1), count);
    }
  }

  // ---------------------------------------------------------------------------------------------

  static <T> List<T> cast(List<Node> nodes, Class<T> type) {
    List<T> out = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      out.add(type.cast(n));
    }
    return List.copyOf(out);
  }
}
