package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.fuzz.Program.Param;
import dev.adjoint.processor.fuzz.Program.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuzzer's own parts: the checker catches wrong values, gradients and pullbacks (fed
 * hand-written wrong "adjoints"), the generator is a function of its seed, and the shrinker
 * reduces a program while keeping its failure.
 */
class FuzzHarnessTest {

  // ---------------------------------------------------------------------------------------------
  // a method under test and hand-written adjoints of it, right and wrong

  /** {@code f(x0, a0) = sin(x0) * a0[0] + a0[1]}, the "original". */
  static final class Original {
    static double f(double x0, double[] a0) {
      return Math.sin(x0) * a0[0] + a0[1];
    }
  }

  static final class RightAdjoint {
    record FGradient(double value, double dX0, double[] dA0) {}

    static FGradient f(double x0, double[] a0) {
      return new FGradient(Original.f(x0, a0), Math.cos(x0) * a0[0],
          new double[] {Math.sin(x0), 1});
    }

    static double fPullback(double x0, double[] a0, double seed, double[] grad, double[] a0Bar) {
      grad[0] += seed * Math.cos(x0) * a0[0];
      a0Bar[0] += seed * Math.sin(x0);
      a0Bar[1] += seed;
      return Original.f(x0, a0);
    }
  }

  /** d/dx0 has the wrong sign. */
  static final class WrongGradient {
    record FGradient(double value, double dX0, double[] dA0) {}

    static FGradient f(double x0, double[] a0) {
      return new FGradient(Original.f(x0, a0), -Math.cos(x0) * a0[0],
          new double[] {Math.sin(x0), 1});
    }

    static double fPullback(double x0, double[] a0, double seed, double[] grad, double[] a0Bar) {
      grad[0] -= seed * Math.cos(x0) * a0[0];
      a0Bar[0] += seed * Math.sin(x0);
      a0Bar[1] += seed;
      return Original.f(x0, a0);
    }
  }

  /** The value is off by one ulp. */
  static final class WrongValue {
    record FGradient(double value, double dX0, double[] dA0) {}

    static FGradient f(double x0, double[] a0) {
      return new FGradient(Math.nextUp(Original.f(x0, a0)), Math.cos(x0) * a0[0],
          new double[] {Math.sin(x0), 1});
    }

    static double fPullback(double x0, double[] a0, double seed, double[] grad, double[] a0Bar) {
      return RightAdjoint.fPullback(x0, a0, seed, grad, a0Bar);
    }
  }

  /** The pullback overwrites instead of accumulating. */
  static final class Overwriting {
    record FGradient(double value, double dX0, double[] dA0) {}

    static FGradient f(double x0, double[] a0) {
      return new FGradient(Original.f(x0, a0), Math.cos(x0) * a0[0],
          new double[] {Math.sin(x0), 1});
    }

    static double fPullback(double x0, double[] a0, double seed, double[] grad, double[] a0Bar) {
      grad[0] = seed * Math.cos(x0) * a0[0];
      a0Bar[0] += seed * Math.sin(x0);
      a0Bar[1] += seed;
      return Original.f(x0, a0);
    }
  }

  private static Checker.Verdict check(Class<?> adjoint) {
    Checker.Subject subject = new Checker.Subject(
        List.of(new Param(Type.DOUBLE, "x0"), new Param(Type.ARRAY, "a0")), List.of(0, 1), 2, 1);
    BatchCompiler.Loaded on = new BatchCompiler.Loaded(Original.class, adjoint, null, "");
    BatchCompiler.Loaded off = new BatchCompiler.Loaded(Original.class, RightAdjoint.class,
        null, "");
    return new Checker(subject).run(on, off, 3, null);
  }

  @Test
  void checkerAcceptsARightAdjoint() {
    Checker.Verdict v = check(RightAdjoint.class);
    assertNull(v.failure(), () -> v.failure().toString());
    assertEquals(3, v.accepted());
  }

  @Test
  void checkerCatchesAWrongGradient() {
    Failure f = check(WrongGradient.class).failure();
    assertNotNull(f);
    assertEquals(Failure.Kind.GRADIENT, f.kind(), f::toString);
  }

  @Test
  void checkerCatchesAValueOffByOneUlp() {
    Failure f = check(WrongValue.class).failure();
    assertNotNull(f);
    assertEquals(Failure.Kind.VALUE, f.kind(), f::toString);
  }

