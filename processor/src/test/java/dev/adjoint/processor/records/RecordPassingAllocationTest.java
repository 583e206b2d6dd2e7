package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passing a record to a callee allocates nothing per call: the callee's pullback adds into the
 * caller's storage ({@code pBar}, {@code pBar.l1}); where the caller has none, into scratch
 * storage allocated once per pullback, before the loops.
 */
class RecordPassingAllocationTest {
  private static String source;

  @BeforeAll
  static void compile() {
    Compiled c = InProcessCompiler.create().compile(RecordPassingSources.NETS,
        RecordPassingSources.LAYERS);
    source = c.generatedSource("adjtest.passing.NetsAdjoint");
  }

  /** The body of the pullback {@code method} taking {@code Stacks} if it has that overload. */
  private static String pullback(String method) {
    String head = "public static double " + method + "Pullback(";
    int start = source.indexOf(head);
    int stacks = source.indexOf(head, start + 1);
    if (stacks >= 0 && source.substring(stacks, source.indexOf('{', stacks))
        .contains("Stacks stacks")) {
      start = stacks;
    }
    assertTrue(start >= 0, source);
    return source.substring(source.indexOf('{', start), source.indexOf("\n    }\n", start));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void callerStorageIsPassedOn() {
    String body = pullback("twoLevels");
    assertFalse(body.contains("new "), body);
    assertTrue(body.contains("NetsAdjoint.middlePullback(p, x, seed * b2, pBar, xBar)"), body);
  }

  @Test
  void callsInALoopAllocateNothing() {
    String body = pullback("inLoop");
    // The one buffer for the callees' scalar gradients, before the loop; no storage.
    assertEquals(1, count(body, "new "), body);
    assertTrue(body.indexOf("new double[1]") < body.indexOf("while"), body);
    assertFalse(body.contains("zerosLike"), body);
    assertTrue(body.contains("Nets_LayerBar l1Bar = pBar.l1;"), body);
    assertTrue(body.contains("LayersAdjoint.forwardPullback(p.l1(), x, "), body);
  }

  @Test
  void scratchStorageOncePerPullback() {
    String body = pullback("onlyX");
    assertEquals(1, count(body, "zerosLike"), body);
    assertTrue(body.contains("Nets_MlpBar pBar = Nets_MlpBar.zerosLike(p);"), body);
  }
}
