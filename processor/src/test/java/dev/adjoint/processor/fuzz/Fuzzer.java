package dev.adjoint.processor.fuzz;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The differential-testing loop: generate programs from a master seed, compile them in batches
 * (analyses on, with their instrumented twins; analyses off), {@link Checker check} each, and
 * {@link Shrinker shrink} the failures. Also the single-program entry points the regression tests
 * and replays use.
 */
final class Fuzzer {

  /**
   * @param seed master seed; program {@code i} has seed {@link #programSeed(long, int)}
   * @param programs how many programs
   * @param batch programs per javac run
   * @param points accepted points per program
   * @param maxShrinks how many failures to shrink (the rest are reported as found)
   * @param shrinkMillis time budget per shrink
   */
  record Config(long seed, int programs, int batch, int points, int maxShrinks,
      long shrinkMillis) {}

  /** One failing program: as generated and as shrunk. */
  record Finding(int index, Program program, Failure failure, Program shrunk,
      Failure shrunkFailure, String shrinkNote) {}

  record Report(Config config, int programs, int passed, int inconclusive, int pointsAccepted,
      int pointsRejected, List<Finding> findings, Map<String, Integer> bySignature,
      long millis, long cpuMillis) {

    String summary() {
      return String.format(Locale.ROOT,
          "adjoint fuzz: seed %d, %d programs, %d passed, %d inconclusive (no smooth point),"
              + " %d failed; points: %d checked, %d rejected by the smoothness screen;"
              + " %.1f s (%.1f s of CPU)%s",
          config.seed(), programs, passed, inconclusive, findings.size(), pointsAccepted,
          pointsRejected, millis / 1000.0, cpuMillis / 1000.0,
          bySignature.isEmpty() ? "" : "; failures by kind: " + bySignature);
    }

    String describeFindings() {
      StringBuilder sb = new StringBuilder();
      for (Finding f : findings) {
        sb.append(describe(config.seed(), f)).append('\n');
      }
      return sb.toString();
    }
  }

  private Fuzzer() {}

