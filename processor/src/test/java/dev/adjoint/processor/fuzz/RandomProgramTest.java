package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
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
