package dev.adjoint.gradbench;

import java.util.function.LongSupplier;

/**
 * Runs an evaluation untimed before it is timed, so that HotSpot has compiled it: at most
 * {@code runs} runs and, after the first, at most {@code seconds}. Configured by the system
 * properties {@code adjoint.gradbench.warmup.runs} (200) and
 * {@code adjoint.gradbench.warmup.seconds} (1.5); {@code runs = 0} turns it off.
 */
public record Warmup(int runs, double seconds) {
  public static final Warmup NONE = new Warmup(0, 0);

  public static Warmup fromSystemProperties() {
    return new Warmup(Integer.getInteger("adjoint.gradbench.warmup.runs", 200),
        Double.parseDouble(System.getProperty("adjoint.gradbench.warmup.seconds", "1.5")));
  }

  /** The number of untimed runs it made. */
  public int warm(Evaluation evaluation, LongSupplier clock) {
    long deadline = clock.getAsLong() + (long) (seconds * 1e9);
    int done = 0;
    while (done < runs && (done == 0 || clock.getAsLong() < deadline)) {
      evaluation.run();
      done++;
    }
    return done;
  }
}
