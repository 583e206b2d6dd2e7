package dev.adjoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The processor's work runs on a large stack, and what it throws reaches the caller unchanged. */
class LargeStackTest {

  /** Far deeper than a default thread stack (about 1 MB) holds. */
  @Test
  void deepRecursionFits() {
    int[] depth = {0};
    LargeStack.run(() -> depth[0] = depth(500_000));
    assertEquals(500_000, depth[0]);
  }

  @Test
  void exceptionsAndErrorsPropagate() {
    IllegalStateException bug = new IllegalStateException("bug");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> LargeStack.run(() -> {
      throw bug;
    })));
    // A small stack, so the overflow does not fill (and commit) a gigabyte.
    System.setProperty(LargeStack.STACK_BYTES_PROPERTY, String.valueOf(1 << 20));
    try {
      assertThrows(StackOverflowError.class, () -> LargeStack.run(LargeStackTest::unbounded));
    } finally {
      System.clearProperty(LargeStack.STACK_BYTES_PROPERTY);
    }
  }

  private static int depth(int n) {
    return n == 0 ? 0 : 1 + depth(n - 1);
  }

  private static int unbounded() {
    return 1 + unbounded();
  }
}
