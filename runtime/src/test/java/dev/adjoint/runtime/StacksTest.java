package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class StacksTest {

  @Test
  void popsInReverseOrderAcrossGrowth() {
    Stacks s = new Stacks(2);
    for (int i = 0; i < 1000; i++) {
      s.pushDouble(i * 0.5);
      s.pushInt(i);
      s.pushBoolean(i % 3 == 0);
    }
    for (int i = 999; i >= 0; i--) {
      assertEquals(i % 3 == 0, s.popBoolean());
      assertEquals(i, s.popInt());
      assertEquals(i * 0.5, s.popDouble());
    }
    assertTrue(s.isEmpty());
  }

  @Test
  void reserveGrowsOnceToExactlyWhatIsNeededAndNeverShrinks() {
    Stacks s = new Stacks(1);
    s.pushDouble(-1);
    s.reserve(1000, 10, 3);
    // Room for what is there plus what was reserved: 1001 doubles, 10 ints, 3 references.
    long reserved = 8L * 1001 + 4L * 10 + 8L * 1 + 8L * 3;
    assertEquals(reserved, s.capacityBytes());
    for (int i = 0; i < 1000; i++) {
      s.pushDouble(i);
    }
    for (int i = 0; i < 10; i++) {
      s.pushInt(i);
    }
    s.pushDoubleArray(new double[1]);
    s.pushDoubleMatrix(new double[1][]);
    s.pushObject("x");
    assertEquals(reserved, s.capacityBytes()); // no growth while filling what was reserved
    s.reserve(5, 0, 0);
    assertTrue(s.capacityBytes() > reserved);
    long grown = s.capacityBytes();
    s.clear();
    s.reserve(2, 2, 2);
    assertEquals(grown, s.capacityBytes());
  }

  @Test
  void clearKeepsStorage() {
    Stacks s = new Stacks(1);
    for (int i = 0; i < 100; i++) {
      s.pushDouble(i);
    }
    long bytes = s.capacityBytes();
    s.clear();
    assertTrue(s.isEmpty());
    for (int i = 0; i < 100; i++) {
      s.pushDouble(i);
    }
    assertEquals(bytes, s.capacityBytes(), "no growth the second time");
    assertFalse(s.isEmpty());
  }

  @Test
  void popFromEmptyIsAnError() {
    Stacks s = new Stacks();
    assertThrows(NoSuchElementException.class, s::popDouble);
    assertThrows(NoSuchElementException.class, s::popInt);
  }

  /** Arrays created in a loop: their references, not copies, in reverse order, nulls too. */
  @Test
  void arrayReferencesPopInReverseOrder() {
    Stacks s = new Stacks(1);
    double[][] vectors = new double[50][];
    for (int i = 0; i < 50; i++) {
      vectors[i] = i == 0 ? null : new double[i];
      s.pushDoubleArray(vectors[i]);
      s.pushDoubleMatrix(new double[][] {vectors[i]});
      s.pushIntArray(new int[] {i});
    }
    for (int i = 49; i >= 0; i--) {
      assertEquals(i, s.popIntArray()[0]);
      assertTrue(s.popDoubleMatrix()[0] == vectors[i]);
      assertTrue(s.popDoubleArray() == vectors[i]);
    }
    assertTrue(s.isEmpty());
    assertThrows(NoSuchElementException.class, s::popDoubleArray);
    s.pushDoubleArray(new double[1]);
    assertFalse(s.isEmpty());
    s.clear();
    assertTrue(s.isEmpty());
  }
}
