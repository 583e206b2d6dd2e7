package dev.adjoint.processor;

/**
 * Runs the processor's work on a thread with a large stack. Every pass (reading, lowering,
 * simplifying, emitting, JavaPoet) recurses on expression depth, and javac's thread has a small
 * stack: a sum of a couple of thousand terms overflowed it. The stack is reserved, not committed,
 * so only what a method really needs is touched. The caller waits for the thread, so javac's
 * objects are still used by one thread at a time (start and join order the accesses).
 */
final class LargeStack {
  /** Enough for expressions of tens of thousands of terms; only what is used is committed. */
  static final long STACK_BYTES = 1L << 30;

  /**
   * Overrides {@link #STACK_BYTES}; tests set it small to reach the overflow error with a short
   * expression.
   */
  static final String STACK_BYTES_PROPERTY = "adjoint.processor.stackBytes";

  private LargeStack() {}

  static void run(Runnable work) {
    Throwable[] thrown = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        work.run();
      } catch (RuntimeException | Error e) {
        thrown[0] = e;
      }
    }, "adjoint-processor", Long.getLong(STACK_BYTES_PROPERTY, STACK_BYTES));
    try {
      thread.start();
    } catch (OutOfMemoryError e) {
      work.run(); // no room for the stack (a 32-bit JVM, say): javac's own stack it is
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // javac's objects are in use until the work ends: wait for it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (thrown[0] instanceof RuntimeException e) {
      throw e;
    } else if (thrown[0] instanceof Error e) {
      throw e;
    }
  }
}
