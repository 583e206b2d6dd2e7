package dev.adjoint.runtime;

/**
 * The range checks of {@code System.arraycopy} and {@code Arrays.fill(a, from, to, v)}, which
 * generated code runs before it copies or fills element by element: a range Java rejects throws
 * what Java throws, before any element changes.
 */
public final class ArrayRanges {
  private ArrayRanges() {}

  /**
   * {@code count}, after checking that {@code System.arraycopy} would copy {@code count}
   * elements from {@code srcLength}-long array at {@code from} to a {@code dstLength}-long one
   * at {@code to}.
   */
  public static int copyCount(int srcLength, int from, int dstLength, int to, int count) {
    if (from < 0 || to < 0 || count < 0 || from > srcLength - count
        || to > dstLength - count) {
      throw new ArrayIndexOutOfBoundsException("arraycopy: range " + from + " .. " + to
          + " of " + count + " elements out of bounds for lengths " + srcLength + ", "
          + dstLength);
    }
    return count;
  }

  /** {@code to}, after the checks of {@code Arrays.fill(a, from, to, v)} on a {@code length}. */
  public static int fillEnd(int length, int from, int to) {
    if (from > to) {
      throw new IllegalArgumentException("fromIndex(" + from + ") > toIndex(" + to + ")");
    }
    if (from < 0) {
      throw new ArrayIndexOutOfBoundsException(from);
    }
    if (to > length) {
      throw new ArrayIndexOutOfBoundsException(to);
    }
    return to;
  }
}
