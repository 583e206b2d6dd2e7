package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.And;
import dev.adjoint.processor.fuzz.Ast.Arg;
import dev.adjoint.processor.fuzz.Ast.ArrayName;
import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Bin;
import dev.adjoint.processor.fuzz.Ast.Block;
import dev.adjoint.processor.fuzz.Ast.BoolHelper;
import dev.adjoint.processor.fuzz.Ast.BoolVar;
import dev.adjoint.processor.fuzz.Ast.Break;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cmp;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Continue;
import dev.adjoint.processor.fuzz.Ast.DeclArray;
import dev.adjoint.processor.fuzz.Ast.DeclBool;
import dev.adjoint.processor.fuzz.Ast.DeclDouble;
import dev.adjoint.processor.fuzz.Ast.DeclInt;
import dev.adjoint.processor.fuzz.Ast.DeclKernel;
import dev.adjoint.processor.fuzz.Ast.DeclMatrix;
import dev.adjoint.processor.fuzz.Ast.DeclRow;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.For;
import dev.adjoint.processor.fuzz.Ast.ForEach;
import dev.adjoint.processor.fuzz.Ast.ForEachRow;
import dev.adjoint.processor.fuzz.Ast.IAssign;
import dev.adjoint.processor.fuzz.Ast.IBin;
import dev.adjoint.processor.fuzz.Ast.ICmp;
import dev.adjoint.processor.fuzz.Ast.IConst;
import dev.adjoint.processor.fuzz.Ast.IExpr;
import dev.adjoint.processor.fuzz.Ast.IHelper;
import dev.adjoint.processor.fuzz.Ast.IMath;
import dev.adjoint.processor.fuzz.Ast.INamed;
import dev.adjoint.processor.fuzz.Ast.IRound;
import dev.adjoint.processor.fuzz.Ast.Named;
import dev.adjoint.processor.fuzz.Ast.ShadowCall;
import dev.adjoint.processor.fuzz.Ast.IVar;
import dev.adjoint.processor.fuzz.Ast.If;
import dev.adjoint.processor.fuzz.Ast.Kernel;
import dev.adjoint.processor.fuzz.Ast.Length;
import dev.adjoint.processor.fuzz.Ast.MathCall;
import dev.adjoint.processor.fuzz.Ast.Neg;
import dev.adjoint.processor.fuzz.Ast.Not;
import dev.adjoint.processor.fuzz.Ast.Num;
import dev.adjoint.processor.fuzz.Ast.Or;
import dev.adjoint.processor.fuzz.Ast.Read;
import dev.adjoint.processor.fuzz.Ast.Read2;
import dev.adjoint.processor.fuzz.Ast.Reallocate;
import dev.adjoint.processor.fuzz.Ast.RebindKernel;
import dev.adjoint.processor.fuzz.Ast.Return;
import dev.adjoint.processor.fuzz.Ast.Step;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Store;
import dev.adjoint.processor.fuzz.Ast.Store2;
import dev.adjoint.processor.fuzz.Ast.Ternary;
import dev.adjoint.processor.fuzz.Ast.ToDouble;
import dev.adjoint.processor.fuzz.Ast.ToInt;
import dev.adjoint.processor.fuzz.Ast.Var;
import dev.adjoint.processor.fuzz.Ast.While;
import dev.adjoint.processor.fuzz.Program.Method;
import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Seeded random programs over the subset Adjoint supports. {@link #generate(long)} is a pure
 * function of the seed, so a failure is replayed from its seed alone.
 *
 * <p>Programs are valid Java by construction: names are unique per method, every local is
 * initialized, {@code break}/{@code continue}/{@code return} only end a conditional block, and
 * every loop terminates (a counter with a small bound guards every loop, data-dependent
 * conditions are extra conjuncts). They stay in bounds: array and matrix sizes are one length
 * {@code L} per program, and every index is a constant, a loop variable known to be below
 * {@code L}, or reduced {@code % a.length}. They stay in the functions' domains by construction
 * ({@code log(1 + e*e)}, {@code asin(0.9 * tanh(e))}, {@code pow(2 + sin(e), y)}, ...); what
 * remains (overflow, a singular matrix, a point near a kink) the {@link Checker} rejects per
 * point. They respect the subset's rules: an array passed to a call or kernel is not written
 * afterwards (nor in a loop around the call, unless that loop creates it anew each iteration:
 * arrays and kernel results are declared inside loops too), a row alias's index
 * does not change, an argument for a parameter outside the callee's {@code wrt} is a constant.
 *
 * <p>Shape of a program: {@code f(x0.., [int n], [double[] a0, a1], [double[][] M], [boolean
 * flag], [long m])} (parameters shuffled, sometimes a {@code wrt} subset), and possibly helpers
 * {@code h1}/{@code h2} (a {@code wrt} subset sometimes; {@code h2} calls {@code h1}) or a
 * recursive {@code r1(p, d)} (or {@code r1} and {@code r2} calling each other); in loops, a
 * helper's array argument may be any array, written after the call too (the call is split and
 * the array copied for its reverse half); plain {@code int mix(int, int)} and {@code boolean even(int)}
 * helpers for index arithmetic; some classes import {@code Math.*} statically. Options of
 * their own: functions of the program's own named like Math's ({@code exp sin cos tanh atan}),
 * imported by single-static-import beside {@code Math.*} ({@link ShadowCall}); library constants
 * ({@code Double.MIN_NORMAL}, {@code Integer.MAX_VALUE % 7}, ...), Math's integer functions
 * ({@code floorMod floorDiv abs max min}, {@code round}) in index arithmetic, and {@code fma}.
 */
final class ProgramGenerator {

  /**
   * Processor bugs the generator steers around, so that the normal test run stays green while
   * each has a test in {@link RegressionTest} (disabled while open). {@code
   * -Dadjoint.fuzz.knownBugs=generate} generates all of them anyway, {@code
   * -Dadjoint.fuzz.knownBugs=NAME,...} the ones listed. When a bug is fixed, delete its constant
   * here and the generator covers the construct again.
   */
  enum KnownBug {
    /**
     * A stateful int helper ({@link JavaPrinter#TICK}) in a {@code @Differentiable} method that
     * another one calls: the caller runs the callee forwards, then its pullback, which runs the
     * callee's forward sweep again, so the helper runs twice and the second run sees other state
     * ({@code RegressionTest.statefulHelperInCallee}). Avoided: only the entry point {@code f}
     * calls the stateful helper.
     */
    STATEFUL_HELPER_IN_CALLEE;

    private static final Set<KnownBug> GENERATED = generated();

    private static Set<KnownBug> generated() {
      String p = System.getProperty("adjoint.fuzz.knownBugs", "").trim();
      Set<KnownBug> out = new HashSet<>();
      for (KnownBug b : values()) {
        if (p.equals("generate") || List.of(p.split("\\s*,\\s*")).contains(b.name())) {
          out.add(b);
        }
      }
      return out;
    }

    /** Whether the generator steers around this bug. */
    boolean avoided() {
      return !GENERATED.contains(this);
    }
  }

  private final Random r;
  private final long seed;
  /** Its own stream, so programs without a long chain stay what they were before chains. */
  private final Random chains;
  /** Its own stream, so programs without a call returning double[] stay what they were. */
  private final Random vectors;
  /**
   * Its own stream: whether the program passes functions to {@link FunctionHelpers}, so programs
   * that do not stay what they were.
   */
  private final boolean passFunctions;
  private final Random passing;
  /** The main method's read-only locals its passed lambdas capture. */
  private final List<String> captured = new ArrayList<>();
  /** Nodes of this attempt's long chain: not counted against {@link #MAX_SIZE}. */
  private int chainNodes;
  private final int length;
  private final boolean staticImport;
  /** Calls of the program's own functions named like Math's ({@link ShadowCall}). */
  private final boolean shadowing;
  /** Library constants and Math's integer functions ({@link #library(int)}, {@link IMath}). */
  private final boolean library;
  /** Reads of the class's static final constants ({@link Ast.Constant}, {@link Ast.TableRead}). */
  private final boolean constants;
  /** The option of user names like generated ones; see {@link GeneratedLikeNames}. */
  private final GeneratedLikeNames likeGenerated;

  // per method
  private Env env;
  private int names;
  private List<Method> callable = List.of();
  private String self;

  private ProgramGenerator(long seed) {
    this.seed = seed;
    this.r = new Random(seed);
    this.chains = new Random(seed ^ 0x5DEECE66DL);
    // Mixed: the first draws of Randoms of neighbouring seeds are alike.
    this.vectors = new Random(new java.util.SplittableRandom(seed ^ 0x7EC7025L).nextLong());
    this.length = 1 + r.nextInt(4);
    this.staticImport = r.nextDouble() < 0.15;
    this.shadowing = r.nextDouble() < 0.15;
    this.library = r.nextDouble() < 0.25;
    this.likeGenerated = GeneratedLikeNames.forSeed(seed);
    // Its own stream, so that programs without constants stay what their seeds gave before.
    this.constants = new Random(seed ^ 0xC0257L).nextDouble() < 0.3;
    this.passing = new Random(new java.util.SplittableRandom(seed ^ 0xF0AC7L).nextLong());
    this.passFunctions = passing.nextDouble() < 0.15;
  }

  static Program generate(long seed) {
    return new ProgramGenerator(seed).program();
  }

  // ---------------------------------------------------------------------------------------------
  // scopes

  private record IntVar(String name, int hi, boolean mutable, boolean isLong) {
    IntVar(String name, int hi, boolean mutable) {
      this(name, hi, mutable, false);
    }
  }

  /** The {@code int} (not {@code long}) variables in scope: for indices and int contexts. */
  private List<IntVar> intsOnly() {
    return env.ints.stream().filter(v -> !v.isLong()).toList();
  }

  /**
   * An array in scope: writable locals, read-only parameters; positive when every element is;
   * {@code base} is the matrix a row alias reads.
   */
  private record Arr(String name, boolean writable, boolean positive, String base) {
    Arr(String name, boolean writable, boolean positive) {
      this(name, writable, positive, null);
    }
  }

  /** A matrix in scope; generic ones (parameters) are nonsingular with probability one. */
  private record Mat(String name, boolean writable, boolean generic) {}

  /** Everything in scope, with a stack of marks for blocks. */
  private static final class Env {
    final List<String> doubles = new ArrayList<>();
    final List<String> assignable = new ArrayList<>();
    final List<IntVar> ints = new ArrayList<>();
    final List<String> bools = new ArrayList<>();
    final List<Arr> arrays = new ArrayList<>();
    final List<Mat> matrices = new ArrayList<>();
    /** Enum and String parameters ({@link ObjectValues}), in scope everywhere. */
    final List<Param> objects = new ArrayList<>();
    /** Local functions, declared first in the main method, in scope everywhere after. */
    final List<String> functions = new ArrayList<>();
    int loopDepth;
    int nest;
    boolean noCalls;
    /** Array and matrix parameters: rebound to kernels' results, never re-allocated. */
    final Set<String> arrayParams = new HashSet<>();
    /** Arrays created inside a loop, with the loop depth of their creation. */
    final java.util.Map<String, Integer> createdAtDepth = new java.util.HashMap<>();

    int[] mark() {
      return new int[] {doubles.size(), assignable.size(), ints.size(), bools.size(),
          arrays.size(), matrices.size()};
    }

    void restore(int[] m) {
      truncate(doubles, m[0]);
      truncate(assignable, m[1]);
      truncate(ints, m[2]);
      truncate(bools, m[3]);
      truncate(arrays, m[4]);
      truncate(matrices, m[5]);
    }

    private static void truncate(List<?> l, int n) {
      while (l.size() > n) {
        l.remove(l.size() - 1);
      }
    }
  }

  private String fresh(String prefix) {
    return likeGenerated.variable(prefix + (names++));
  }

  private <T> T pick(List<T> l) {
    return l.get(r.nextInt(l.size()));
  }

  private boolean chance(double p) {
    return r.nextDouble() < p;
  }

