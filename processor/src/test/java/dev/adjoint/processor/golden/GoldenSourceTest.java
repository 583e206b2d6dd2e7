package dev.adjoint.processor.golden;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the generated source of representative methods, byte for byte (comments and layout
 * included, which {@code hasSourceEquivalentTo} would ignore). Numeric tests check that the code
 * is right; these check it stays the code a reviewer approved. To accept intended changes, run
 * with {@code -Dadjoint.updateGoldens=true} and review the diff.
 */
class GoldenSourceTest {
  private static final Path GOLDEN_DIR = Paths.get("src/test/resources/golden");
  private static final String ANALYSES_OFF = "-Aadjoint.analyses=off";
  private static final String CHAIN_RULE = "-Aadjoint.comments=chain-rule";

  /**
   * One golden: {@code input}{@code .java} compiled with {@code option} (or none) is pinned as
   * {@code name}{@code Adjoint.java.txt}.
   */
  record Golden(String name, String input, String option) {
    Golden(String name) {
      this(name, name, "");
    }

    String file() {
      return name + "Adjoint.java.txt";
    }

    @Override
    public String toString() {
      return option.isEmpty() ? name : name + " (" + input + " with " + option + ")";
    }
  }

  static Stream<Golden> goldens() {
    return Stream.of(new Golden("Logistic"), new Golden("Rosenbrock"), new Golden("Branches"),
        new Golden("Overwrite"), new Golden("MathRules"), new Golden("Loop"),
        new Golden("NestedLoop"), new Golden("ArrayWrite"), new Golden("Calls"),
        new Golden("Kernel"), new Golden("Custom"), new Golden("Statements"),
        new Golden("Constants"), new Golden("Instance"), new Golden("KernelInLoop"),
        new Golden("ParameterWrite"), new Golden("Copies"), new Golden("Helpers"),
        new Golden("CustomPair"), new Golden("Passthrough"), new Golden("Cholesky"),
        new Golden("VectorLayer"),
        new Golden("Records"),
        new Golden("RangeCopies"),
        new Golden("Rows"),
        new Golden("LoopAnalysesOff", "Loop", ANALYSES_OFF),
        new Golden("LogisticChainRule", "Logistic", CHAIN_RULE),
        new Golden("MathRulesChainRule", "MathRules", CHAIN_RULE),
        new Golden("KernelChainRule", "Kernel", CHAIN_RULE),
        new Golden("Options"),
        new Golden("Functions"),
        new Golden("RecordCalls"),
        new Golden("Quadrature"),
        new Golden("WritingCalls"),
        new Golden("ArraySplit"),
        new Golden("LoopMethods"),
        new Golden("LoopMethodsAll", "LoopMethods", "-Aadjoint.loopMethods=8"),
        new Golden("Tangent"),
        new Golden("Hessian"));
  }

  /**
   * Each kind of generated method, the golden that shows it, and text of that golden (the
   * generated API, not its bodies; any whitespace matches any line break) that proves it.
   */
  enum Kind {
    VALUE_AND_GRADIENT("Logistic", "public static LossGradient loss("),
    PULLBACK_SCALAR_GRAD("Logistic", "lossPullback(double w, double b, double x, double t,"
        + " double lambda, double seed, double[] grad) {"),
    PULLBACK_ARRAY_ADJOINTS("Kernel", "double seed, double[][] WBar, double[] xBar) {"),
    PULLBACK_STACKS("Loop", "powerPullback(double x, int n, double seed, double[] grad,"
        + " Stacks stacks) {"),
    PULLBACK_ALLOCATING_STACKS("Loop", "return powerPullback(x, n, seed, grad, new Stacks());"),
    CALL_TO_DIFFERENTIABLE("Calls", "CallsAdjoint.squarePullback("),
    KERNEL_CALL("Kernel", "LinearAlgebra.matVecPullback("),
    DERIVATIVE_OF("Custom", "Custom.softplusPullback("),
    CALL_TO_PLAIN_HELPER("Helpers", "HelpersAdjoint.softplusPullback("),
    PULLBACK_NO_DERIVATIVE("Passthrough", "squaredErrorPullback(double[] w, double[] xs,"
        + " double b, double t, double seed, double[] grad, double[] wBar) {"),
    DERIVATIVE_OF_SEVERAL_SCALARS("CustomPair",
        "CustomPair.logAddExpPullback(w * x, 0, logAddExp, seed, calleeGradient);"),
    INSTANCE_METHOD("Instance", "lossPullback(Instance instance, double[] w, double seed,"
        + " double[] wBar, Stacks stacks) {"),
    RECORD_PARAMETER("Records", "lossPullback(Records.Mlp p, double[] x, double y, double seed,"
        + " double[] grad, Records_MlpBar pBar, double[] xBar, Stacks stacks) {"),
    ANALYSES_OFF("LoopAnalysesOff", "public static double powerPullback("),
    SPLIT_RECORD_ARRAY("ArraySplit", "static double logSumExpRecord(double[] v, Stacks stacks) {"),
    SPLIT_REVERSE_ARRAY("ArraySplit", "static void logSumExpReverse(double[] v, double seed,"
        + " double[] vBar, Stacks stacks) {"),
    SPLIT_ARGUMENT_COPIED("ArraySplit", "stacks.pushDoubleArray(Adjoints.snapshot(scores));"),
    LOOP_NEST_METHOD("LoopMethods", "private static void objectiveBackwardLoop16(int n,"),
    LOOP_NEST_RESULTS("LoopMethodsAll", "objectiveForwardLoop16(n, k, x, mu, terms, element,"
        + " sum, exp, total, stacks); // line 16"),
    JVP("Tangent", "public static double dampedJvp(double x, double[] w, int n, double xDot,"
        + " double[] wDot) {"),
    HVP("Hessian", "public static double rosenbrockHvp(double[] x, double[] xDot,"
        + " double[] xBarDot) {"),
    PULLBACK_JVP("Hessian", "public static double rosenbrockPullbackJvp(double[] x,"
        + " double[] xDot, double seed, double seedDot, double[] xBar, double[] xBarDot) {"),
    HESSIAN_MATRIX("Hessian", "public static double[][] rosenbrockHessian(double[] x) {");