  @Test
  void checkerCatchesAPullbackThatDoesNotAccumulate() {
    Failure f = check(Overwriting.class).failure();
    assertNotNull(f);
    assertEquals(Failure.Kind.PULLBACK, f.kind(), f::toString);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void generatorIsAFunctionOfTheSeed() {
    for (int i = 0; i < 50; i++) {
      long seed = Fuzzer.programSeed(99, i);
      Program a = ProgramGenerator.generate(seed);
      Program b = ProgramGenerator.generate(seed);
      assertEquals(a.toJava("X"), b.toJava("X"));
      assertEquals(a.toTraceJava("X"), b.toTraceJava("X"));
      // A long chain (at most 4 nodes a term) is not counted against the cap.
      assertTrue(a.size() <= ProgramGenerator.MAX_SIZE + 4 * ProgramGenerator.LongChains.MAX,
          a.toJava("X"));
    }
  }

  @Test
  void generatedProgramsAndTwinsAreValidJava() {
    List<Program> programs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      programs.add(ProgramGenerator.generate(Fuzzer.programSeed(98, i)));
    }
    assertEquals(List.of(), BatchCompiler.invalidJava(programs));
  }

  /**
   * The names and library option is generated: Math-named functions of the program's own,
   * imported by single-static-import beside Math.*, the library constants, Math's integer
   * functions and fma.
   */
  @Test
  void generatorShadowsMathNamesAndUsesLibraryConstants() {
    StringBuilder all = new StringBuilder();
    // Enough programs that each rare option shows up whatever the other options' weights are.
    for (int i = 0; i < 1000; i++) {
      all.append(ProgramGenerator.generate(Fuzzer.programSeed(96, i)).toJava("X"));
    }
    String text = all.toString();
    for (String expected : new String[] {"import static adjfuzz.X.Shadow.", "@Differentiable\n"
        + "    public static double exp(double x)", "Double.MIN_NORMAL", "Double.NaN",
        "Integer.MAX_VALUE", "Long.MIN_VALUE", "floorMod(", "floorDiv(", "round(", "fma(",
        "max(0, "}) {
      assertTrue(text.contains(expected), () -> "no generated program contains " + expected);
    }
  }

