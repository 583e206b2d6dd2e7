package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.And;
import dev.adjoint.processor.fuzz.Ast.Bin;
import dev.adjoint.processor.fuzz.Ast.Block;
import dev.adjoint.processor.fuzz.Ast.BoolConst;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.DeclInt;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.For;
import dev.adjoint.processor.fuzz.Ast.ForEach;
import dev.adjoint.processor.fuzz.Ast.ForEachRow;
import dev.adjoint.processor.fuzz.Ast.IBin;
import dev.adjoint.processor.fuzz.Ast.IConst;
import dev.adjoint.processor.fuzz.Ast.IExpr;
import dev.adjoint.processor.fuzz.Ast.If;
import dev.adjoint.processor.fuzz.Ast.Kernel;
import dev.adjoint.processor.fuzz.Ast.MathCall;
import dev.adjoint.processor.fuzz.Ast.Neg;
import dev.adjoint.processor.fuzz.Ast.Node;
import dev.adjoint.processor.fuzz.Ast.Not;
import dev.adjoint.processor.fuzz.Ast.Num;
import dev.adjoint.processor.fuzz.Ast.Or;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Ternary;
import dev.adjoint.processor.fuzz.Ast.ToDouble;
import dev.adjoint.processor.fuzz.Ast.Var;
import dev.adjoint.processor.fuzz.Ast.While;
import dev.adjoint.processor.fuzz.Program.Method;
import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Greedy test-case reduction. From a failing program, every one-step simplification is a
 * candidate: drop a statement, inline a branch or a loop body, drop an {@code else} or a loop's
 * extra condition, replace a subexpression by a constant, by a parameter or by one of its own
 * operands, a condition by {@code true}/{@code false} or an operand, an int expression by 0 or 1,
 * drop a helper method, an unused parameter or a {@code wrt} entry, shorten the arrays.
 * Candidates that are not valid Java are filtered out by a javac run without processing; the rest
 * are checked smallest first, in growing batches (one compilation each), and the smallest one
 * that still fails with the same {@link Failure#signature()} replaces the program. Stops at a
 * fixed point or when the time budget runs out.
 */
final class Shrinker {

  /** Checks programs; an entry is the failure, or null if that program passes. */
  interface Oracle {
    List<Failure> evaluate(List<Program> programs);
  }

  private static final int FIRST_CHUNK = 8;
  private static final int CHUNK = 64;

  private final Oracle oracle;
  private final long budgetMillis;
  private int rounds;
  private int evaluated;

  Shrinker(Oracle oracle, long budgetMillis) {
    this.oracle = oracle;
    this.budgetMillis = budgetMillis;
  }

  record Result(Program program, Failure failure, int rounds, int evaluated, boolean complete) {}

  Result shrink(Program program, Failure failure) {
    long deadline = System.currentTimeMillis() + budgetMillis;
    String signature = failure.signature();
    Program best = program;
    Failure bestFailure = failure;
    boolean complete = false;
    search:
    while (true) {
      if (System.currentTimeMillis() > deadline) {
        break;
      }
      rounds++;
      List<Program> candidates = candidates(best);
      // small chunks first: the smallest candidates often still fail
      int size = FIRST_CHUNK;
      for (int from = 0; from < candidates.size(); from += size, size = Math.min(CHUNK,
          2 * size)) {
        if (System.currentTimeMillis() > deadline) {
          break search;
        }
        List<Program> chunk = new ArrayList<>(
            candidates.subList(from, Math.min(candidates.size(), from + size)));
        List<Integer> invalid = BatchCompiler.invalidJava(chunk);
        List<Program> valid = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          if (!invalid.contains(i)) {
            valid.add(chunk.get(i));
          }
        }
        if (valid.isEmpty()) {
          continue;
        }
        evaluated += valid.size();
        List<Failure> failures = oracle.evaluate(valid);
        for (int i = 0; i < valid.size(); i++) {
          Failure f = failures.get(i);
          if (f != null && f.signature().equals(signature)) {
            best = valid.get(i); // smallest first, so the first hit is the best of the chunk
            bestFailure = f;
            continue search;
          }
        }
      }
      complete = true;
      break;
    }
    return new Result(best, bestFailure, rounds, evaluated, complete);
  }

  // ---------------------------------------------------------------------------------------------
  // candidates

  /** Every one-step simplification of {@code p}, smallest first, without duplicates. */
  static List<Program> candidates(Program p) {
    List<Program> out = new ArrayList<>();
    List<Method> methods = p.methods();
    int mainIndex = methods.size() - 1;
    // drop a helper
    for (int i = 0; i < mainIndex; i++) {
      List<Method> ms = new ArrayList<>(methods);
      ms.remove(i);
      out.add(p.withMethods(ms));
    }
    // parameters and wrt of the main method
    Method main = p.main();
    for (int i = 0; i < main.params().size(); i++) {
      List<Param> ps = new ArrayList<>(main.params());
      Param removed = ps.remove(i);
      List<String> wrt = main.wrt() == null ? null : new ArrayList<>(main.wrt());
      if (wrt != null) {
        wrt.remove(removed.name());
        if (wrt.isEmpty()) {
          continue;
        }
      }
      out.add(replaceMethod(p, mainIndex, main.withParams(ps, wrt)));
    }
    if (main.wrt() != null) {
      out.add(replaceMethod(p, mainIndex, main.withParams(main.params(), null)));
      if (main.wrt().size() > 1) {
        for (String w : main.wrt()) {
          List<String> wrt = new ArrayList<>(main.wrt());
          wrt.remove(w);
          out.add(replaceMethod(p, mainIndex, main.withParams(main.params(), wrt)));
        }
      }
    }
    if (p.arrayLength() > 1) {
      out.add(p.withArrayLength(p.arrayLength() - 1));
      if (p.arrayLength() > 2) {
        out.add(p.withArrayLength(1));
      }
    }
    if (p.staticImport()) {
      out.add(p.withStaticImport(false));
    }
    // bodies
    for (int m = 0; m < methods.size(); m++) {
      Method method = methods.get(m);
      for (Node body : variants(method.body(), method)) {
        out.add(replaceMethod(p, m, method.withBody((Block) body)));
      }
    }
    // only strictly smaller candidates, so that shrinking terminates
    Map<String, Program> unique = new LinkedHashMap<>();
    for (Program c : out) {
      if (MEASURE.compare(c, p) < 0) {
        unique.putIfAbsent(c.toJava("X") + c.arrayLength() + c.staticImport(), c);
      }
    }
    List<Program> sorted = new ArrayList<>(unique.values());
    sorted.sort(MEASURE);
    return sorted;
  }

  /** Nodes, then array length, then static import, then text length. */
  private static final Comparator<Program> MEASURE = Comparator.comparingInt(Program::size)
      .thenComparingInt(Program::arrayLength)
      .thenComparing(Program::staticImport)
      .thenComparingInt(c -> c.toJava("X").length());

  private static Program replaceMethod(Program p, int index, Method m) {
    List<Method> ms = new ArrayList<>(p.methods());
    ms.set(index, m);
    return p.withMethods(ms);
  }

  /** Every one-step simplification of the subtree {@code n}. */
  private static List<Node> variants(Node n, Method method) {
    List<Node> out = new ArrayList<>(local(n, method));
    List<Node> kids = n.kids();
    for (int i = 0; i < kids.size(); i++) {
      for (Node v : variants(kids.get(i), method)) {
        List<Node> changed = new ArrayList<>(kids);
        changed.set(i, v);
        out.add(n.withKids(changed));
      }
    }
    return out;
  }

  /** Simplifications of {@code n} itself. */
  private static List<Node> local(Node n, Method method) {
    List<Node> out = new ArrayList<>();
    if (n instanceof Block b) {
      List<Stmt> stmts = b.stmts();
      for (int i = 0; i < stmts.size(); i++) {
        List<Stmt> dropped = new ArrayList<>(stmts);
        dropped.remove(i);
        out.add(new Block(dropped));
        for (List<Stmt> inlined : inlinings(stmts.get(i))) {
          List<Stmt> replaced = new ArrayList<>(stmts.subList(0, i));
          replaced.addAll(inlined);
          replaced.addAll(stmts.subList(i + 1, stmts.size()));
          out.add(new Block(replaced));
        }
      }
    } else if (n instanceof If i) {
      if (!i.otherwise().stmts().isEmpty()) {
        out.add(new If(i.c(), i.then(), Block.of()));
        out.add(new If(new Not(i.c()), i.otherwise(), Block.of()));
      }
    } else if (n instanceof For f && f.isLong()) {
      out.add(new For(f.var(), f.bound(), f.extra(), f.body(), false));
      if (f.extra() != null) {
        out.add(new For(f.var(), f.bound(), null, f.body(), true));
      }
    } else if (n instanceof DeclInt d && d.isLong()) {
      out.add(new DeclInt(d.name(), d.init(), false));
    } else if (n instanceof For f && f.extra() != null) {
      out.add(new For(f.var(), f.bound(), null, f.body(), f.isLong()));
    } else if (n instanceof While w && w.extra() != null) {
      out.add(new While(w.counter(), w.bound(), null, w.body(), w.doWhile()));
    } else if (n instanceof Expr e) {
      if (!(e instanceof Num num && (num.value() == 1.0 || num.value() == 0.5))) {
        out.add(new Num(1.0));
        out.add(new Num(0.5));
      }
      for (Param p : method.params()) {
        if (p.type() == Type.DOUBLE && !Objects.equals(e, new Var(p.name()))) {
          out.add(new Var(p.name()));
        }
      }
      if (e instanceof Bin b) {
        out.add(b.a());
        out.add(b.b());
      } else if (e instanceof Neg neg) {
        out.add(neg.a());
      } else if (e instanceof MathCall c) {
        out.addAll(c.args());
      } else if (e instanceof Ternary t) {
        out.add(t.a());
        out.add(t.b());
      } else if (e instanceof Call c) {
        for (Node a : c.args()) {
          if (a instanceof Expr x) {
            out.add(x);
          }
        }
      } else if (e instanceof Kernel k) {
        for (Node a : k.args()) {
          if (a instanceof Expr x) {
            out.add(x);
          }
        }
      } else if (e instanceof ToDouble d && d.e() instanceof IConst c) {
        out.add(new Num(c.value()));
      }
    } else if (n instanceof Cond c) {
      if (!(c instanceof BoolConst)) {
        out.add(new BoolConst(true));
        out.add(new BoolConst(false));
      }
      if (c instanceof And a) {
        out.add(a.a());
        out.add(a.b());
      } else if (c instanceof Or o) {
        out.add(o.a());
        out.add(o.b());
      } else if (c instanceof Not not) {
        out.add(not.a());
      }
    } else if (n instanceof IExpr e) {
      if (!(e instanceof IConst)) {
        out.add(new IConst(0));
        out.add(new IConst(1));
      }
      // never the operands of %: that bound keeps loops short
      if (e instanceof IBin b && !b.op().equals("%")) {
        out.add(b.a());
        out.add(b.b());
      }
    }
    return out;
  }

  /** Statements that can stand for {@code s} in its block: a branch or a loop body, inlined. */
  private static List<List<Stmt>> inlinings(Stmt s) {
    List<List<Stmt>> out = new ArrayList<>();
    if (s instanceof If i) {
      out.add(i.then().stmts());
      if (!i.otherwise().stmts().isEmpty()) {
        out.add(i.otherwise().stmts());
      }
    } else if (s instanceof For f) {
      out.add(f.body().stmts());
    } else if (s instanceof Ast.CountedFor f) {
      out.add(f.body().stmts());
    } else if (s instanceof While w) {
      out.add(w.body().stmts());
    } else if (s instanceof ForEach f) {
      out.add(f.body().stmts());
    } else if (s instanceof ForEachRow f) {
      out.add(f.body().stmts());
    } else if (s instanceof Block b) {
      out.add(b.stmts());
    }
    return out;
  }

  int rounds() {
    return rounds;
  }

  int evaluated() {
    return evaluated;
  }
}
