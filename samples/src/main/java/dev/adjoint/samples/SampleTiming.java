package dev.adjoint.samples;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * One summary line per sample: rough timings of one gradient call, one primal call and one
 * finite-difference gradient, and the path of the generated source. Each is the median of a few
 * timed batches after a short warm-up; this is a rough guide, not a JMH benchmark.
 */
public final class SampleTiming {

  /** Timed batches per measurement; the median is reported. */
  static final int REPETITIONS = 7;

  private static final long WARM_UP_NANOS = 30_000_000L;

  /** Keeps the results alive so the JIT cannot drop the timed calls. */
  private static volatile double sink;

  private SampleTiming() {}

  /**
   * The summary line for {@code sample}, whose generated class is {@code <sample>Adjoint}; each
   * supplier makes one call and returns something that depends on its result.
   */
  public static String summary(
      Class<?> sample, DoubleSupplier gradient, DoubleSupplier primal, DoubleSupplier differences) {
    return String.format(
        Locale.ROOT,
        "  timing    gradient %s, primal %s, finite differences %s"
            + " (rough: median of %d after warm-up, not JMH)%n  source    %s",
        duration(medianNanos(gradient)),
        duration(medianNanos(primal)),
        duration(medianNanos(differences)),
        REPETITIONS,
        generatedSource(sample));
  }

  /** Where the annotation processor writes {@code sample}'s generated class, from the root. */
  public static String generatedSource(Class<?> sample) {
    return "samples/target/generated-sources/annotations/"
        + sample.getName().replace('.', '/')
        + "Adjoint.java";
  }

  /** The wall time since {@code startNanos}, a {@link System#nanoTime} reading, as a duration. */
  public static String elapsed(long startNanos) {
    return duration(System.nanoTime() - startNanos);
  }

  /** The median time of one call, in nanoseconds. */
  static double medianNanos(DoubleSupplier call) {
    double acc = 0;
    long calls = 0;
    long start = System.nanoTime();
    do {
      acc += call.getAsDouble();
      calls++;
    } while (System.nanoTime() - start < WARM_UP_NANOS);
    long batch = Math.max(1, calls / 10); // a few milliseconds per batch
    double[] perCall = new double[REPETITIONS];
    for (int r = 0; r < REPETITIONS; r++) {
      long t0 = System.nanoTime();
      for (long i = 0; i < batch; i++) {
        acc += call.getAsDouble();
      }
      perCall[r] = (double) (System.nanoTime() - t0) / batch;
    }
    sink = acc;
    Arrays.sort(perCall);
    return perCall[REPETITIONS / 2];
  }

  /** {@code nanos} to 3 significant digits in ns, us, ms or s, whichever keeps it below 1000. */
  static String duration(double nanos) {
    String[] units = {"ns", "us", "ms", "s"};
    int unit = 0;
    // 999.5 rounds to 1000, which %.3g would print in scientific notation.
    while (nanos >= 999.5 && unit < units.length - 1) {
      nanos /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.3g %s", nanos, units[unit]);
  }
}