    final String golden;
    final Pattern evidence;

    Kind(String golden, String text) {
      this.golden = golden;
      this.evidence = Pattern.compile(Stream.of(text.split(" "))
          .map(Pattern::quote).collect(Collectors.joining("\\s+")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void generatedSourceMatchesGolden(Golden g) throws IOException {
    String input = resource(g.input() + ".java");
    String generated = generate(g.input(), input, g.option());
    if (Boolean.getBoolean("adjoint.updateGoldens")) {
      Files.writeString(GOLDEN_DIR.resolve(g.file()), generated, StandardCharsets.UTF_8);
    }
    assertEquals(resource(g.file()), generated,
        "generated source changed; review and rerun with -Dadjoint.updateGoldens=true");
    // Same input, same text: nothing depends on hash order or timing.
    assertEquals(generated, generate(g.input(), input, g.option()));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void everyKindOfGeneratedMethodHasAGolden(Kind kind) throws IOException {
    assertTrue(goldens().anyMatch(g -> g.name().equals(kind.golden)),
        kind.golden + " is not in goldens()");
    assertTrue(kind.evidence.matcher(resource(kind.golden + "Adjoint.java.txt")).find(),
        kind + ": golden " + kind.golden + " no longer matches /" + kind.evidence
            + "/; pin that kind of method in a golden again");
  }

  @Test
  void analysesOffGoldenDiffersFromTheDefault() throws IOException {
    assertNotEquals(resource("LoopAdjoint.java.txt"), resource("LoopAnalysesOffAdjoint.java.txt"));
  }

  @Test
  void chainRuleGoldensDifferFromTheDefaultOnlyByComments() throws IOException {
    for (String name : List.of("Logistic", "MathRules", "Kernel")) {
      String plain = resource(name + "Adjoint.java.txt");
      String noted = resource(name + "ChainRuleAdjoint.java.txt");
      assertNotEquals(plain, noted);
      // The notes: terms (x̄ = …, with a macron or a transpose) and rules (// rules: …, continued).
      assertEquals(plain, noted.replaceAll("(?m)^ *// [^\\n]*[\u0304ᵀ][^\\n]*\\n", "")
              .replaceAll("(?m)^ *//(?: rules: | {8})[^\\n]*\\n", ""),
          name + ": the chain-rule option may only add comment lines");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Logistic", "Kernel", "Loop"})
  void commentsOptionOtherThanChainRuleChangesNothing(String name) throws IOException {
    assertEquals(resource(name + "Adjoint.java.txt"),
        generate(name, resource(name + ".java"), "-Aadjoint.comments=none"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Logistic", "Branches", "Overwrite", "Loop", "NestedLoop",
      "ArrayWrite"})
  void analysesOffStillCompiles(String name) throws IOException {
    String generated = generate(name, resource(name + ".java"), "-Aadjoint.analyses=off");
    assertThat(generated).contains("Pullback(");
  }

  private static String generate(String name, String input, String option) {
    JavaFileObject source = JavaFileObjects.forSourceString("golden." + name, input);
    Compiler compiler = Compiler.javac().withProcessors(new AdjointProcessor());
    if (!option.isEmpty()) {
      compiler = compiler.withOptions(option);
    }
    Compilation compilation = compiler.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    try {
      return compilation.generatedSourceFile("golden." + name + "Adjoint").orElseThrow()
          .getCharContent(false).toString();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = GoldenSourceTest.class.getResourceAsStream("/golden/" + file)) {
      if (in == null) {
        return "";
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