  /** Chooses among weighted alternatives; a weight of 0 disables one. */
  private <T> T weighted(Object... weightsAndSuppliers) {
    double total = 0;
    for (int i = 0; i < weightsAndSuppliers.length; i += 2) {
      total += (double) weightsAndSuppliers[i];
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weightsAndSuppliers.length; i += 2) {
      double w = (double) weightsAndSuppliers[i];
      if (w <= 0) {
        continue;
      }
      if (x < w) {
        @SuppressWarnings("unchecked")
        Supplier<T> s = (Supplier<T>) weightsAndSuppliers[i + 1];
        return s.get();
      }
      x -= w;
    }
    for (int i = weightsAndSuppliers.length - 2; i >= 0; i -= 2) {
      if ((double) weightsAndSuppliers[i] > 0) {
        @SuppressWarnings("unchecked")
        Supplier<T> s = (Supplier<T>) weightsAndSuppliers[i + 1];
        return s.get();
      }
    }
    throw new IllegalStateException("no alternative");
  }

  private static double w(boolean enabled, double weight) {
    return enabled ? weight : 0.0;
  }

  // ---------------------------------------------------------------------------------------------
  // program and methods

  /**
   * Programs above this many nodes are regenerated (from the same random stream): Adjoint's
   * compile time grows faster than linearly with method size, and small programs shrink faster.
   */
  static final int MAX_SIZE = 170;

  private Program program() {
    Program p = attempt();
    for (int i = 0; i < 50 && (p.size() - chainNodes > MAX_SIZE
        || GeneratedLikeNames.clashes(p)); i++) {
      p = attempt();
    }
    return p;
  }

  private Program attempt() {
    chainNodes = 0;
    List<Method> methods = new ArrayList<>();
    likeGenerated.beginProgram();
    double shape = r.nextDouble();
    if (shape < 0.08) {
      methods.add(recursive("r1", "r1"));
    } else if (shape < 0.12) {
      // Mutual recursion: r1 calls r2 calls r1 (split reversal keeps it linear in depth).
      methods.add(recursive("r1", "r2"));
      methods.add(recursive("r2", "r1"));
    } else if (shape < 0.40) {
      methods.add(maybePlain(helper(likeGenerated.method("h1"), List.of())));
    } else if (shape < 0.50) {
      Method h1 = maybePlain(helper(likeGenerated.method("h1"), List.of()));
      methods.add(h1);
      methods.add(maybePlain(helper(likeGenerated.method("h2"), List.of(h1))));
    }
    methods.add(main(List.copyOf(methods)));
    return new Program(seed, length, staticImport, methods);
  }

