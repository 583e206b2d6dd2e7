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
  /** Array references: arrays created inside a loop, one per iteration (never copied). */
  private Object[] arrays = new Object[1];
  private int arrayCount;

  public Stacks() {
    this(16);
  }

  public Stacks(int initialCapacity) {
    doubles = new double[Math.max(1, initialCapacity)];
    ints = new int[Math.max(1, initialCapacity)];
  }

  /**
   * Makes room for {@code doubles}, {@code ints} and {@code references} more pushes (an array
   * reference or object is one), growing each stack at most once, to exactly what is needed:
   * generated code calls it before a loop whose pushes its bounds tell, so the stacks do not
   * double their way up (a copy and garbage each time). Never shrinks.
   */
  public void reserve(long doubles, long ints, long references) {
    if (doubleCount + doubles > this.doubles.length) {
      this.doubles = Arrays.copyOf(this.doubles, capacity(doubleCount + doubles));
    }
    if (intCount + ints > this.ints.length) {
      this.ints = Arrays.copyOf(this.ints, capacity(intCount + ints));
    }
    if (arrayCount + references > arrays.length) {
      arrays = Arrays.copyOf(arrays, capacity(arrayCount + references));
    }
  }

  private static int capacity(long needed) {
    return (int) Math.min(needed, Integer.MAX_VALUE - 8);
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

  public void pushDoubleArray(double[] value) {
    pushArray(value);
  }

  public double[] popDoubleArray() {
    return (double[]) popArray();
  }

  public void pushDoubleMatrix(double[][] value) {
    pushArray(value);
  }

  public double[][] popDoubleMatrix() {
    return (double[][]) popArray();
  }

  public void pushIntArray(int[] value) {
    pushArray(value);
  }

  public int[] popIntArray() {
    return (int[]) popArray();
  }

  /** An enum or String value; shares the stack of arrays (pops mirror pushes, in order). */
  public void pushObject(Object value) {
    pushArray(value);
  }

  /** The object pushed last, as the type the assignment it is popped into declares. */
  @SuppressWarnings("unchecked")
  public <T> T popObject() {
    return (T) popArray();
  }

  private void pushArray(Object value) {
    if (arrayCount == arrays.length) {
      arrays = Arrays.copyOf(arrays, 2 * arrayCount);
    }
    arrays[arrayCount++] = value;
  }

  private Object popArray() {
    if (arrayCount == 0) {
      throw empty();
    }
    Object value = arrays[--arrayCount];
    arrays[arrayCount] = null; // the stacks must not keep the caller's arrays alive
    return value;
  }

  /** Booleans share the int stack: one push of 0 or 1. */
  public void pushBoolean(boolean value) {
    pushInt(value ? 1 : 0);
  }

  public boolean popBoolean() {
    return popInt() != 0;
  }

  public boolean isEmpty() {
    return doubleCount == 0 && intCount == 0 && longCount == 0 && arrayCount == 0;
  }

  /** Empties the stacks, keeping their storage for reuse (but no array they held). */
  public void clear() {
    doubleCount = 0;
    intCount = 0;
    longCount = 0;
    Arrays.fill(arrays, 0, arrayCount, null);
    arrayCount = 0;
  }

  /** Bytes of storage held (the arrays' capacity), for memory reports. */
  public long capacityBytes() {
    return 8L * doubles.length + 4L * ints.length + 8L * longs.length + 8L * arrays.length;
  }

  private static NoSuchElementException empty() {
    return new NoSuchElementException("pop from an empty stack: forward and backward sweeps"
        + " disagree, which is a bug in Adjoint");
  }
}
