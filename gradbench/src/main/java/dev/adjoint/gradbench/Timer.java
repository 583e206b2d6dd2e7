package dev.adjoint.gradbench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** Times each run of an evaluation separately, as GradBench asks (one timing per run). */
public final class Timer {
  private final LongSupplier clock;

  public Timer(LongSupplier clock) {
    this.clock = clock;
  }

  public static Timer system() {
    return new Timer(System::nanoTime);
  }

  /** Runs {@code evaluation} as {@code runs} asks, at least once; the nanoseconds of each run. */
  public long[] time(Evaluation evaluation, Runs runs) {
    long minNanos = (long) (runs.minSeconds() * 1e9);
    long[] timings = new long[Math.max(1, runs.minRuns())];
    int count = 0;
    long total = 0;
    do {
      long start = clock.getAsLong();
      evaluation.run();
      long elapsed = clock.getAsLong() - start;
      if (count == timings.length) {
        timings = Arrays.copyOf(timings, 2 * count);
      }
      timings[count++] = elapsed;
      total += elapsed;
    } while (count < runs.minRuns() || total < minNanos);
    return Arrays.copyOf(timings, count);
  }
}