  /** A call of a function of several doubles with its own pullback ({@link Ast.CustomCall}). */
  private Expr customCall(Supplier<Expr> arg) {
    String fn = pick(List.of("logAddExp", "mulSin"));
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < (fn.equals("logAddExp") ? 2 : 3); i++) {
      args.add(arg.get());
    }
    return new Ast.CustomCall(fn, args);
  }

  /**
   * Sometimes a helper without {@code @Differentiable}: its source is compiled with its caller,
   * so Adjoint differentiates it as if it were annotated (with respect to every double).
   */
  private Method maybePlain(Method helper) {
    return chance(0.4) ? helper.unannotated() : helper;
  }

  private void begin(String name, List<Method> calls) {
    env = new Env();
    names = 0;
    likeGenerated.beginMethod();
    callable = calls;
    self = name;
  }

  private Method main(List<Method> helpers) {
    begin(Program.MAIN, helpers);
    List<Param> params = new ArrayList<>();
    int doubles = 1 + r.nextInt(3);
    for (int i = 0; i < doubles; i++) {
      params.add(new Param(Type.DOUBLE, likeGenerated.variable("x" + i)));
    }
    if (chance(0.35)) {
      params.add(new Param(Type.INT, "n"));
    }
    // A helper taking an array needs one to be passed (in loops too: split calls).
    boolean arrayHelper = helpers.stream().anyMatch(ProgramGenerator::takesArray);
    int arrays = chance(arrayHelper ? 0.85 : 0.45) ? 1 + (chance(0.4) ? 1 : 0) : 0;
    for (int i = 0; i < arrays; i++) {
      params.add(new Param(Type.ARRAY, "a" + i));
    }
    if (chance(0.12)) {
      params.add(new Param(Type.MATRIX, "M"));
    }
    if (chance(0.12)) {
      params.add(new Param(Type.BOOLEAN, "flag"));
    }
    if (chance(0.1)) {
      params.add(new Param(Type.LONG, "m"));
    }
    objectParams(params);
    Collections.shuffle(params, r);
    declareParams(params);
    if (chance(0.3)) {
      writableArrayParameters();
    }
    List<String> wrt = null;
    if (chance(0.2)) {
      List<String> candidates = new ArrayList<>();
      for (Param p : params) {
        if (p.type().differentiable()) {
          candidates.add(p.name());
        }
      }
      if (candidates.size() > 1) {
        Collections.shuffle(candidates, r);
        List<String> chosen = new ArrayList<>(candidates.subList(0, 1 + r.nextInt(
            candidates.size() - 1)));
        wrt = new ArrayList<>();
        for (Param p : params) {
          if (chosen.contains(p.name())) {
            wrt.add(p.name());
          }
        }
      }
    }
    List<Stmt> body = localFunctions();
    body.addAll(capturedByLambdas());
    body.addAll(statements(2 + r.nextInt(4), false));
    Expr result = finalExpression();
    if (chains.nextDouble() < LongChains.CHANCE) {
      Expr chain = longChain();
      chainNodes = chain.nodeCount();
      result = new Bin("+", result, chain);
    }
    body.add(new Return(result));
    return new Method(Program.MAIN, params, wrt, new Block(body));
  }

  private Method helper(String name, List<Method> calls) {
    begin(name, calls);
    List<Param> params = new ArrayList<>();
    params.add(new Param(Type.DOUBLE, likeGenerated.variable("p")));
    if (chance(0.6)) {
      params.add(new Param(Type.DOUBLE, likeGenerated.variable("q")));
    }
    if (chance(0.45)) {
      params.add(new Param(Type.ARRAY, "v"));
    }
    if (chance(0.3)) {
      params.add(new Param(Type.INT, "k"));
    }
    Collections.shuffle(params, r);
    declareParams(params);
    List<String> wrt = null;
    List<Param> doubles = params.stream().filter(p -> p.type() == Type.DOUBLE).toList();
    if (doubles.size() > 1 && chance(0.25)) {
      // one of the doubles, and the array if there is one
      String chosen = pick(doubles).name();
      wrt = new ArrayList<>();
      for (Param p : params) {
        if (p.name().equals(chosen) || p.type() == Type.ARRAY) {
          wrt.add(p.name());
        }
      }
    }
    List<Stmt> body = statements(1 + r.nextInt(3), false);
    body.add(new Return(finalExpression()));
    return new Method(name, params, wrt, new Block(body));
  }

  /**
   * {@code if (d <= 0) return e1(p); double t = callee(e2(p), d - 1); return e3(p, t);}: {@code
   * callee} is {@code name} itself, or the other method of a mutually recursive pair.
   */
  private Method recursive(String name, String callee) {
    begin(name, List.of());
    List<Param> params = List.of(new Param(Type.DOUBLE, "p"), new Param(Type.INT, "d"));
    env.doubles.add("p");
    List<Stmt> body = new ArrayList<>();
    body.add(new If(new ICmp("<=", new IVar("d"), new IConst(0)),
        Block.of(new Return(expr(2))), Block.of()));
    Expr next = weighted(
        1.0, (Supplier<Expr>) () -> new Bin("*", new Num(0.8), new Var("p")),
        1.0, (Supplier<Expr>) () -> new MathCall("sin", List.of(expr(1))),
        1.0, (Supplier<Expr>) () -> new Bin("+", new Var("p"), new Num(0.25)));
    String t = "t";
    body.add(new DeclDouble(t, new Call(callee, List.of(next,
        new IBin("-", new IVar("d"), new IConst(1))))));
    env.doubles.add(t);
    Expr combined = new Bin(pick(List.of("+", "*", "-")), new Var(t), expr(2));
    body.add(new Return(combined));
    return new Method(name, params, null, new Block(body));
  }

  private void declareParams(List<Param> params) {
    for (Param p : params) {
      switch (p.type()) {
        case DOUBLE -> {
          env.doubles.add(p.name());
          env.assignable.add(p.name());
        }
        case INT -> env.ints.add(new IntVar(p.name(), 4, false));
        case LONG -> env.ints.add(new IntVar(p.name(), 4, false, true));
        case BOOLEAN -> env.bools.add(p.name());
        case ARRAY -> {
          env.arrays.add(new Arr(p.name(), false, false));
          env.arrayParams.add(p.name());
        }
        case MATRIX -> {
          env.matrices.add(new Mat(p.name(), false, true));
          env.arrayParams.add(p.name());
        }
        case MODE, TEXT -> env.objects.add(p);
      }
    }
  }

  /** The value returned at the end: a sum over a few doubles in scope, most recent first. */
  private Expr finalExpression() {
    List<Expr> terms = new ArrayList<>();
    List<String> ds = env.doubles;
    int n = Math.min(ds.size(), 1 + r.nextInt(3));
    for (int i = 0; i < n; i++) {
      String name = chance(0.6) ? ds.get(ds.size() - 1 - i) : pick(ds);
      terms.add(new Var(name));
    }
    if (!env.arrays.isEmpty() && chance(0.5)) {
      Arr a = pick(env.arrays);
      terms.add(new Read(a.name(), index(a.name())));
    }
    if (chance(0.4)) {
      terms.add(expr(2));
    }
    Expr e = terms.get(0);
    for (int i = 1; i < terms.size(); i++) {
      e = new Bin(chance(0.75) ? "+" : "*", e, terms.get(i));
    }
    return e;
  }

  // ---------------------------------------------------------------------------------------------
  // statements

  /** Statements in a nested block: mostly one or two. */
  private int blockSize() {
    return 1 + r.nextInt(2) + (chance(0.15) ? 1 : 0);
  }

  private List<Stmt> statements(int count, boolean inLoop) {
    List<Stmt> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.addAll(statement(inLoop));
    }
    return out;
  }

  /** A nested block: its own scope. */
  private Block block(int count, boolean inLoop) {
    int[] mark = env.mark();
    env.nest++;
    List<Stmt> s = statements(count, inLoop);
    env.nest--;
    env.restore(mark);
    return new Block(s);
  }

  private List<Stmt> statement(boolean inLoop) {
    boolean top = env.loopDepth == 0;
    boolean canNest = env.nest < 3;
    boolean hasArrays = !env.arrays.isEmpty();
    List<Arr> writable = env.arrays.stream().filter(Arr::writable).toList();
    List<Mat> writableM = env.matrices.stream().filter(Mat::writable).toList();
    List<IntVar> mutableInts = env.ints.stream().filter(IntVar::mutable).toList();
    return weighted(
        5.0, (Supplier<List<Stmt>>) () -> List.of(declDouble()),
        w(!env.assignable.isEmpty(), 4.5), (Supplier<List<Stmt>>) () -> List.of(assign()),
        1.0, (Supplier<List<Stmt>>) () -> List.of(declInt()),
        w(!mutableInts.isEmpty(), 1.0), (Supplier<List<Stmt>>) () -> List.of(intUpdate(
            mutableInts)),
        0.4, (Supplier<List<Stmt>>) () -> List.of(declBool()),
        w(top, 1.5), (Supplier<List<Stmt>>) this::declArray,
        w(top && (hasArrays || !env.matrices.isEmpty()), 1.6),
        (Supplier<List<Stmt>>) () -> List.of(declKernel()),
        w(top, 0.35), (Supplier<List<Stmt>>) this::declMatrix,
        w(!top, 0.9), (Supplier<List<Stmt>>) this::declArrayInLoop,
        w(!top && (hasArrays || !env.matrices.isEmpty()), 2.0),
        (Supplier<List<Stmt>>) this::declKernelInLoop,
        w(!top && env.loopDepth < 2, 0.15), (Supplier<List<Stmt>>) this::declMatrixInLoop,
        w(hasArrays, 0.6), (Supplier<List<Stmt>>) () -> List.of(declCopy()),
        w(!writable.isEmpty(), 1.5), (Supplier<List<Stmt>>) () -> List.of(fill()),
        w(!writable.isEmpty(), 1.4),
        (Supplier<List<Stmt>>) () -> List.of(arraycopy(writable)),
        w(!writable.isEmpty(), 1.2),
        (Supplier<List<Stmt>>) () -> List.of(fillRange()),
        w(top && (hasArrays || !env.matrices.isEmpty()), 2.5),
        (Supplier<List<Stmt>>) () -> List.of(rebind()),
        w(!env.matrices.isEmpty(), 0.5),
        (Supplier<List<Stmt>>) () -> List.of(declRow()),
        w(!writable.isEmpty(), 3.0), (Supplier<List<Stmt>>) () -> List.of(store()),
        w(!writable.isEmpty(), 3.0), (Supplier<List<Stmt>>) () -> List.of(writeCall()),
        w(!writableM.isEmpty(), 1.0), (Supplier<List<Stmt>>) () -> List.of(store2()),
        w(!rowAssignable().isEmpty(), 1.5), (Supplier<List<Stmt>>) () -> List.of(rowAssign()),
        w(top, 0.5), (Supplier<List<Stmt>>) this::declRowsMatrix,
        w(canNest, 2.5), (Supplier<List<Stmt>>) () -> List.of(ifStatement(inLoop)),
        w(canNest && env.loopDepth < 2 || canNest && env.loopDepth < 3 && chance(0.2), 2.5),
        (Supplier<List<Stmt>>) () -> List.of(forLoop()),
        w(canNest && env.loopDepth < 2, 1.2), (Supplier<List<Stmt>>) () -> List.of(whileLoop()),
        w(canNest && env.loopDepth < 2 && !readableArrays().isEmpty(), 1.0),
        (Supplier<List<Stmt>>) () -> List.of(forEach()),
        w(canNest && env.loopDepth < 2 && !env.matrices.isEmpty(), 0.5),
        (Supplier<List<Stmt>>) () -> List.of(forEachRow()),
        w(canNest, inLoop ? 1.5 : 0.6), (Supplier<List<Stmt>>) () -> List.of(exit(inLoop)),
        w(!choosable().isEmpty(), 0.9), (Supplier<List<Stmt>>) () -> List.of(declChoice()),
        w(!passableMatrices().isEmpty(), 0.3),
        (Supplier<List<Stmt>>) () -> List.of(declMatrixChoice()),
        w(env.assignable.size() >= 2, 0.5), (Supplier<List<Stmt>>) () -> List.of(chain()),
        w(canNest, 1.5), (Supplier<List<Stmt>>) () -> List.of(switchStatement(inLoop)),
        w(canNest && !env.objects.isEmpty(), 1.2),
        (Supplier<List<Stmt>>) () -> List.of(objectSwitch(inLoop)),
        w(top, 0.6), (Supplier<List<Stmt>>) () -> List.of(declInit()),
        w(canNest && env.loopDepth < 2, 0.8), (Supplier<List<Stmt>>) () -> List.of(countDown()),
        w(canNest && env.loopDepth < 3, 1.5), (Supplier<List<Stmt>>) () -> List.of(countedFor()),
        0.3, (Supplier<List<Stmt>>) () -> List.of(assertion()),
        w(top && canNest, 0.8), (Supplier<List<Stmt>>) this::recordingNests);
  }

  /**
   * What the recording analyses save once or not at all (issue 11): an array filled in one
   * loop nest and only read by later ones (unless later statements write it), the same element
   * loaded twice in one statement, a load invariant in the inner loop, and an accumulator reset
   * per outer iteration, summed in an inner loop (zero trips in the first outer iteration) and
   * read only after it.
   */
  private List<Stmt> recordingNests() {
    String f = fresh("t");
    String total = fresh("d");
    List<Stmt> out = new ArrayList<>();
    out.add(new DeclArray(f, new IConst(length)));
    String i = fresh("i");
    int[] mark = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(i, length - 1, false));
    out.add(new For(i, new Length(f), null, Block.of(new Store(f, new IVar(i), "=", expr(2)))));
    env.restore(mark);
    env.loopDepth--;
    out.add(new DeclDouble(total, new Num(0)));
    String o = fresh("i");
    String acc = fresh("d");
    String j = fresh("i");
    mark = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(o, length - 1, false));
    int[] outer = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(j, length - 2, false));
    Expr twice = new Bin("*", new Read(f, new IVar(j)), new Read(f, new IVar(j)));
    Expr term = new Bin("+", new Bin("*", twice, new Read(f, new IVar(o))), expr(1));
    Stmt inner = new For(j, new IVar(o), chance(0.3) ? dataCondition() : null,
        Block.of(new Assign(acc, "+=", term)));
    env.restore(outer);
    env.loopDepth--;
    env.doubles.add(acc);
    Stmt use = new Assign(total, "+=", new Bin("*", new Var(acc), tame(expr(1))));
    env.restore(mark);
    env.loopDepth--;
    out.add(new For(o, new Length(f), null,
        Block.of(new DeclDouble(acc, new Num(0)), inner, use)));
    env.arrays.add(new Arr(f, true, false));
    env.doubles.add(total);
    env.assignable.add(total);
    return out;
  }

  // Everyday statements (issue 10): switch, array initializers, ++ inside expressions --------

  /** Inside a switch case (not in a loop nested in it): a break would leave the switch. */
  private boolean inSwitch;

  /** One to three cases, each one or two distinct labels among 0 to 3. */
  private List<List<Integer>> switchLabels() {
    List<Integer> values = new ArrayList<>(List.of(0, 1, 2, 3));
    java.util.Collections.shuffle(values, r);
    int cases = 1 + r.nextInt(3);
    List<List<Integer>> labels = new ArrayList<>();
    int at = 0;
    for (int k = 0; k < cases && at < values.size(); k++) {
      int n = chance(0.3) && at + 2 <= values.size() ? 2 : 1;
      labels.add(List.copyOf(values.subList(at, at + n)));
      at += n;
    }
    return labels;
  }

  private Stmt switchStatement(boolean inLoop) {
    IExpr selector = smallInt().e;
    List<List<Integer>> labels = switchLabels();
    List<Block> bodies = caseBodies(labels.size() + 1, inLoop);
    Block otherwise = bodies.remove(bodies.size() - 1);
    return new Ast.Switch(selector, labels, bodies, otherwise, chance(0.5), chance(0.3));
  }

  /** An enum or String parameter of the main method, sometimes (issue 10). */
  private void objectParams(List<Param> params) {
    if (chance(0.15)) {
      params.add(new Param(Type.MODE, "mode"));
    }
    if (chance(0.15)) {
      params.add(new Param(Type.TEXT, "norm"));
    }
  }

  /** A switch on an enum or String parameter. */
  private Stmt objectSwitch(boolean inLoop) {
    Param p = pick(env.objects);
    boolean text = p.type() == Type.TEXT;
    List<List<String>> labels = ObjectValues.labels(r, text);
    List<Block> bodies = caseBodies(labels.size() + 1, inLoop);
    Block otherwise = bodies.remove(bodies.size() - 1);
    return new Ast.ObjSwitch(p.name(), text, labels, bodies, otherwise, chance(0.5));
  }

  /**
   * The bodies of a switch's cases, inside the switch (a break there leaves it), and last the
   * default's, empty at times.
   */
  private List<Block> caseBodies(int cases, boolean inLoop) {
    boolean saved = inSwitch;
    inSwitch = true;
    List<Block> bodies = new ArrayList<>();
    for (int k = 0; k < cases - 1; k++) {
      bodies.add(block(blockSize(), inLoop));
    }
    bodies.add(chance(0.6) ? block(blockSize(), inLoop) : Block.of());
    inSwitch = saved;
    return bodies;
  }

  private Expr switchValue(int depth) {
    IExpr selector = smallInt().e;
    List<List<Integer>> labels = switchLabels();
    List<Expr> values = new ArrayList<>();
    for (int k = 0; k < labels.size(); k++) {
      values.add(expr(depth - 1));
    }
    return new Ast.SwitchValue(selector, labels, values, expr(depth - 1));
  }

  /** {@code while (c-- > 0)}: the counter runs from the bound minus one down to 0. */
  private Stmt countDown() {
    String c = fresh("c");
    IntVal bound = smallInt(); // an int, never a long
    int[] mark = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(c, bound.hi() < 0 ? -1 : bound.hi() - 1, false));
    Block body = loopBody();
    env.loopDepth--;
    env.restore(mark);
    return new Ast.CountDown(c, bound.e(), body);
  }

  /** {@code double[] t = {e, ...}} with the program's array length. */
  private Stmt declInit() {
    String name = fresh("t");
    List<Expr> elements = new ArrayList<>();
    for (int k = 0; k < length; k++) {
      elements.add(expr(2));
    }
    env.arrays.add(new Arr(name, true, false));
    return new Ast.DeclInit(name, elements);
  }

  /** Mutable int locals (never negative), for {@code k++} inside an expression. */
  private List<IntVar> steppable() {
    return noSteps ? List.of() : intsOnly().stream().filter(IntVar::mutable).toList();
  }

  /** In an assert's condition, which must not assign. */
  private boolean noSteps;

  private Stmt assertion() {
    boolean saved = noSteps;
    boolean savedCalls = env.noCalls;
    noSteps = true;
    env.noCalls = true; // the generated code does not run the assert: nothing in it may count
    Cond c = cond(1);
    noSteps = saved;
    env.noCalls = savedCalls;
    return new Ast.Assert(c);
  }

  // Arrays chosen by a ternary and chained assignment (issue 8) ---------------------------------

  /**
   * Arrays a ternary may choose: plain arrays that may be passed here (rows are left out, so no
   * row-alias rule comes into play); choosing one makes it read-only, like passing it.
   */
  private List<Arr> choosable() {
    return passableArrays().stream().filter(a -> a.base() == null).toList();
  }

  /** {@code double[] c = cond ? a : b;}, both sides possibly the same array. */
  private Stmt declChoice() {
    Cond c = cond(1);
    List<Arr> from = choosable();
    if (from.isEmpty()) { // the condition passed the last one to a call
      String name = fresh("d");
      env.doubles.add(name);
      env.assignable.add(name);
      return new DeclDouble(name, expr(1));
    }
    Arr a = pick(from);
    Arr b = pick(from);
    passed(a);
    passed(b);
    java.util.stream.Stream.of(a.base(), b.base()).filter(java.util.Objects::nonNull)
        .forEach(rowAliased::add);
    String name = fresh("c");
    env.arrays.add(new Arr(name, false, a.positive() && b.positive()));
    return new Ast.DeclChoice(name, false, c, a.name(), b.name());
  }

  /** {@code double[][] c = cond ? m1 : m2;} (all matrices of a program have one shape). */
  private Stmt declMatrixChoice() {
    Cond c = cond(1);
    List<Mat> from = passableMatrices();
    if (from.isEmpty()) {
      String name = fresh("d");
      env.doubles.add(name);
      env.assignable.add(name);
      return new DeclDouble(name, expr(1));
    }
    Mat a = pick(from);
    Mat b = pick(from);
    passed(a);
    passed(b);
    String name = fresh("c");
    notRowAssignable.add(name);
    env.matrices.add(new Mat(name, false, a.generic() && b.generic()));
    return new Ast.DeclChoice(name, true, c, a.name(), b.name());
  }

  /** A kernel's matrix argument: sometimes {@code (cond ? m1 : m2)}. */
  private Arg matOrChoice() {
    if (!chance(0.25)) {
      return mat();
    }
    Cond c = cond(1);
    List<Mat> from = passableMatrices();
    if (from.isEmpty()) {
      return mat();
    }
    return new Ast.ChoiceArg(c, passed(pick(from)).name(), passed(pick(from)).name());
  }

  /** A kernel's array argument: sometimes {@code (cond ? a : b)}, evaluated by the statement. */
  private Arg arrOrChoice() {
    if (choosable().isEmpty() || !chance(0.3)) {
      return arr();
    }
    Cond c = cond(1);
    List<Arr> from = choosable();
    if (from.isEmpty()) {
      return arr();
    }
    return new Ast.ChoiceArg(c, passed(pick(from)).name(), passed(pick(from)).name());
  }

  /** {@code x = y [= z] = e;} over distinct assignable doubles. */
  private Stmt chain() {
    List<String> targets = new ArrayList<>(env.assignable);
    Collections.shuffle(targets, r);
    int n = targets.size() >= 3 && chance(0.4) ? 3 : 2;
    return new Ast.Chain(List.copyOf(targets.subList(0, n)), expr(2));
  }

  private Stmt declDouble() {
    String name = fresh("d");
    Stmt s = new DeclDouble(name, expr(chance(0.25) ? 3 : 2));
    env.doubles.add(name);
    env.assignable.add(name);
    return s;
  }

  private Stmt assign() {
    String target = pick(env.assignable);
    if (chance(0.05)) {
      return new Step(target, chance(0.5) ? "++" : "--");
    }
    return weighted(
        3.0, (Supplier<Stmt>) () -> new Assign(target, "=", expr(2)),
        3.0, (Supplier<Stmt>) () -> new Assign(target, "+=", expr(2)),
        1.0, (Supplier<Stmt>) () -> new Assign(target, "-=", expr(2)),
        1.5, (Supplier<Stmt>) () -> new Assign(target, "*=", chance(0.5) ? tame(expr(2))
            : expr(2)),
        0.8, (Supplier<Stmt>) () -> new Assign(target, "/=", positive(expr(1))));
  }

  private Stmt declInt() {
    String name = fresh("k");
    boolean isLong = chance(0.2);
    Stmt s = new DeclInt(name, smallInt().e, isLong);
    env.ints.add(new IntVar(name, -1, true, isLong));
    return s;
  }

  private Stmt intUpdate(List<IntVar> mutable) {
    IntVar v = pick(mutable);
    return weighted(
        1.0, (Supplier<Stmt>) () -> new Step(v.name(), "++"),
        1.0, (Supplier<Stmt>) () -> new IAssign(v.name(), "+=", smallInt().e),
        1.0, (Supplier<Stmt>) () -> new IAssign(v.name(), "=", smallInt().e));
  }

  private Stmt declBool() {
    String name = fresh("b");
    Stmt s = new DeclBool(name, cond(1));
    env.bools.add(name);
    return s;
  }

  /** A local array, usually filled by a loop right away. */
  private List<Stmt> declArray() {
    String name = fresh("t");
    IExpr size = env.arrays.isEmpty() || chance(0.4) ? new IConst(length)
        : new Length(pick(env.arrays).name());
    List<Stmt> out = new ArrayList<>();
    out.add(new DeclArray(name, size));
    env.arrays.add(new Arr(name, true, false));
    if (chance(0.75)) {
      String i = fresh("i");
      env.loopDepth++;
      int[] mark = env.mark();
      env.ints.add(new IntVar(i, length - 1, false));
      Stmt fill = new Store(name, new IVar(i), chance(0.8) ? "=" : "+=", expr(2));
      env.restore(mark);
      env.loopDepth--;
      out.add(new For(i, new Length(name), null, Block.of(fill)));
    }
    return out;
  }

  private List<Stmt> declMatrix() {
    String name = fresh("m");
    List<Stmt> out = new ArrayList<>();
    out.add(new DeclMatrix(name, new IConst(length), new IConst(length)));
    String i = fresh("i");
    String j = fresh("j");
    env.loopDepth += 2;
    int[] mark = env.mark();
    env.ints.add(new IntVar(i, length - 1, false));
    env.ints.add(new IntVar(j, length - 1, false));
    Stmt fill = new Store2(name, new IVar(i), new IVar(j), "=", expr(2));
    env.restore(mark);
    env.loopDepth -= 2;
    out.add(new For(i, new Length(name), null,
        Block.of(new For(j, new Length(name), null, Block.of(fill)))));
    env.matrices.add(new Mat(name, true, false));
    return out;
  }

  private Stmt declRow() {
    Mat m = pick(env.matrices);
    String name = fresh("row");
    // The alias is expanded at each use, so its index must not change in between: a constant,
    // or the int parameter (never assigned).
    boolean n = env.ints.stream().anyMatch(v -> v.name().equals("n"));
    IExpr row = n && chance(0.4) ? new IBin("%", new IVar("n"), new Length(m.name()))
        : new IConst(r.nextInt(length));
    rowAliased.add(m.name());
    Stmt s = new DeclRow(name, m.name(), row);
    env.arrays.add(new Arr(name, false, false, m.name()));
    return s;
  }

  private Stmt declKernel() {
    String name = fresh("t");
    if (!passableArrays().isEmpty() && vectors.nextDouble() < VECTOR_CALLS) {
      return vectorCall(name);
    }
    List<Arr> positives = passableArrays().stream().filter(Arr::positive).toList();
    List<Mat> generic = passableMatrices().stream().filter(Mat::generic).toList();
    boolean arrays = !passableArrays().isEmpty();
    boolean matrices = !passableMatrices().isEmpty();
    record K(String fn, boolean matrix, boolean positive, List<Arg> args) {}
    K k = weighted(
        w(arrays, 1.0), (Supplier<K>) () -> new K("softmax", false, true, List.of(arrOrChoice())),
        w(arrays, 1.0), (Supplier<K>) () -> new K("sigmoid", false, true, List.of(arrOrChoice())),
        w(arrays, 0.7), (Supplier<K>) () -> new K("tanh", false, false, List.of(arrOrChoice())),
        w(arrays, 0.5), (Supplier<K>) () -> new K("exp", false, true, List.of(arrOrChoice())),
        w(!positives.isEmpty(), 0.8), (Supplier<K>) () -> new K("log", false, false,
            List.of(passed(pick(positives)))),
        w(arrays, 0.5), (Supplier<K>) () -> new K("relu", false, false, List.of(arrOrChoice())),
        w(arrays, 0.5), (Supplier<K>) () -> new K("softplus", false, true, List.of(arrOrChoice())),
        w(arrays, 0.8), (Supplier<K>) () -> new K("add", false, false, List.of(arrOrChoice(), arrOrChoice())),
        w(arrays, 0.6), (Supplier<K>) () -> new K("sub", false, false, List.of(arrOrChoice(), arrOrChoice())),
        w(arrays, 0.8), (Supplier<K>) () -> new K("hadamard", false, false,
            List.of(arrOrChoice(), arrOrChoice())),
        w(arrays, 0.8), (Supplier<K>) () -> new K("scale", false, false,
            List.of(expr(2), arrOrChoice())),
        w(arrays && matrices, 1.0), (Supplier<K>) () -> new K("matVec", false, false,
            List.of(matOrChoice(), arrOrChoice())),
        w(arrays && matrices, 0.6), (Supplier<K>) () -> new K("vecMat", false, false,
            List.of(arrOrChoice(), matOrChoice())),
        w(!generic.isEmpty() && arrays, 0.4), (Supplier<K>) () -> new K("solve", false, false,
            List.of(passed(pick(generic)), arrOrChoice())),
        w(arrays, 0.4), (Supplier<K>) () -> new K("outer", true, false, List.of(arrOrChoice(), arrOrChoice())),
        w(matrices, 0.4), (Supplier<K>) () -> new K("matMul", true, false,
            List.of(matOrChoice(), matOrChoice())),
        w(matrices, 0.3), (Supplier<K>) () -> new K("transpose", true, false,
            List.of(matOrChoice())),
        w(matrices, 0.3), (Supplier<K>) () -> new K("addMatrices", true, false,
            List.of(matOrChoice(), matOrChoice())),
        w(matrices, 0.3), (Supplier<K>) () -> new K("subMatrices", true, false,
            List.of(matOrChoice(), matOrChoice())),
        w(matrices, 0.3), (Supplier<K>) () -> new K("scaleMatrix", true, false,
            List.of(expr(1), matOrChoice())),
        w(!generic.isEmpty(), 0.3), (Supplier<K>) () -> new K("inverse", true, false,
            List.of(passed(pick(generic)))));
    // A kernel's result is read again by its pullback: never written.
    if (k.matrix()) {
      boolean generated = k.fn().equals("inverse");
      env.matrices.add(new Mat(name, false, generated));
    } else {
      env.arrays.add(new Arr(name, false, k.positive()));
    }
    return new DeclKernel(name, k.matrix(), k.fn(), k.args());
  }

  /** The share of kernel declarations that call a method returning double[] instead. */
  private static final double VECTOR_CALLS = 0.3;

  /**
   * {@code double[] t = vecLoop(a0, x1 * 2);}: a call of a method returning double[] ({@link
   * VectorHelpers}), whose result is read-only like a kernel's (its pullback reads it again).
   */
  private Stmt vectorCall(String name) {
    List<String> fns = VectorHelpers.names();
    String fn = pick(fns);
    DeclKernel call = new DeclKernel(name, false, fn, List.of(arrOrChoice(), expr(2)));
    env.arrays.add(new Arr(name, false, false));
    return call;
  }

  /**
   * Arrays a call may take here. A call's pullback reads its array arguments again, so Adjoint
   * requires that no store reaches them after the call nor anywhere in a loop around it: outside
   * loops any array may be passed (and is read-only from then on), inside loops only arrays that
   * are already read-only.
   */
  private List<Arr> passableArrays() {
    if (env.loopDepth == 0) {
      return env.arrays;
    }
    return env.arrays.stream().filter(a -> (!a.writable() || createdHere(a.name()))
        && (a.base() == null || env.matrices.stream().noneMatch(m -> m.name().equals(a.base())
            && m.writable() && !createdHere(m.name()))))
        .toList();
  }

  private List<Mat> passableMatrices() {
    return env.loopDepth == 0 ? env.matrices
        : env.matrices.stream().filter(m -> !m.writable() || createdHere(m.name())).toList();
  }

  private ArrayName arr() {
    return passed(pick(passableArrays()));
  }

  private ArrayName mat() {
    return passed(pick(passableMatrices()));
  }

  /** Passes {@code a} to a call: from now on it is read-only (and so is the matrix it aliases). */
  private ArrayName passed(Arr a) {
    for (int i = 0; i < env.arrays.size(); i++) {
      if (env.arrays.get(i).name().equals(a.name())) {
        Arr x = env.arrays.get(i);
        env.arrays.set(i, new Arr(x.name(), false, x.positive(), x.base()));
      }
    }
    if (a.base() != null) {
      freezeMatrix(a.base());
    }
    return new ArrayName(a.name());
  }

  private ArrayName passed(Mat m) {
    freezeMatrix(m.name());
    return new ArrayName(m.name());
  }

  private void freezeMatrix(String name) {
    for (int i = 0; i < env.matrices.size(); i++) {
      Mat x = env.matrices.get(i);
      if (x.name().equals(name)) {
        env.matrices.set(i, new Mat(x.name(), false, x.generic()));
      }
    }
  }

  /**
   * {@code wrAxpy(x, v, p);}: a void helper writing into a writable array v, reading x (any
   * array, v itself too) and p ({@link WritingHelpers}); the value is generated first, as for
   * {@link #store}.
   */
  private Stmt writeCall() {
    Expr p = tame(expr(1));
    return intoWritable(p, (v, value) -> new Ast.WriteCall(pick(WritingHelpers.names()),
        chance(0.3) ? v.name() : pick(env.arrays).name(), v.name(), value));
  }

  /**
   * {@code a[i] op value}. The value is generated first: a call in it may pass an array, which
   * makes that array read-only, so the target is chosen among what is still writable after it.
   */
  private Stmt store() {
    String op = weighted(
        3.0, (Supplier<String>) () -> "=",
        2.0, (Supplier<String>) () -> "+=",
        0.7, (Supplier<String>) () -> "-=",
        0.7, (Supplier<String>) () -> "*=");
    Expr value = op.equals("*=") ? tame(expr(1)) : expr(2);
    List<Arr> writable = env.arrays.stream().filter(Arr::writable).toList();
    if (writable.isEmpty()) {
      String name = fresh("d");
      env.doubles.add(name);
      env.assignable.add(name);
      return new DeclDouble(name, value);
    }
    Arr a = pick(writable);
    return new Store(a.name(), index(a.name()), op, value);
  }

  private Stmt store2() {
    Expr value = expr(2);
    List<Mat> writable = env.matrices.stream()
        .filter(Mat::writable).toList();
    if (writable.isEmpty()) {
      String name = fresh("d");
      env.doubles.add(name);
      env.assignable.add(name);
      return new DeclDouble(name, value);
    }
    Mat m = pick(writable);
    return new Store2(m.name(), index(m.name()), index(m.name()), chance(0.6) ? "=" : "+=",
        value);
  }

  // ---------------------------------------------------------------------------------------------
  // writes into array parameters (issue 10)

  /**
   * The entry point's {@code double[]} parameters become writable: the caller sees the writes,
   * and the gradient is with respect to the values on entry. Only the entry point: a method that
   * writes into its array parameter cannot be called from another {@code @Differentiable} one.
   */
  private void writableArrayParameters() {
    env.arrays.replaceAll(a -> env.arrayParams.contains(a.name())
        ? new Arr(a.name(), true, a.positive(), a.base()) : a);
  }

  // ---------------------------------------------------------------------------------------------
  // arrays created inside loops (issue 10): a new array every iteration

  /**
   * Whether array {@code name} is created by the innermost loop's body: each iteration's stores
   * write that iteration's array, so it may be passed to a call after stores in the same
   * iteration (and is read-only after the call, as anywhere).
   */
  private boolean createdHere(String name) {
    Integer depth = env.createdAtDepth.get(name);
    return depth != null && depth == env.loopDepth;
  }

  /** {@code double[] t = new double[L];} in a loop body, usually filled by a loop. */
  private List<Stmt> declArrayInLoop() {
    List<Stmt> out = declArray();
    env.createdAtDepth.put(((DeclArray) out.get(0)).name(), env.loopDepth);
    return out;
  }

  /** {@code double[][] m = new double[L][L];} filled by two loops, in a loop body. */
  private List<Stmt> declMatrixInLoop() {
    List<Stmt> out = declMatrix();
    env.createdAtDepth.put(((DeclMatrix) out.get(0)).name(), env.loopDepth);
    return out;
  }

  /** {@code double[] t = LinearAlgebra.softmax(...);} in a loop body: a new result each time. */
  private List<Stmt> declKernelInLoop() {
    if (passableArrays().isEmpty() && passableMatrices().isEmpty()) {
      return declArrayInLoop();
    }
    DeclKernel k = (DeclKernel) declKernel();
    env.createdAtDepth.put(k.name(), env.loopDepth);
    return List.of(k);
  }

  /**
   * A copy of an array in scope ({@code clone}, {@code Arrays.copyOf}, {@code copyOfRange}, all
   * of length L): a new writable array. A copy's pullback reads no elements, so the source may
   * be written afterwards and stays as writable as it was.
   */
  private Stmt declCopy() {
    Arr source = pick(env.arrays);
    String name = fresh("t");
    String how = pick(List.of("clone", "copyOf", "copyOfRange"));
    int from = how.equals("copyOfRange") ? r.nextInt(2) : 0; // from 1: the last element is 0
    env.arrays.add(new Arr(name, true, from == 0 && source.positive()));
    if (env.loopDepth > 0) {
      env.createdAtDepth.put(name, env.loopDepth);
    }
    return new Ast.DeclCopy(name, source.name(), how, from, length);
  }

  /** {@code Arrays.fill(t, e)} into a writable array, like a store of every element. */
  private Stmt fill() {
    return intoWritable(expr(2), (a, value) -> new Ast.Fill(a.name(), value));
  }

  /**
   * {@code store} of {@code value} into a writable array, picked after the value is generated:
   * the value may pass an array to a call, after which it is no longer writable (with none
   * left, the value goes into a new local instead).
   */
  private Stmt intoWritable(Expr value, java.util.function.BiFunction<Arr, Expr, Stmt> store) {
    List<Arr> writable = env.arrays.stream().filter(Arr::writable).toList();
    if (writable.isEmpty()) {
      String name = fresh("d");
      env.doubles.add(name);
      env.assignable.add(name);
      return new DeclDouble(name, value);
    }
    return store.apply(pick(writable), value);
  }

  /**
   * {@code System.arraycopy} from any array in scope into a writable one (the same one at
   * times, overlapping in either direction), or between matrix rows, a range of the program's
   * length L.
   */
  private Stmt arraycopy(List<Arr> writable) {
    Arr target = pick(writable);
    List<Arr> sources = readableArrays();
    Arr source = chance(0.3) ? target : pick(sources);
    int count = r.nextInt(length + 1);
    int from = r.nextInt(length - count + 1);
    int to = r.nextInt(length - count + 1);
    String into = target.name();
    String out = source.name();
    // A copied row could make a matrix singular: only into those not counted as nonsingular.
    List<Mat> writableM = env.matrices.stream().filter(m -> m.writable() && !m.generic())
        .toList();
    if (!writableM.isEmpty() && chance(0.25)) { // a row of a matrix: rows have length L too
      into = pick(writableM).name() + "[" + r.nextInt(length) + "]";
    }
    if (!env.matrices.isEmpty() && chance(0.25)) {
      out = pick(env.matrices).name() + "[" + r.nextInt(length) + "]";
    }
    if (into.equals(target.name())) {
      boolean positive = target.positive() && out.equals(source.name()) && source.positive();
      setArr(new Arr(target.name(), true, positive, target.base()));
    }
    return new Ast.ArrayCopy(out, from, into, to, count, chance(0.4));
  }

  /** {@code Arrays.fill(t, from, to, e)} into a writable array: a store of each element. */
  private Stmt fillRange() {
    int from = r.nextInt(length + 1);
    int to = from + r.nextInt(length - from + 1);
    return intoWritable(expr(2), (a, value) -> new Ast.FillRange(a.name(), from, to, value));
  }

  // ---------------------------------------------------------------------------------------------
  // whole rows assigned (issue 10)

  /** Matrices a row alias (or a choice of one) was taken of: their rows are never assigned. */
  private final Set<String> rowAliased = new HashSet<>();
  /** Matrices that are choices ({@code c ? m1 : m2}): read-only. */
  private final Set<String> notRowAssignable = new HashSet<>();

  /**
   * Local matrices whose rows may be assigned: not a parameter's (the caller's matrix), not a
   * choice, not one counted on to be nonsingular, and never aliased by a row variable (Java's
   * alias keeps the old row, which Adjoint refuses to guess about).
   */
  private List<Mat> rowAssignable() {
    return env.matrices.stream().filter(m -> !m.generic()
        && !env.arrayParams.contains(m.name()) && !notRowAssignable.contains(m.name())
        && !rowAliased.contains(m.name())).toList();
  }

  /**
   * {@code m[i] = value;}: a kernel's or vector helper's result, a clone, or an initializer of L
   * elements (every row has the program's length L). A row holding the result of a call whose
   * pullback reads it again makes the matrix read-only, as a kernel's result is.
   */
  private Stmt rowAssign() {
    Ast.RowAssign value = rowValue(null, null);
    // The arguments may have aliased or passed matrices: choose the target after them.
    List<Mat> targets = rowAssignable();
    if (targets.isEmpty()) {
      String name = fresh("d");
      env.doubles.add(name);
      env.assignable.add(name);
      return new DeclDouble(name, expr(1));
    }
    Mat m = pick(targets);
    if (!elementsWritable(value)) {
      freezeMatrix(m.name());
    }
    return new Ast.RowAssign(m.name(), index(m.name()), value.fn(), value.args());
  }

  /**
   * {@code double[][] m = new double[L][];} and a loop giving each row a new array: rows that
   * exist only once assigned.
   */
  private List<Stmt> declRowsMatrix() {
    String name = fresh("m");
    String i = fresh("i");
    env.loopDepth++;
    int[] mark = env.mark();
    env.ints.add(new IntVar(i, length - 1, false));
    Ast.RowAssign fill = rowValue(name, new IVar(i));
    env.restore(mark);
    env.loopDepth--;
    env.matrices.add(new Mat(name, elementsWritable(fill), false));
    return List.of(new DeclMatrix(name, new IConst(length), null),
        new For(i, new Length(name), null, Block.of(fill)));
  }

  private static boolean elementsWritable(Ast.RowAssign value) {
    return value.fn().equals("clone") || value.fn().equals("new")
        || RESULT_WRITABLE.contains(value.fn());
  }

  /** A row's new array ({@code matrix} and {@code row} as given, null to choose later). */
  private Ast.RowAssign rowValue(String matrix, IExpr row) {
    List<Arg> args = new ArrayList<>();
    boolean arrays = !passableArrays().isEmpty();
    boolean matrices = !passableMatrices().isEmpty();
    String fn = weighted(
        w(arrays, 1.0), (Supplier<String>) () -> pick(List.of("tanh", "sigmoid", "exp")),
        w(arrays, 1.2), (Supplier<String>) () -> pick(List.of("scale", "add", "hadamard")),
        w(arrays && matrices, 1.0), (Supplier<String>) () -> "matVec",
        w(arrays, 0.4), (Supplier<String>) () -> pick(VectorHelpers.names()),
        w(!readableArrays().isEmpty(), 0.8), (Supplier<String>) () -> "clone",
        1.0, (Supplier<String>) () -> "new");
    switch (fn) {
      case "scale" -> args.addAll(List.of(expr(2), arrOrChoice()));
      case "add", "hadamard" -> args.addAll(List.of(arrOrChoice(), arrOrChoice()));
      case "matVec" -> args.addAll(List.of(matOrChoice(), arrOrChoice()));
      case "clone" -> args.add(new ArrayName(pick(readableArrays()).name()));
      case "new" -> {
        for (int k = 0; k < length; k++) {
          args.add(expr(2));
        }
      }
      default -> args.addAll(VectorHelpers.isVector(fn) ? List.of(arrOrChoice(), expr(2))
          : List.of(arrOrChoice()));
    }
    return new Ast.RowAssign(matrix, row, fn, args);
  }

  // ---------------------------------------------------------------------------------------------
  // array rebinding

  /**
   * Rebinds an array or matrix variable in scope (never in a loop, where it is rejected): to a
   * kernel of its old value ({@code t = LinearAlgebra.exp(t)}, {@code M = matMul(M, M)}), or,
   * for a local, to new zeros ({@code t = new double[L]}). Inside an if, the variable holds
   * either array after the if, so it keeps only what holds for both (writable, positive, the
   * matrix it may be a row of).
   */
  /**
   * Kernels whose pullback reads none of the result's elements, so their result may be written
   * ({@code y = scale(2, y); y[0] *= x}); Adjoint's list is {@code
   * verify.CallArguments.RESULT_BLIND}.
   */
  private static final Set<String> RESULT_WRITABLE = Set.of("scale", "add", "sub", "hadamard",
      "matVec", "log", "relu", "matMul", "transpose", "scaleMatrix", "addMatrices");

  private Stmt rebind() {
    List<Arr> locals = env.arrays.stream()
        .filter(a -> !env.arrayParams.contains(a.name())).toList();
    List<Mat> localMatrices = env.matrices.stream()
        .filter(m -> !env.arrayParams.contains(m.name())).toList();
    return weighted(
        w(!env.arrays.isEmpty(), 1.0), (Supplier<Stmt>) () -> rebindArray(pick(env.arrays)),
        w(!env.matrices.isEmpty(), 0.5), (Supplier<Stmt>) () -> rebindMatrix(
            pick(env.matrices)),
        w(!locals.isEmpty(), 2.0), (Supplier<Stmt>) () -> reallocate(pick(locals)),
        w(!localMatrices.isEmpty(), 0.5), (Supplier<Stmt>) () -> reallocate(
            pick(localMatrices)));
  }

  private Stmt reallocate(Arr old) {
    boolean joins = env.nest > 0;
    setArr(new Arr(old.name(), !joins || old.writable(), false, joins ? old.base() : null));
    return new Reallocate(old.name(), false, new IConst(length));
  }

  private Stmt reallocate(Mat old) {
    boolean joins = env.nest > 0;
    setMat(new Mat(old.name(), !joins || old.writable(), false));
    return new Reallocate(old.name(), true, new IConst(length));
  }

  private Stmt rebindArray(Arr old) {
    boolean joins = env.nest > 0;
    String base = joins ? old.base() : null;
    ArrayName self = passed(old);
    record K(String fn, boolean positive, List<Arg> args) {}
    K k = weighted(
        1.0, (Supplier<K>) () -> new K("exp", true, List.of(self)),
        0.7, (Supplier<K>) () -> new K("tanh", false, List.of(self)),
        0.6, (Supplier<K>) () -> new K("sigmoid", true, List.of(self)),
        0.4, (Supplier<K>) () -> new K("softmax", true, List.of(self)),
        0.4, (Supplier<K>) () -> new K("relu", false, List.of(self)),
        w(old.positive(), 0.8), (Supplier<K>) () -> new K("log", false, List.of(self)),
        1.0, (Supplier<K>) () -> new K("scale", false, List.of(expr(1), self)),
        0.8, (Supplier<K>) () -> new K("add", false, List.of(self, chance(0.3) ? self : arr())),
        0.5, (Supplier<K>) () -> new K("sub", false, List.of(arr(), self)),
        0.8, (Supplier<K>) () -> new K("hadamard", false,
            List.of(self, chance(0.3) ? self : arr())),
        w(!env.matrices.isEmpty(), 0.8), (Supplier<K>) () -> new K("matVec", false,
            List.of(mat(), self)));
    boolean writable = RESULT_WRITABLE.contains(k.fn()) && (!joins || old.writable());
    setArr(new Arr(old.name(), writable, k.positive() && (!joins || old.positive()), base));
    return new RebindKernel(old.name(), k.fn(), k.args());
  }

  private Stmt rebindMatrix(Mat old) {
    boolean joins = env.nest > 0;
    ArrayName self = passed(old);
    String fn = weighted(
        1.0, (Supplier<String>) () -> "matMul",
        0.7, (Supplier<String>) () -> "transpose",
        0.7, (Supplier<String>) () -> "scaleMatrix",
        0.5, (Supplier<String>) () -> "addMatrices",
        w(old.generic(), 0.3), (Supplier<String>) () -> "inverse");
    List<Arg> args = switch (fn) {
      case "matMul" -> chance(0.5) ? List.of(self, self) : List.of(mat(), self);
      case "scaleMatrix" -> List.of(expr(1), self);
      case "addMatrices" -> List.of(self, mat());
      default -> List.of(self);
    };
    // As for a declared kernel: only an inverse counts as nonsingular for the generator.
    boolean writable = RESULT_WRITABLE.contains(fn) && (!joins || old.writable());
    setMat(new Mat(old.name(), writable, fn.equals("inverse") && (!joins || old.generic())));
    return new RebindKernel(old.name(), fn, args);
  }

  private void setArr(Arr a) {
    env.arrays.replaceAll(x -> x.name().equals(a.name()) ? a : x);
  }

  private void setMat(Mat m) {
    env.matrices.replaceAll(x -> x.name().equals(m.name()) ? m : x);
  }

  private Stmt ifStatement(boolean inLoop) {
    Cond c = cond(2);
    Block then = block(blockSize(), inLoop);
    Block otherwise = chance(0.45) ? block(blockSize(), inLoop) : Block.of();
    return new If(c, then, otherwise);
  }

  /** {@code if (c) { ...; break | continue | return e; }}: the exit ends the block. */
  private Stmt exit(boolean inLoop) {
    Cond c = cond(1);
    int[] mark = env.mark();
    env.nest++;
    List<Stmt> body = chance(0.4) ? statements(1, inLoop) : new ArrayList<>();
    Stmt last = !inLoop ? new Return(expr(2)) : weighted(
        w(!inSwitch, 1.0), (Supplier<Stmt>) Break::new,
        1.0, (Supplier<Stmt>) Continue::new,
        0.8, (Supplier<Stmt>) () -> new Return(expr(2)));
    body.add(last);
    env.nest--;
    env.restore(mark);
    return new If(c, new Block(body), Block.of());
  }

  private Block loopBody() {
    boolean saved = inSwitch;
    inSwitch = false;
    Block body = block(blockSize(), true);
    inSwitch = saved;
    return body;
  }

  /** Arrays that may be read here (row aliases too: stores into their matrix are fine). */
  private List<Arr> readableArrays() {
    return env.arrays;
  }

  private Stmt forLoop() {
    String i = fresh("i");
    IntVal bound = loopBound();
    Cond extra = chance(0.2) ? dataCondition() : null;
    boolean isLong = chance(0.15);
    int[] mark = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(i, bound.hi < 0 ? -1 : bound.hi - 1, false, isLong));
    Block body = loopBody();
    env.loopDepth--;
    env.restore(mark);
    return new For(i, bound.e, extra, body, isLong);
  }

  /**
   * A counted loop of another shape than {@link #forLoop}'s: from an enclosing index or a
   * constant, {@code <}, {@code <=}, or descending with {@code >}, {@code >=}, by 1, 2 or 3.
   * The index stays within 0 and its bound's {@code hi}, so it may index arrays.
   */
  private Stmt countedFor() {
    String v = fresh("j");
    IntVal bound = loopBound();
    List<IntVar> starts = intsOnly().stream()
        .filter(x -> x.hi() >= 0 && x.hi() <= length).toList();
    IntVal from = !starts.isEmpty() && chance(0.5)
        ? weighted(1.0, (Supplier<IntVal>) () -> {
              IntVar x = pick(starts);
              return new IntVal(new IVar(x.name()), x.hi());
            }, 1.0, (Supplier<IntVal>) () -> {
              IntVar x = pick(starts);
              return new IntVal(new IBin("+", new IVar(x.name()), new IConst(1)), x.hi() + 1);
            })
        : new IntVal(new IConst(r.nextInt(3)), 2);
    int step = chance(0.6) ? 1 : 2 + r.nextInt(2);
    String op;
    IExpr start;
    IExpr end;
    int hi;
    boolean longs = env.ints.stream().anyMatch(IntVar::isLong); // a long bound - 1 is no int
    if (longs || chance(0.5)) {
      op = chance(0.6) ? "<" : "<=";
      start = from.e();
      end = op.equals("<") ? bound.e() : new IBin("-", bound.e(), new IConst(1));
      hi = bound.hi() < 0 ? -1 : bound.hi() - 1;
    } else {
      // down from bound - 1 to above (or at) a start that is at least 0
      op = chance(0.5) ? ">" : ">=";
      start = new IBin("-", bound.e(), new IConst(1));
      end = op.equals(">") ? new IBin("-", from.e(), new IConst(1)) : from.e();
      hi = bound.hi() < 0 ? -1 : bound.hi() - 1;
    }
    int[] mark = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(v, hi, false));
    Block body = loopBody();
    env.loopDepth--;
    env.restore(mark);
    return new Ast.CountedFor(v, start, op, end, step, body);
  }

  private Stmt whileLoop() {
    String k = fresh("c");
    IntVal bound = chance(0.5) ? new IntVal(new IConst(2 + r.nextInt(5)), 6) : loopBound();
    Cond extra = chance(0.7) ? dataCondition() : null;
    int[] mark = env.mark();
    env.loopDepth++;
    env.ints.add(new IntVar(k, bound.hi, false));
    Block body = loopBody();
    env.loopDepth--;
    env.restore(mark);
    return new While(k, bound.e, extra, body, chance(0.35));
  }

  private Stmt forEach() {
    Arr a = pick(readableArrays());
    String v = fresh("e");
    int[] mark = env.mark();
    env.loopDepth++;
    env.doubles.add(v);
    Block body = loopBody();
    env.loopDepth--;
    env.restore(mark);
    return new ForEach(v, a.name(), body);
  }

  private Stmt forEachRow() {
    Mat m = pick(env.matrices);
    String v = fresh("row");
    rowAliased.add(m.name());
    int[] mark = env.mark();
    env.loopDepth++;
    env.arrays.add(new Arr(v, false, false, m.name()));
    Block body = loopBody();
    env.loopDepth--;
    env.restore(mark);
    return new ForEachRow(v, m.name(), body);
  }

  /** A comparison whose outcome depends on the data (for loop exits). */
  private Cond dataCondition() {
    return new Cmp(chance(0.5) ? "<" : ">", expr(1), constant());
  }

  // ---------------------------------------------------------------------------------------------
  // int expressions

  /** An int expression with an inclusive upper bound {@code hi} ({@code -1}: unknown). */
  private record IntVal(IExpr e, int hi) {}

  /** A trip count of at most 5. */
  private IntVal loopBound() {
    List<IntVar> bounded = env.ints.stream().filter(v -> v.hi() >= 0 && v.hi() <= 4).toList();
    List<IntVar> any = env.ints;
    return weighted(
        3.0, (Supplier<IntVal>) () -> {
          int c = 1 + r.nextInt(4);
          return new IntVal(new IConst(c), c);
        },
        w(!env.arrays.isEmpty(), 2.0),
        (Supplier<IntVal>) () -> new IntVal(new Length(pick(env.arrays).name()), length),
        w(!bounded.isEmpty(), 1.5), (Supplier<IntVal>) () -> {
          IntVar v = pick(bounded);
          return chance(0.5) ? new IntVal(new IVar(v.name()), v.hi())
              : new IntVal(new IBin("+", new IVar(v.name()), new IConst(1)), v.hi() + 1);
        },
        w(!any.isEmpty(), 0.8), (Supplier<IntVal>) () -> new IntVal(
            new IBin("%", new IVar(pick(any).name()), new IConst(4)), 3),
        0.8, (Supplier<IntVal>) () -> new IntVal(
            new IBin("%", dataInt(), new IConst(5)), 4),
        w(!intsOnly().isEmpty(), 0.4), (Supplier<IntVal>) () -> new IntVal(new IBin("%",
            new IHelper(JavaPrinter.MIX, List.of(new IVar(pick(intsOnly()).name()),
                smallInt().e)), new IConst(5)), 4));
  }

  /**
   * {@code (int) Math.abs(e * 3)}: a non-negative int that depends on the data. No calls in it:
   * it may be the index of a store, and an array passed to a call must not be stored to after.
   */
  private IExpr dataInt() {
    boolean saved = env.noCalls;
    env.noCalls = true;
    Expr e = expr(1);
    env.noCalls = saved;
    return new ToInt(new MathCall("abs", List.of(new Bin("*", e, new Num(3)))));
  }

  /** A small non-negative int. */
  private IntVal smallInt() {
    return weighted(
        3.0, (Supplier<IntVal>) () -> {
          int c = r.nextInt(4);
          return new IntVal(new IConst(c), c);
        },
        w(!intsOnly().isEmpty(), 3.0), (Supplier<IntVal>) () -> {
          IntVar v = pick(intsOnly());
          return new IntVal(new IVar(v.name()), v.hi());
        },
        w(!intsOnly().isEmpty(), 1.0), (Supplier<IntVal>) () -> {
          IntVar v = pick(intsOnly());
          int c = 1 + r.nextInt(2);
          return new IntVal(new IBin(chance(0.5) ? "+" : "*", new IVar(v.name()),
              new IConst(c)), -1);
        },
        w(!env.arrays.isEmpty(), 1.0),
        (Supplier<IntVal>) () -> new IntVal(new Length(pick(env.arrays).name()), length),
        0.5, (Supplier<IntVal>) () -> new IntVal(new IBin("%", dataInt(), new IConst(4)), 3),
        w(!intsOnly().isEmpty(), 0.5), (Supplier<IntVal>) () -> new IntVal(new IHelper(
            JavaPrinter.MIX, List.of(new IVar(pick(intsOnly()).name()),
                new IConst(r.nextInt(3)))), 6),
        w(library, 1.5), (Supplier<IntVal>) this::libraryInt);
  }

  /**
   * Small ints from {@code Integer}/{@code Long} constants and Math's integer functions: {@code
   * floorMod} of any int or long (also {@code floorMod(long, int)}, an int), {@code abs}, a
   * clamp by {@code max}/{@code min}, {@code floorDiv}, {@code (int) round(e)} of the data.
   */
  private IntVal libraryInt() {
    List<IntVar> ints = env.ints;
    List<IntVar> small = intsOnly();
    String[][] constants = {
        {"Integer.MAX_VALUE % 7", "1"},
        {"(int) (Long.MAX_VALUE % 5)", "2"},
        {"(int) (Long.MIN_VALUE % 3) + 2", "0"},
        {"Integer.MIN_VALUE + Integer.MAX_VALUE + 1", "0"},
        {"-Integer.MIN_VALUE - Integer.MIN_VALUE", "0"},
        {"Math.floorMod(Integer.MIN_VALUE, 3)", "1"},
        {"(int) Math.floorDiv(Long.MAX_VALUE, Long.MAX_VALUE - 1)", "1"}};
    return weighted(
        1.0, (Supplier<IntVal>) () -> {
          String[] c = constants[r.nextInt(constants.length)];
          return new IntVal(new INamed(c[0]), Integer.parseInt(c[1]));
        },
        w(!ints.isEmpty(), 1.0), (Supplier<IntVal>) () -> {
          int c = 2 + r.nextInt(3);
          return new IntVal(new IMath("floorMod", List.of(new IVar(pick(ints).name()),
              new IConst(c))), c - 1);
        },
        w(!small.isEmpty(), 0.5), (Supplier<IntVal>) () -> new IntVal(new IMath("abs",
            List.of(new IBin("-", new IVar(pick(small).name()), new IConst(2)))), -1),
        w(!small.isEmpty(), 0.5), (Supplier<IntVal>) () -> new IntVal(new IMath("max",
            List.of(new IConst(0), new IMath("min", List.of(new IVar(pick(small).name()),
                new IConst(3))))), 3),
        w(!small.isEmpty(), 0.4), (Supplier<IntVal>) () -> new IntVal(new IMath("floorDiv",
            List.of(new IVar(pick(small).name()), new IConst(2))), -1),
        0.8, (Supplier<IntVal>) () -> {
          boolean saved = env.noCalls;
          env.noCalls = true;
          Expr e = expr(1);
          env.noCalls = saved;
          return new IntVal(new IMath("floorMod", List.of(new IRound(e), new IConst(4))), 3);
        });
  }

  /** An index into {@code array} (length {@link #length}): in bounds by construction. */
  private IExpr index(String array) {
    List<IntVar> direct = intsOnly().stream()
        .filter(v -> v.hi() >= 0 && v.hi() <= length - 1).toList();
    return weighted(
        2.5, (Supplier<IExpr>) () -> new IConst(r.nextInt(length)),
        w(!direct.isEmpty(), 4.0), (Supplier<IExpr>) () -> new IVar(pick(direct).name()),
        w(!direct.isEmpty(), 0.8), (Supplier<IExpr>) () -> new IBin("-",
            new IBin("-", new Length(array), new IConst(1)), new IVar(pick(direct).name())),
        w(!intsOnly().isEmpty(), 1.5), (Supplier<IExpr>) () -> new IBin("%", smallInt().e,
            new Length(array)),
        0.6, (Supplier<IExpr>) () -> new IBin("%", dataInt(), new Length(array)),
        w(library, 0.8), (Supplier<IExpr>) () -> new IMath("floorMod",
            List.of(smallInt().e, new Length(array))),
        w(library && !intsOnly().isEmpty(), 0.5), (Supplier<IExpr>) () -> new IMath("max",
            List.of(new IConst(0), new IMath("min", List.of(new IVar(pick(intsOnly()).name()),
                new IBin("-", new Length(array), new IConst(1)))))),
        w(!intsOnly().isEmpty() && !noSteps && (self.equals(Program.MAIN)
            || !KnownBug.STATEFUL_HELPER_IN_CALLEE.avoided()), 0.6),
        (Supplier<IExpr>) () -> new IBin("%", new IHelper(
            JavaPrinter.TICK, List.of(new IVar(pick(intsOnly()).name()), smallInt().e)),
            new Length(array)),
        w(!steppable().isEmpty(), 2.0), (Supplier<IExpr>) () -> new IBin("%",
            new Ast.PostStep(pick(steppable()).name()), new Length(array)));
  }

  // ---------------------------------------------------------------------------------------------
  // conditions

  private Cond cond(int depth) {
    List<IntVar> ints = env.ints;
    return weighted(
        5.0, (Supplier<Cond>) () -> new Cmp(pick(List.of("<", "<=", ">", ">=")), expr(2),
            chance(0.6) ? constant() : expr(1)),
        w(!ints.isEmpty(), 1.5), (Supplier<Cond>) () -> {
          IntVar v = pick(ints);
          return chance(0.5)
              ? new ICmp(chance(0.5) ? "==" : "!=",
                  new IBin("%", new IVar(v.name()), new IConst(2)), new IConst(0))
              : new ICmp(pick(List.of("<", ">", "<=", ">=")), new IVar(v.name()),
                  new IConst(r.nextInt(3)));
        },
        w(depth > 0, 1.0), (Supplier<Cond>) () -> new And(cond(depth - 1), cond(depth - 1)),
        w(depth > 0, 1.0), (Supplier<Cond>) () -> new Or(cond(depth - 1), cond(depth - 1)),
        w(depth > 0, 0.4), (Supplier<Cond>) () -> new Not(cond(depth - 1)),
        w(!env.bools.isEmpty(), 0.8), (Supplier<Cond>) () -> new BoolVar(pick(env.bools)),
        w(!intsOnly().isEmpty(), 0.4), (Supplier<Cond>) () -> new BoolHelper(JavaPrinter.EVEN,
            new IVar(pick(intsOnly()).name())),
        w(!steppable().isEmpty(), 1.5), (Supplier<Cond>) () -> new ICmp(">",
            new Ast.PostStep(pick(steppable()).name()), new IConst(r.nextInt(4))),
        w(!env.objects.isEmpty(), 1.0),
        (Supplier<Cond>) () -> ObjectValues.cond(r, pick(env.objects)));
  }

  private Expr constant() {
    double c = pick(List.of(0.0, 0.5, 1.0, 1.5, 0.25, 2.0, 0.75, Math.E));
    return chance(0.3) && c != 0 ? new Neg(new Num(c)) : new Num(c);
  }

  // ---------------------------------------------------------------------------------------------
  // double expressions

  private Expr expr(int depth) {
    if (depth <= 0 || chance(0.25)) {
      return leaf();
    }
    boolean kernels = !passableArrays().isEmpty() || !passableMatrices().isEmpty();
    return weighted(
        5.0, (Supplier<Expr>) () -> new Bin(pick(List.of("+", "-", "*")), expr(depth - 1),
            expr(depth - 1)),
        1.5, (Supplier<Expr>) () -> new Bin("/", expr(depth - 1),
            chance(0.8) ? positive(expr(depth - 2)) : expr(depth - 1)),
        0.6, (Supplier<Expr>) () -> new Neg(expr(depth - 1)),
        5.0, (Supplier<Expr>) () -> math(depth),
        0.8, (Supplier<Expr>) () -> new Ternary(cond(1), expr(depth - 1), expr(depth - 1)),
        // More in loops where a helper takes an array: the split calls with array arguments.
        w(!callable.isEmpty() && !env.noCalls, env.loopDepth > 0 && !env.arrays.isEmpty()
            && callable.stream().anyMatch(ProgramGenerator::takesArray) ? 4.0 : 1.5),
        (Supplier<Expr>) () -> call(depth),
        w(kernels && !env.noCalls, 1.0), (Supplier<Expr>) this::scalarKernel,
        w(depth > 1 && !noSteps, 0.4), (Supplier<Expr>) () -> switchValue(depth),
        // Not where calls are excluded (an assert's condition, which must not assign: an
        // applied lambda binds its parameter).
        w(!env.functions.isEmpty() && !env.noCalls, 1.0),
        (Supplier<Expr>) () -> new Ast.Apply(pick(env.functions), expr(depth - 1)),
        w(passFunctions && Program.MAIN.equals(self) && !env.noCalls, 0.8),
        (Supplier<Expr>) () -> passFunction(depth));
  }

  /**
   * In a program passing functions, a local or two of the main method that no statement
   * assigns again ({@code double c0 = ...}), so a lambda passed to a helper may capture them
   * and the gradient flows through the inlined helper into them (issue 10).
   */
  private List<Stmt> capturedByLambdas() {
    captured.clear();
    List<Stmt> out = new ArrayList<>();
    int n = passFunctions ? passing.nextInt(3) : 0;
    for (int k = 0; k < n; k++) {
      String name = fresh("c");
      out.add(new DeclDouble(name, expr(2)));
      env.doubles.add(name); // read-only: not assignable
      captured.add(name);
    }
    if (passFunctions && env.functions.isEmpty() && passing.nextDouble() < 0.4) {
      out.add(localFunction()); // to pass by name
    }
    return out;
  }

  /**
   * A call passing a local function or a lambda (of its parameter, the captured locals and
   * constants) to a helper taking a function ({@link FunctionHelpers}).
   */
  private Expr passFunction(int depth) {
    String helper = pick(FunctionHelpers.names());
    Expr arg = expr(depth - 1);
    int count = r.nextInt(4);
    if (!env.functions.isEmpty() && chance(0.4)) {
      return new Ast.PassFunction(helper, pick(env.functions), null, null, arg, count);
    }
    String param = fresh("t");
    Env outer = env;
    env = new Env();
    env.doubles.add(param);
    env.doubles.addAll(captured);
    env.noCalls = true;
    Expr body;
    try {
      body = expr(2 + r.nextInt(2));
    } finally {
      env = outer;
    }
    return new Ast.PassFunction(helper, null, param, body, arg, count);
  }

  /**
   * Sometimes a local function or two ({@code DoubleUnaryOperator fn = v -> ...}), whose body
   * reads only its parameter and constants: nothing it captures may change (issue 10).
   */
  private List<Stmt> localFunctions() {
    List<Stmt> out = new ArrayList<>();
    int n = chance(0.15) ? 1 + (chance(0.3) ? 1 : 0) : 0;
    for (int k = 0; k < n; k++) {
      out.add(localFunction());
    }
    return out;
  }

  /** One local function, in scope from here on. */
  private Stmt localFunction() {
    String name = fresh("fn");
    String param = fresh("v");
    Env outer = env;
    env = new Env();
    env.doubles.add(param);
    env.noCalls = true;
    Expr body;
    try {
      body = expr(2 + r.nextInt(2));
    } finally {
      env = outer;
    }
    env.functions.add(name);
    return new Ast.DeclFunction(name, param, body);
  }

  private Expr leaf() {
    List<IntVar> ints = env.ints;
    List<Arr> arrays = readableArrays();
    List<Mat> matrices = env.matrices;
    return weighted(
        w(!env.doubles.isEmpty(), 6.0), (Supplier<Expr>) () -> new Var(pick(env.doubles)),
        2.0, (Supplier<Expr>) () -> new Num(pick(List.of(0.5, 1.0, 2.0, 1.5, 0.25, 3.0, 0.1,
            0.75, Math.PI, Math.E))),
        w(!arrays.isEmpty(), 3.0), (Supplier<Expr>) () -> {
          Arr a = pick(arrays);
          return new Read(a.name(), index(a.name()));
        },
        w(!matrices.isEmpty(), 1.0), (Supplier<Expr>) () -> {
          Mat m = pick(matrices);
          return new Read2(m.name(), index(m.name()), index(m.name()));
        },
        w(!ints.isEmpty(), 0.8), (Supplier<Expr>) () -> new ToDouble(new IVar(pick(ints)
            .name())),
        w(constants, 1.0), (Supplier<Expr>) () -> new Ast.Constant(
            pick(List.copyOf(new java.util.TreeSet<>(JavaPrinter.CONSTANTS.keySet()))),
            chance(0.3)),
        w(constants, 1.5), (Supplier<Expr>) () -> new Ast.TableRead(index(JavaPrinter.TABLE)));
  }

  private static boolean isLeaf(Expr e) {
    return e instanceof Var || e instanceof Num || e instanceof Read || e instanceof Read2;
  }

  /** An expression that is at least about 0.1, built around {@code e}. */
  private Expr positive(Expr e) {
    boolean leaf = isLeaf(e);
    return weighted(
        w(leaf, 3.0), (Supplier<Expr>) () -> new Bin("+", new Num(chance(0.7) ? 1.0 : 0.5),
            new Bin("*", e, e)),
        1.0, (Supplier<Expr>) () -> new Bin("+", new Num(2.0), new MathCall("sin", List.of(e))),
        1.0, (Supplier<Expr>) () -> new Bin("+", new Num(1.5), new MathCall("tanh",
            List.of(e))),
        1.0, (Supplier<Expr>) () -> new Bin("+", new Num(1.0), new MathCall("abs", List.of(e))),
        0.7, (Supplier<Expr>) () -> new MathCall("exp", List.of(new MathCall("cos",
            List.of(e)))),
        0.5, (Supplier<Expr>) () -> new MathCall("hypot", List.of(e, new Num(1.0))));
  }

  /** An expression in (-0.9, 0.9). */
  private Expr unit(Expr e) {
    return weighted(
        1.0, (Supplier<Expr>) () -> new Bin("*", new Num(0.9), new MathCall("tanh", List.of(e))),
        1.0, (Supplier<Expr>) () -> new Bin("*", new Num(0.8), new MathCall("sin", List.of(e))),
        1.0, (Supplier<Expr>) () -> new Bin("*", new Num(0.7), new MathCall("cos", List.of(e))));
  }

  /** Often bounded, sometimes as is (for functions that overflow). */
  private Expr tame(Expr e) {
    return weighted(
        1.0, (Supplier<Expr>) () -> e,
        1.0, (Supplier<Expr>) () -> new MathCall(pick(List.of("sin", "cos", "tanh")),
            List.of(e)));
  }

  private Expr math(int depth) {
    Supplier<Expr> arg = () -> expr(depth - 1);
    Supplier<Expr> small = () -> expr(depth - 2);
    return weighted(
        6.0, (Supplier<Expr>) () -> new MathCall(pick(List.of("sin", "cos", "atan", "tanh",
            "cbrt")), List.of(arg.get())),
        0.4, (Supplier<Expr>) () -> new MathCall(pick(List.of("toRadians", "toDegrees")),
            List.of(arg.get())),
        3.0, (Supplier<Expr>) () -> new MathCall(pick(List.of("abs", "signum", "floor", "ceil",
            "rint")), List.of(arg.get())),
        3.0, (Supplier<Expr>) () -> new MathCall(pick(List.of("sinh", "cosh", "exp", "expm1")),
            List.of(tame(arg.get()))),
        2.5, (Supplier<Expr>) () -> new MathCall(pick(List.of("asin", "acos", "tan")),
            List.of(unit(arg.get()))),
        3.0, (Supplier<Expr>) () -> new MathCall(pick(List.of("log", "log10", "sqrt")),
            List.of(positive(small.get()))),
        1.0, (Supplier<Expr>) () -> {
          Expr e = small.get();
          return new MathCall("log1p", List.of(isLeaf(e) ? new Bin("*", e, e) : positive(e)));
        },
        3.0, (Supplier<Expr>) () -> new MathCall(pick(List.of("atan2", "hypot", "max", "min")),
            List.of(arg.get(), arg.get())),
        3.0, (Supplier<Expr>) () -> pow(depth),
        w(shadowing, 4.0), (Supplier<Expr>) () -> {
          String fn = pick(List.of("exp", "sin", "cos", "tanh", "atan"));
          return new ShadowCall(fn, fn.equals("exp") ? tame(arg.get()) : arg.get());
        },
        w(library, 1.0), (Supplier<Expr>) () -> new MathCall("fma",
            List.of(arg.get(), arg.get(), arg.get())),
        1.0, (Supplier<Expr>) () -> customCall(arg),
        w(library, 1.5), (Supplier<Expr>) () -> library(depth));
  }

  /**
   * Double constants where they change nothing but must still be read and printed right:
   * {@code min(e, Double.MAX_VALUE)}, {@code e + Double.MIN_NORMAL}, a NaN in a branch taken only
   * for an infinite {@code e}, ...
   */
  private Expr library(int depth) {
    Expr e = expr(depth - 1);
    return weighted(
        1.0, (Supplier<Expr>) () -> new MathCall("min", List.of(e, new Named("Double.MAX_VALUE"))),
        1.0, (Supplier<Expr>) () -> new MathCall("max",
            List.of(e, new Named("Double.NEGATIVE_INFINITY"))),
        1.0, (Supplier<Expr>) () -> new MathCall("min",
            List.of(new Named("Double.POSITIVE_INFINITY"), e)),
        1.0, (Supplier<Expr>) () -> new Bin(chance(0.5) ? "+" : "-", e,
            new Named(chance(0.5) ? "Double.MIN_NORMAL" : "Double.MIN_VALUE")),
        1.0, (Supplier<Expr>) () -> new Ternary(new Cmp(">", e, new Named("Double.MAX_VALUE")),
            new Named("Double.NaN"), e));
  }

  private Expr pow(int depth) {
    return weighted(
        1.0, (Supplier<Expr>) () -> new MathCall("pow", List.of(positive(expr(depth - 2)),
            tame(expr(depth - 1)))),
        1.0, (Supplier<Expr>) () -> new MathCall("pow", List.of(expr(depth - 1),
            new Num(chance(0.5) ? 2.0 : 3.0))),
        1.0, (Supplier<Expr>) () -> new MathCall("pow", List.of(positive(expr(depth - 2)),
            chance(0.5) ? new Num(pick(List.of(0.5, 1.5, 2.5))) : new Neg(new Num(1.0)))),
        w(!env.ints.isEmpty(), 0.3), (Supplier<Expr>) () -> new MathCall("pow",
            List.of(expr(depth - 1), new ToDouble(new IVar(pick(env.ints).name())))),
        // An active base that is exactly 0 (e - e) with an exponent of 0, 1, 2 or an int: x^0
        // once had a NaN derivative at x = 0 (0 * pow(0, -1)), a NaN gradient for e.
        0.3, (Supplier<Expr>) () -> zeroBasePow(depth));
  }

  private Expr zeroBasePow(int depth) {
    Expr e = expr(depth - 2);
    Expr exponent = !env.ints.isEmpty() && chance(0.5)
        ? new ToDouble(new IVar(pick(env.ints).name()))
        : new Num(pick(List.of(0.0, 1.0, 2.0)));
    return new MathCall("pow", List.of(new Bin("-", e, e), exponent));
  }

  private static boolean takesArray(Method m) {
    return m.params().stream().anyMatch(p -> p.type() == Type.ARRAY);
  }

  private Expr call(int depth) {
    Method m = pick(callable);
    List<Arg> args = new ArrayList<>();
    for (Param p : m.params()) {
      switch (p.type()) {
        // a varying argument for a parameter outside the callee's wrt is an error (it would
        // lose its derivative): those get constants
        case DOUBLE -> args.add(m.wrt() != null
            && !m.wrt().contains(p.name()) ? new Num(pick(List.of(0.5, 1.5, 2.0)))
            : expr(depth - 1));
        case INT -> args.add(m.name().startsWith("r")
            ? new IBin("%", smallInt().e, new IConst(4)) : smallInt().e);
        // In a loop a static helper's call is split (its halves on this method's stacks), and
        // an array written after it is copied for the reverse half: any array may be passed.
        case ARRAY -> args.add(env.loopDepth > 0 && !Program.instance(seed)
            && !env.arrays.isEmpty() && chance(0.5)
            ? new ArrayName(pick(env.arrays).name())
            : passableArrays().isEmpty() ? new ArrayName("UNAVAILABLE") : arr());
        case MATRIX, BOOLEAN, LONG -> throw new IllegalStateException("not a helper parameter");
      }
    }
    if (args.contains(new ArrayName("UNAVAILABLE"))) {
      // No array in scope for the helper's array parameter: call something else.
      return expr(depth - 1);
    }
    return new Call(m.name(), args);
  }

  private Expr scalarKernel() {
    boolean arrays = !passableArrays().isEmpty();
    boolean matrices = !passableMatrices().isEmpty();
    List<Mat> generic = passableMatrices().stream().filter(Mat::generic).toList();
    return weighted(
        w(arrays, 2.0), (Supplier<Expr>) () -> new Kernel("dot", List.of(arr(), arr())),
        w(arrays, 1.0), (Supplier<Expr>) () -> new Kernel("sum", List.of(arr())),
        w(arrays, 1.0), (Supplier<Expr>) () -> new Kernel("squaredNorm", List.of(arr())),
        w(arrays, 0.7), (Supplier<Expr>) () -> new Kernel("norm2", List.of(arr())),
        w(arrays, 1.0), (Supplier<Expr>) () -> new Kernel("logSumExp", List.of(arr())),
        w(arrays && matrices, 1.0), (Supplier<Expr>) () -> new Kernel("quadForm",
            List.of(arr(), mat())),
        w(arrays && matrices, 0.6), (Supplier<Expr>) () -> new Kernel("bilinear",
            List.of(arr(), mat(), arr())),
        w(matrices, 0.6), (Supplier<Expr>) () -> new Kernel("trace", List.of(mat())),
        w(!generic.isEmpty(), 0.4), (Supplier<Expr>) () -> new Kernel("det",
            List.of(passed(pick(generic)))),
        w(!generic.isEmpty(), 0.3), (Supplier<Expr>) () -> new Kernel("logDet",
            List.of(passed(pick(generic)))));
  }

  // ---------------------------------------------------------------------------------------------
  // long chains (issue 8): a sum or product of many terms in one expression

  /**
   * Lengths and frequency of long chains. A 1,500-term sum once overflowed the processor's stack;
   * the range is {@code -Dadjoint.fuzz.chainTerms=200-2000}. The default is shorter
   * because the simplifier is still super-linear in chain length (a separate issue).
   */
  static final class LongChains {
    static final double CHANCE = 0.04;
    static final int MIN;
    static final int MAX;

    static {
      String[] range = System.getProperty("adjoint.fuzz.chainTerms", "20-50").split("-");
      MIN = Integer.parseInt(range[0].trim());
      MAX = Integer.parseInt(range[range.length - 1].trim());
    }

    private LongChains() {}
  }

  /**
   * {@code t1 + t2 + ...} over leaves and products of two leaves, or {@code f1 * f2 * ...} over
   * constants around 1 with a few leaves, so the product stays finite. Drawn from {@link
   * #chains} only, reading the variables in scope at the return.
   */
  private Expr longChain() {
    int terms = LongChains.MIN + chains.nextInt(LongChains.MAX - LongChains.MIN + 1);
    boolean product = chains.nextBoolean();
    List<String> ds = env.doubles;
    Expr chain = null;
    int leaves = 0;
    for (int k = 0; k < terms; k++) {
      Expr term;
      if (product) {
        boolean variable = !ds.isEmpty() && leaves < 4 && chains.nextDouble() < 0.1;
        term = variable ? new Var(ds.get(chains.nextInt(ds.size())))
            : new Num(List.of(0.5, 2.0, 0.75, 1.25, 1.0).get(chains.nextInt(5)));
        leaves += variable ? 1 : 0;
      } else {
        term = chainLeaf(ds);
        if (chains.nextDouble() < 0.3) {
          term = new Bin("*", term, chainLeaf(ds));
        }
      }
      chain = chain == null ? term
          : new Bin(product ? "*" : chains.nextDouble() < 0.8 ? "+" : "-", chain, term);
    }
    return chain;
  }

  private Expr chainLeaf(List<String> ds) {
    return ds.isEmpty() || chains.nextDouble() < 0.2
        ? new Num(List.of(0.5, 1.0, 2.0, 0.25, 3.0).get(chains.nextInt(5)))
        : new Var(ds.get(chains.nextInt(ds.size())));
  }
}
