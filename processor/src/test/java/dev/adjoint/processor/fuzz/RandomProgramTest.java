package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Random-program differential testing (issue 4): seeded random {@code @Differentiable} programs
 * over the supported subset, each compiled through the processor (analyses on and off) and its
 * generated value and gradient checked against the original method and finite differences.
 * Failures are shrunk and printed with their seed.
 *
 * <p>The normal test run checks 500 programs from a fixed seed. The long run and replays:
 *
 * <pre>
 * mvn -B -o test -pl processor -Dtest=RandomProgramTest -Dadjoint.fuzz.programs=10000 -Dadjoint.fuzz.seed=1
 * mvn -B -o test -pl processor -Dtest=RandomProgramTest -Dadjoint.fuzz.replay=&lt;program seed&gt;
 * </pre>
 *
 * Other properties: {@code adjoint.fuzz.batch} (programs per javac run, 80), {@code
 * adjoint.fuzz.points} (accepted points per program, 3), {@code adjoint.fuzz.shrinks} (failures
 * to shrink, 3), {@code adjoint.fuzz.shrinkSeconds} (budget per shrink, 60), {@code
 * adjoint.fuzz.knownBugs} ({@code generate}: also the constructs of open processor bugs, see
 * {@link ProgramGenerator.KnownBug}).
 */
class RandomProgramTest {

  static final long DEFAULT_SEED = 20261123L;
  static final int QUICK_PROGRAMS = 500;

  @Test
  void randomPrograms() {
    String replay = System.getProperty("adjoint.fuzz.replay");
    if (replay != null && !replay.isBlank()) {
      replay(replay);
      return;
    }
    Fuzzer.Config config = new Fuzzer.Config(
        Long.getLong("adjoint.fuzz.seed", DEFAULT_SEED),
        Integer.getInteger("adjoint.fuzz.programs", QUICK_PROGRAMS),
        Integer.getInteger("adjoint.fuzz.batch", 80),
        Integer.getInteger("adjoint.fuzz.points", 3),
        Integer.getInteger("adjoint.fuzz.shrinks", 3),
        1000L * Integer.getInteger("adjoint.fuzz.shrinkSeconds", 60));
    Fuzzer.Report report = Fuzzer.run(config);
    System.out.println(report.summary());
    if (!report.findings().isEmpty()) {
      System.out.println(report.describeFindings());
    }
    assertTrue(report.findings().isEmpty(),
        report.summary() + "\n" + report.describeFindings());
  }

  /**
   * One program in {@value #REJECTED_EVERY} of the run's, made invalid by {@link
   * RejectedConstructs}: compiled in one javac run (annotation processing only), each must get
   * exactly one error on each inserted line and no other, and no generated class.
   */
  @Test
  void programsWithRejectedConstructs() throws IOException {
    long master = Long.getLong("adjoint.fuzz.seed", DEFAULT_SEED);
    int count = Math.max(10,
        Integer.getInteger("adjoint.fuzz.programs", QUICK_PROGRAMS) / REJECTED_EVERY);
    List<RejectedConstructs.Mutant> mutants = new ArrayList<>();
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long seed = Fuzzer.programSeed(master, i * REJECTED_EVERY);
      String name = "R" + i;
      RejectedConstructs.Mutant m =
          RejectedConstructs.insert(ProgramGenerator.generate(seed), name, seed);
      mutants.add(m);
      sources.add(JavaFileObjects.forSourceString(Program.PACKAGE + "." + name, m.source()));
    }
    Path out = Files.createTempDirectory("adjoint-rejected");
    Path generated = Files.createDirectories(out.resolve("generated"));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics,
        List.of("-proc:only", "-Xmaxerrs", "100000", "-s", generated.toString(),
            "-d", out.toString(),
            "-classpath", System.getProperty("java.class.path")), null, sources);
    task.setProcessors(List.of(new AdjointProcessor()));
    task.call();
    Map<String, List<Long>> errorLines = new HashMap<>();
    List<String> failures = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      if (d.getSource() == null) {
        failures.add("an error without a file: " + d.getMessage(null));
        continue;
      }
      String file = d.getSource().getName();
      String name = file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
      errorLines.computeIfAbsent(name, k -> new ArrayList<>()).add(d.getLineNumber());
      if (d.getMessage(null).contains("[adjoint.internal]")) {
        failures.add(name + ": " + d.getMessage(null));
      }
    }
    for (RejectedConstructs.Mutant m : mutants) {
      List<Long> lines = errorLines.getOrDefault(m.className(), List.of());
      List<Long> expected = m.lines().stream().map(Integer::longValue).sorted().toList();
      if (!lines.stream().sorted().toList().equals(expected)) {
        failures.add("program seed " + m.program().seed() + " with " + m.inserted()
            + ": errors on lines " + lines + ", expected one on each of " + expected + "\n"
            + m.source());
      }
    }
    try (Stream<Path> files = Files.walk(generated)) {
      // A nested class's own methods (R3.Shadow) are valid and get their R3_ShadowAdjoint.
      files.filter(f -> f.getFileName().toString().matches("R\\d+Adjoint\\.java")).forEach(f ->
          failures.add("generated " + f.getFileName() + " for a program with errors"));
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  static final int REJECTED_EVERY = 20;

  /** {@code -Dadjoint.fuzz.replay=seed[,seed...]}: generates, checks and shrinks those programs. */
  private static void replay(String seeds) {
    List<String> failures = new ArrayList<>();
    for (String s : seeds.split(",")) {
      long seed = Long.parseLong(s.trim());
      Program p = ProgramGenerator.generate(seed);
      int points = Integer.getInteger("adjoint.fuzz.points", 3);
      Failure f = Fuzzer.check(p, points);
      if (f == null) {
        System.out.println("program seed " + seed + " passes:\n" + p.toJava("Replay"));
        continue;
      }
      Shrinker.Result r = new Shrinker(ps -> {
        List<Failure> out = new ArrayList<>();
        for (Checker.Verdict v : Fuzzer.evaluate(ps, points)) {
          out.add(v.failure());
        }
        return out;
      }, 1000L * Integer.getInteger("adjoint.fuzz.shrinkSeconds", 60)).shrink(p, f);
      String text = Fuzzer.describe(0, new Fuzzer.Finding(-1, p, f, r.program(), r.failure(),
          r.rounds() + " rounds"));
      System.out.println(text);
      failures.add(text);
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }
}
