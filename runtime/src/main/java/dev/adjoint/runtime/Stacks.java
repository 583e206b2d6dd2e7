package dev.adjoint.runtime;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The last-in first-out stacks on which the forward sweep of generated code records what its
 * backward sweep needs inside loops: values about to be overwritten, branch decisions, trip
 * counts. Primitive arrays, no boxing; they grow by doubling (amortized O(1) pushes) and
 * {@link #clear()} keeps the storage, so a caller that passes its own {@code Stacks} to a
 * pullback allocates nothing once the stacks have grown. Not thread-safe: one per thread.
 */
public final class Stacks {
  private double[] doubles;
  private int doubleCount;
  private int[] ints;
  private int intCount;
  private long[] longs = new long[1];
  private int longCount;

  public Stacks() {
    this(16);
  }

  public Stacks(int initialCapacity) {
    doubles = new double[Math.max(1, initialCapacity)];
    ints = new int[Math.max(1, initialCapacity)];
  }

  public void pushDouble(double value) {
    if (doubleCount == doubles.length) {
      doubles = Arrays.copyOf(doubles, 2 * doubleCount);
    }
    doubles[doubleCount++] = value;
  }

  public double popDouble() {
    if (doubleCount == 0) {
      throw empty();
    }
    return doubles[--doubleCount];
  }

  public void pushInt(int value) {
    if (intCount == ints.length) {
      ints = Arrays.copyOf(ints, 2 * intCount);
    }
    ints[intCount++] = value;
  }

  public int popInt() {
    if (intCount == 0) {
      throw empty();
    }
    return ints[--intCount];
  }

  public void pushLong(long value) {
    if (longCount == longs.length) {
      longs = Arrays.copyOf(longs, 2 * longCount);
    }
    longs[longCount++] = value;
  }

  public long popLong() {
    if (longCount == 0) {
      throw empty();
    }
    return longs[--longCount];
  }

  /** Booleans share the int stack: one push of 0 or 1. */
  public void pushBoolean(boolean value) {
    pushInt(value ? 1 : 0);
  }

  public boolean popBoolean() {
    return popInt() != 0;
  }

  public boolean isEmpty() {
    return doubleCount == 0 && intCount == 0 && longCount == 0;
  }

  /** Empties both stacks, keeping their storage for reuse. */
  public void clear() {
    doubleCount = 0;
    intCount = 0;
    longCount = 0;
  }

  /** Bytes of storage held (the arrays' capacity), for memory reports. */
  public long capacityBytes() {
    return 8L * doubles.length + 4L * ints.length + 8L * longs.length;
  }

  private static NoSuchElementException empty() {
    return new NoSuchElementException("pop from an empty stack: forward and backward sweeps"
        + " disagree, which is a bug in Adjoint");
  }
}
