package dev.adjoint.benchmarks.report;

import dev.adjoint.benchmarks.gradbench.GmmBenchmark;
import dev.adjoint.benchmarks.gradbench.GmmInput;
import dev.adjoint.benchmarks.gradbench.LstmBenchmark;
import dev.adjoint.benchmarks.gradbench.SmallEvalsBenchmark;
import dev.adjoint.benchmarks.loops.LogisticRegressionBenchmark;
import dev.adjoint.gradbench.gmm.Gmm;
import dev.adjoint.gradbench.gmm.GmmAdjoint;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * How many calls a generated gradient needs before HotSpot runs it at full speed, measured as a
 * user meets it: a fresh JVM (one per case, started by {@code benchmarks/profile}), the gradient
 * called back to back and each call timed. The steady time is the median of the last quarter of
 * the calls; the answer is the first call from which the median of every later window of
 * {@value #WINDOW} calls stays within {@value #TOLERANCE}× of it. Also prints the bytes the
 * call's own {@code Stacks} reached. {@code -Dprobe.series=true} prints the curve.
 */
public final class WarmupProbe {
  static final int WINDOW = 25;
  static final double TOLERANCE = 1.25;

  /** One gradient to probe, under the row name {@link Report} uses. */
  public interface Case {
    String row();

    /** One call of the generated gradient. */
    void gradient();

    /** The capacity its stacks reached in one call, in bytes (0 if it records nothing). */
    long stackBytes();
  }

  private WarmupProbe() {
  }

  public static void main(String[] args) {
    int calls = Integer.getInteger("probe.calls", 2000);
    if (args.length == 1 && args[0].equals("--list")) {
      cases().forEach(c -> System.out.println(c.row()));
      return;
    }
    for (Case c : cases()) {
      if (args.length == 0 || c.row().equals(String.join(" ", args))) {
        long[] t = new long[calls];
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          long s = System.nanoTime();
          c.gradient();
          t[i] = System.nanoTime() - s;
        }
        System.out.printf(Locale.ROOT, "%s\t%,d\t%s%n", c.row(), c.stackBytes(),
            steadyFrom(t));
        if (Boolean.getBoolean("probe.series")) {
          System.err.printf(Locale.ROOT, "# first call at %d ms of JVM uptime (the times of"
              + " -XX:+PrintCompilation), last ends %d ms later%n%s%n", uptime,
              (System.nanoTime() - start) / 1_000_000, series(t));
        }
      }
    }
  }

  /** The first call from which every later window's median is near the steady time. */
  static String steadyFrom(long[] t) {
    double steady = median(Arrays.copyOfRange(t, t.length * 3 / 4, t.length));
    int from = -1;
    for (int i = t.length - WINDOW; i >= 0; i--) {
      if (median(Arrays.copyOfRange(t, i, i + WINDOW)) > TOLERANCE * steady) {
        from = i + WINDOW;
        break;
      }
    }
    if (from < 0) {
      from = 0;
    }
    return from > t.length * 3 / 4 ? "> " + t.length * 3 / 4 : String.valueOf(from);
  }

  /** Window medians in µs, one per {@value #WINDOW} calls ({@code -Dprobe.series=true}), with the time since the first call every 8 windows. */
  static String series(long[] t) {
    StringBuilder out = new StringBuilder("# window medians (µs):");
    long elapsed = 0;
    for (int i = 0; i + WINDOW <= t.length; i += WINDOW) {
      if (i % (8 * WINDOW) == 0) {
        out.append(String.format(Locale.ROOT, " [call %d, +%d ms]", i, elapsed / 1_000_000));
      }
      for (int j = i; j < i + WINDOW; j++) {
        elapsed += t[j];
      }
      out.append(String.format(Locale.ROOT, " %.0f",
          median(Arrays.copyOfRange(t, i, i + WINDOW)) / 1e3));
    }
    return out.toString();
  }

  /**
   * The median by default; {@code -Dprobe.quantile=0.1} takes a window's fast calls instead,
   * which on a loaded machine shows what the JIT did rather than when other processes ran.
   */
  private static double median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, s.length * QUANTILE)];
  }

  private static final double QUANTILE =
      Double.parseDouble(System.getProperty("probe.quantile", "0.5"));

  /** The cases, one per benchmark row the report shows (the small sizes: calls are short). */
  static List<Case> cases() {
    return List.of(new GmmCase("2x5"), new GmmCase("10x5"),
        new StateCase("Lstm lc=2x1024", LstmBenchmark.of("2x1024")::gradient),
        new StateCase("Llsq m=64", SmallEvalsBenchmark.LlsqBenchmark.of(64)::gradient),
        new StateCase("Lse n=1000", SmallEvalsBenchmark.LseBenchmark.of(1000)::gradient),
        new StateCase("LogisticRegression",
            LogisticRegressionBenchmark.create()::gradient));
  }

  /** A benchmark's generated call on the stacks given, under the benchmark's row name. */
  private record StateCase(String row, ToDoubleFunction<Stacks> call) implements Case {
    @Override
    public void gradient() {
      call.applyAsDouble(STACKS);
    }

    @Override
    public long stackBytes() {
      Stacks fresh = new Stacks();
      call.applyAsDouble(fresh);
      return fresh.capacityBytes();
    }
  }

  private record GmmCase(String dk, GmmInput in) implements Case {
    GmmCase(String dk) {
      this(dk, GmmInput.of(dk, GmmBenchmark.N));
    }

    @Override
    public String row() {
      return "Gmm dk=" + dk;
    }

    @Override
    public void gradient() {
      GmmAdjoint.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m,
          1.0, in.alphaBar(), in.muBar(), in.qBar(), in.lBar(), STACKS);
    }

    @Override
    public long stackBytes() {
      Stacks fresh = new Stacks();
      GmmAdjoint.objectivePullback(in.alpha, in.mu, in.q, in.l, in.x, in.gamma, in.m,
          1.0, in.alphaBar(), in.muBar(), in.qBar(), in.lBar(), fresh);
      return fresh.capacityBytes();
    }
  }

  /** Reused across calls, as a training loop reuses them. */
  private static final Stacks STACKS = new Stacks();
}
