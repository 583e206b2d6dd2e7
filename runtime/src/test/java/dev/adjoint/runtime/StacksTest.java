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
}
