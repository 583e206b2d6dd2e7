package dev.adjoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavadocTest {
  @Test
  void wrapsLongLinesAtSpacesOutsideInlineTags() {
    String text = "Pullback of {@link golden.Loop#power(double, int)}: returns its value and adds"
        + " {@code seed} times its gradient to {@code grad}.";
    String wrapped = Javadoc.wrap(text);
    assertEquals("Pullback of {@link golden.Loop#power(double, int)}: returns its value and adds\n"
        + "{@code seed} times its gradient to {@code grad}.", wrapped);
    for (String line : wrapped.split("\n")) {
      assertTrue(line.length() <= Javadoc.WIDTH, line);
    }
  }

  @Test
  void keepsParagraphBreaksAndShortLines() {
    String text = "\n<p>Generated from A.java:1-2.\n";
    assertEquals(text, Javadoc.wrap(text));
  }

  @Test
  void leavesAWordLongerThanALineWhole() {
    String word = "x".repeat(Javadoc.WIDTH + 5);
    assertEquals(word, Javadoc.wrap(word));
    assertEquals("a\n" + word, Javadoc.wrap("a " + word));
  }
}
