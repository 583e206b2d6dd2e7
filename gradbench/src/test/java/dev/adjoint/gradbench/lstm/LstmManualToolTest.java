package dev.adjoint.gradbench.lstm;

import org.junit.jupiter.api.Test;

/** The recorded exchange answered as GradBench's C++ manual tool answers it. */
class LstmManualToolTest {
  @Test
  void matchesTheManualTool() throws Exception {
    ManualToolOutputs.assertMatch("lstm");
  }
}