  static long programSeed(long master, int index) {
    long z = master * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** CPU time of the whole JVM (compiler threads and GC included), or 0 if unavailable. */
  static long processCpuMillis() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1_000_000;
    }
    return 0;
  }

  static Report run(Config config) {
    long start = System.currentTimeMillis();
    long cpuStart = processCpuMillis();
    int passed = 0;
    int inconclusive = 0;
    int accepted = 0;
    int rejected = 0;
    List<Finding> findings = new ArrayList<>();
    Map<String, Integer> bySignature = new LinkedHashMap<>();
    int shrunk = 0;
    for (int from = 0; from < config.programs(); from += config.batch()) {
      int to = Math.min(config.programs(), from + config.batch());
      List<Program> batch = new ArrayList<>();
      Map<Integer, Failure> generatorFailures = new HashMap<>();
      for (int i = from; i < to; i++) {
        long s = programSeed(config.seed(), i);
        try {
          batch.add(ProgramGenerator.generate(s));
        } catch (RuntimeException e) {
          batch.add(null);
          generatorFailures.put(i - from, new Failure(Failure.Kind.GENERATOR, "threw",
              "the generator threw for seed " + s + ":\n" + BatchCompiler.stackTrace(e)));
        }
      }
      List<Checker.Verdict> verdicts = evaluate(batch, config.points());
      for (int k = 0; k < batch.size(); k++) {
        Checker.Verdict v = generatorFailures.containsKey(k)
            ? new Checker.Verdict(generatorFailures.get(k), 0, 0) : verdicts.get(k);
        accepted += v.accepted();
        rejected += v.rejected();
        if (v.failed()) {
          bySignature.merge(v.failure().signature(), 1, Integer::sum);
          Program p = batch.get(k);
          Finding f;
          boolean firstOfKind = bySignature.get(v.failure().signature()) <= 2;
          if (p != null && shrunk < config.maxShrinks() && firstOfKind) {
            shrunk++;
            Shrinker shrinker = new Shrinker(ps -> failures(evaluate(ps, config.points())),
                config.shrinkMillis());
            Shrinker.Result r = shrinker.shrink(p, v.failure());
            f = new Finding(from + k, p, v.failure(), r.program(), r.failure(),
                String.format(Locale.ROOT, "%d rounds, %d candidates checked%s", r.rounds(),
                    r.evaluated(), r.complete() ? "" : ", stopped by the time budget"));
          } else {
            f = new Finding(from + k, p, v.failure(), null, null, "not shrunk");
          }
          findings.add(f);
        } else if (v.inconclusive()) {
          inconclusive++;
        } else {
          passed++;
        }
      }
    }
    return new Report(config, config.programs(), passed, inconclusive, accepted, rejected,
        findings, bySignature, System.currentTimeMillis() - start,
        processCpuMillis() - cpuStart);
  }

  /** Compiles and checks programs (null entries pass); one verdict per entry. */
  static final boolean VERBOSE = Boolean.getBoolean("adjoint.fuzz.verbose");

  private static final ExecutorService SECOND_THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "adjoint-fuzz-compile");
    t.setDaemon(true);
    return t;
  });

  static List<Checker.Verdict> evaluate(List<Program> programs, int points) {
    long t0 = System.nanoTime();
    // the two compilations are independent: on two cores, run them side by side
    // (the instrumented twins go with analyses off, which compiles faster, to balance the two)
    CompletableFuture<BatchCompiler.Result> offLater = CompletableFuture.supplyAsync(
        () -> BatchCompiler.compile(programs, false, true), SECOND_THREAD);
    BatchCompiler.Result on = BatchCompiler.compile(programs, true, false);
    long t1 = System.nanoTime();
    BatchCompiler.Result off = offLater.join();
    long t2 = System.nanoTime();
    List<Checker.Verdict> out = new ArrayList<>();
    List<Program> suspicious = new ArrayList<>();
    List<Integer> suspiciousAt = new ArrayList<>();
    for (int i = 0; i < programs.size(); i++) {
      Program p = programs.get(i);
      Failure f = on.failures().get(i);
      if (f == null && off.failures().containsKey(i)) {
        Failure o = off.failures().get(i);
        f = new Failure(o.kind(), "off:" + o.tag(),
            "with " + BatchCompiler.ANALYSES_OFF + " " + BatchCompiler.CHAIN_RULE + " "
                + BatchCompiler.LOOP_METHODS + ": " + o.detail());
      }
      if (p == null) {
        out.add(new Checker.Verdict(null, 0, 0)); // not generated: reported by the caller
      } else if (f != null) {
        out.add(new Checker.Verdict(f, 0, 0));
        if (f.kind().processorBug) {
          suspicious.add(p);
          suspiciousAt.add(i);
        }
      } else {
        out.add(Checker.check(p, on.loaded().get(i), off.loaded().get(i), points));
      }
    }
    long t3 = System.nanoTime();
    if (VERBOSE) {
      System.out.printf(Locale.ROOT, "batch of %d: compile on %.2f s, off +%.2f s, check %.2f s%n",
          programs.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
    // A compilation failure blamed on the processor must come from a valid Java program.
    if (!suspicious.isEmpty()) {
      for (int k : BatchCompiler.invalidJava(suspicious)) {
        int i = suspiciousAt.get(k);
        out.set(i, new Checker.Verdict(new Failure(Failure.Kind.INVALID_JAVA, "javac",
            "not valid Java (a generator bug); the processor said:\n"
                + out.get(i).failure().detail()), 0, 0));
      }
    }
    return out;
  }

  private static List<Failure> failures(List<Checker.Verdict> verdicts) {
    List<Failure> out = new ArrayList<>();
    for (Checker.Verdict v : verdicts) {
      out.add(v.failure());
    }
    return out;
  }

  /** Checks one program (a replay or a regression test); null when it passes. */
  static Failure check(Program p, int points) {
    return evaluate(List.of(p), points).get(0).failure();
  }

  static String describe(long master, Finding f) {
    StringBuilder sb = new StringBuilder();
    String seed = f.program() == null ? "?" : Long.toString(f.program().seed());
    sb.append("==== FAILURE ").append(f.failure().signature()).append(": program ")
        .append(f.index()).append(" of master seed ").append(master).append(", program seed ")
        .append(seed).append('\n');
    String knownBugs = System.getProperty("adjoint.fuzz.knownBugs", "");
    sb.append("replay: mvn -B -o test -pl processor -Dtest=RandomProgramTest"
        + " -Dadjoint.fuzz.replay=").append(seed)
        .append(knownBugs.isBlank() ? "" : " -Dadjoint.fuzz.knownBugs=" + knownBugs)
        .append('\n');
    if (f.shrunk() != null) {
      sb.append("---- shrunk (").append(f.shrinkNote()).append(", ")
          .append(f.program().size()).append(" -> ").append(f.shrunk().size())
          .append(" nodes, array length ").append(f.shrunk().arrayLength()).append(") ----\n");
      sb.append(f.shrunk().toJava("Repro"));
      sb.append("---- failure of the shrunk program ----\n")
          .append(f.shrunkFailure().detail()).append('\n');
    }
    if (f.program() != null) {
      sb.append("---- as generated (array length ").append(f.program().arrayLength())
          .append(") ----\n").append(f.program().toJava("Generated"));
    }
    if (f.shrunk() == null) {
      sb.append("---- failure ----\n").append(f.failure().detail()).append('\n');
    }
    return sb.toString();
  }
}
