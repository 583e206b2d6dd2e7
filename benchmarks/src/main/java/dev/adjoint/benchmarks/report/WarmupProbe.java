package dev.adjoint.benchmarks.report;

import dev.adjoint.benchmarks.gradbench.GmmBenchmark;
import dev.adjoint.benchmarks.gradbench.GmmInput;
import dev.adjoint.gradbench.gmm.Gmm;
import dev.adjoint.gradbench.gmm.GmmAdjoint;
import dev.adjoint.runtime.Stacks;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many calls a generated gradient needs before HotSpot runs it at full speed, measured as a
 * user meets it: a fresh JVM (one per case, started by {@code benchmarks/profile}), the gradient
 * called back to back and each call timed. The steady time is the median of the last quarter of
 * the calls; the answer is the first call from which the median of every later window of
 * {@value #WINDOW} calls stays within {@value #TOLERANCE}× of it. Also prints the bytes the
 * call's own {@code Stacks} reached.
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
        for (int i = 0; i < calls; i++) {
          long s = System.nanoTime();
          c.gradient();
          t[i] = System.nanoTime() - s;
        }
        System.out.printf(Locale.ROOT, "%s\t%,d\t%s%n", c.row(), c.stackBytes(),
            steadyFrom(t));
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

  private static double median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** The cases, one per benchmark row the report shows (the small sizes: calls are short). */
  static List<Case> cases() {
    return List.of(new GmmCase("2x5"), new GmmCase("10x5"));
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
