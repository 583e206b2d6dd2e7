package dev.adjoint.processor.records;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiled;
import dev.adjoint.processor.testing.InProcessCompiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pullback of a method with a record parameter adds into the caller's storage and allocates
 * nothing (given its stacks): its text has no {@code new}, and it reads the storage's arrays
 * rather than copying them.
 */
class RecordPullbackAllocationTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mlp", "every", "mixedAll"})
  void pullbackWithStacksAllocatesNothing(String method) {
    Compiled c = InProcessCompiler.create().compile(RecordSources.NETS);
    String source = c.generatedSource("adjtest.records.NetsAdjoint");
    int start = source.indexOf("public static double " + method + "Pullback(");
    while (start >= 0 && !source.substring(start, source.indexOf('{', start))
        .contains("Stacks stacks")) {
      start = source.indexOf("public static double " + method + "Pullback(", start + 1);
    }
    assertTrue(start >= 0, source);
    String body = source.substring(source.indexOf('{', start),
        source.indexOf("\n    }\n", start));
    assertFalse(body.contains("new "), body);
    assertTrue(body.contains("Bar = pBar.") || body.contains("Bar = p."), body);
  }
}