  /**
   * Plain helpers (no annotation, differentiated as if annotated), functions of several doubles
   * with their own {@code @DerivativeOf} pullbacks and {@code @NoDerivative} parameters are
   * generated.
   */
  @Test
  void generatorProducesPlainHelpersAndCustomDerivatives() {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      all.append(ProgramGenerator.generate(Fuzzer.programSeed(95, i)).toJava("X"));
    }
    String text = all.toString();
    assertTrue(java.util.regex.Pattern.compile("\n\n  public static double h[12]\\(")
        .matcher(text).find(), "no generated program has a plain helper");
    for (String expected : new String[] {
        "Custom.logAddExp(", "Custom.mulSin(", "double resultBar, double[] grad) {",
        "@dev.adjoint.NoDerivative double"}) {
      assertTrue(text.contains(expected), () -> "no generated program contains " + expected);
    }
  }

  /** Programs read the class's static final constants, qualified or not, and its table. */
  @Test
  void generatorReadsStaticFinalConstants() {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      all.append(ProgramGenerator.generate(Fuzzer.programSeed(95, i)).toJava("X"));
    }
    String text = all.toString();
    for (String expected : new String[] {"static final double K_SQRT2PI = Math.sqrt(",
        "static final double[] K_TABLE = {", "X.K_", " K_HALF", "K_TABLE[", "K_TABLE.length",
        "\n  public double f(", "\n  double K_HALF = 0.5;", "this.K_"}) {
      assertTrue(text.contains(expected), () -> "no generated program contains " + expected);
    }
  }

  /** A stand-in failure: "fails" while the program calls Math.cosh. */
  @Test
  void shrinkerKeepsTheFailureAndShrinks() {
    Program p = null;
    for (int i = 0; p == null; i++) {
      Program c = ProgramGenerator.generate(Fuzzer.programSeed(97, i));
      // A long chain (issue 8) is one expression the shrinker takes apart slower than its
      // budget: which program comes first depends on every generator's draws, so skip those.
      String java = c.toJava("X");
      boolean chain = java.lines().anyMatch(l -> Math.max(l.split(" \\+ ").length,
          l.split(" \\* ").length) >= ProgramGenerator.LongChains.MIN);
      if (java.contains("Math.cosh(") && c.size() > 60 && !chain) {
        p = c;
      }
    }
    Failure fake = new Failure(Failure.Kind.GRADIENT, "", "uses cosh");
    Shrinker.Result r = new Shrinker(ps -> {
      List<Failure> out = new ArrayList<>();
      for (Program c : ps) {
        out.add(c.toJava("X").contains("Math.cosh(") ? fake : null);
      }
      return out;
    }, 60_000).shrink(p, fake);
    String text = r.program().toJava("X");
    assertTrue(text.contains("Math.cosh("), text);
    assertTrue(r.program().size() < 15, () -> r.program().size() + " nodes:\n" + text);
  }

  /** Long chains (issue 8) are generated, on their own random stream, and get past the size cap. */
  @Test
  void generatorProducesLongChains() {
    int withChain = 0;
    for (long seed = 1; seed <= 200; seed++) {
      String java = ProgramGenerator.generate(seed).toJava("C");
      int longest = 0;
      for (String line : java.split("\n")) {
        int terms = Math.max(line.split(" \\+ ").length, line.split(" \\* ").length);
        longest = Math.max(longest, terms);
      }
      withChain += longest >= ProgramGenerator.LongChains.MIN ? 1 : 0;
    }
    assertTrue(withChain >= 3, withChain + " of 200 programs have a long chain");
  }

  /** Issue 10: System.arraycopy (within one array too) and fills of a range. */
  @Test
  void generatorCopiesAndFillsRanges() {
    int copies = 0;
    int overlapping = 0;
    int ranges = 0;
    for (long seed = 1; seed <= 300; seed++) {
      String main = ProgramGenerator.generate(seed).toJava("X");
      copies += main.contains("System.arraycopy(") ? 1 : 0;
      overlapping += main.matches("(?s).*System\\.arraycopy\\((\\w+),"
          + " (Math\\.max\\(\\d+, 0\\)|\\d+), \\1, .*") ? 1 : 0;
      ranges += main.matches("(?s).*Arrays\\.fill\\(\\w+, \\d+, \\d+, .*") ? 1 : 0;
    }
    assertTrue(copies >= 10, copies + " of 300 programs call System.arraycopy");
    assertTrue(overlapping >= 5, overlapping + " of 300 programs copy within one array");
    // 9 since calls of methods returning double[] (read-only results) share the statements.
    assertTrue(ranges >= 8, ranges + " of 300 programs fill a range");
  }

  /**
   * Issue 10: arrays created inside loops ({@code new double[L]} and kernel results declared in
   * loop bodies), stores into the entry point's array parameters, copies and fills.
   */
  @Test
  void generatorCreatesArraysInsideLoops() {
    int arrays = 0;
    int kernels = 0;
    int parameterWrites = 0;
    int copies = 0;
    int fills = 0;
    for (long seed = 1; seed <= 300; seed++) {
      Program p = ProgramGenerator.generate(seed);
      for (Program.Method m : p.methods()) {
        arrays += inLoops(m.body(), Ast.DeclArray.class, false) ? 1 : 0;
        kernels += inLoops(m.body(), Ast.DeclKernel.class, false) ? 1 : 0;
      }
      String main = p.toJava("X");
      copies += main.contains(".clone()") || main.contains("Arrays.copyOf") ? 1 : 0;
      fills += main.contains("Arrays.fill(") ? 1 : 0;
      parameterWrites += main.matches("(?s).*\\n\\s+a[01]\\[[^\\n]*\\] [-+*]?= .*") ? 1 : 0;
    }
    assertTrue(arrays >= 10, arrays + " of 300 programs allocate an array inside a loop");
    assertTrue(kernels >= 10, kernels + " of 300 programs call an array kernel inside a loop");
    assertTrue(copies >= 10, copies + " of 300 programs copy an array");
    assertTrue(fills >= 10, fills + " of 300 programs fill an array");
    assertTrue(parameterWrites >= 10, parameterWrites + " of 300 programs write into a0 or a1");
  }

  /** Programs call every method returning double[] of {@link VectorHelpers}, also in loops. */
  @Test
  void generatorCallsMethodsReturningArrays() {
    java.util.Set<String> called = new java.util.TreeSet<>();
    int programs = 0;
    int inLoops = 0;
    // Enough programs that each helper is called whatever the other generators draw first.
    for (long seed = 1; seed <= 1200; seed++) {
      Program p = ProgramGenerator.generate(seed);
      java.util.Set<String> used = VectorHelpers.used(p);
      called.addAll(used);
      programs += used.isEmpty() ? 0 : 1;
      String java = p.toJava("X");
      inLoops += !used.isEmpty() && inLoops(p.main().body(), Ast.DeclKernel.class, false)
          && java.contains("static double[] vec") ? 1 : 0;
    }
    assertEquals(new java.util.TreeSet<>(VectorHelpers.names()), called);
    assertTrue(programs >= 10, programs + " of 1200 programs call a method returning double[]");
    assertTrue(inLoops >= 5, inLoops + " of 1200 programs call one (or a kernel) in a loop");
  }

  private static boolean inLoops(Ast.Node n, Class<? extends Ast.Node> kind, boolean inLoop) {
    if (inLoop && kind.isInstance(n)) {
      return true;
    }
    boolean loop = inLoop || n instanceof Ast.For || n instanceof Ast.While
        || n instanceof Ast.ForEach || n instanceof Ast.ForEachRow;
    for (Ast.Node k : n.kids()) {
      if (inLoops(k, kind, loop)) {
        return true;
      }
    }
    return false;
  }
}
