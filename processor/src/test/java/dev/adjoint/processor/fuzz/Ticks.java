package dev.adjoint.processor.fuzz;

/**
 * The state of the generated programs' stateful index helper ({@code tick}): how often it ran
 * on this thread since the {@link Checker}'s last reset, which it resets before every call. An
 * extra call of the helper in generated code (in the backward sweep, or an index evaluated twice)
 * changes the indices the rest of the call reads, so the checker sees a wrong value or gradient.
 */
public final class Ticks {
  private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

  private Ticks() {}

  /** The number of calls so far, then counts this one. */
  public static int next() {
    return COUNT.get()[0]++;
  }

  static void reset() {
    COUNT.get()[0] = 0;
  }
}
