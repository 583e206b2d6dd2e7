package dev.adjoint.gradbench.ht;

import dev.adjoint.gradbench.lstm.ManualToolOutputs;
import org.junit.jupiter.api.Test;

/** The recorded exchange answered as GradBench's C++ manual tool answers it. */
class HtManualToolTest {
  @Test
  void matchesTheManualTool() throws Exception {
    ManualToolOutputs.assertMatch("ht");
  }
}
