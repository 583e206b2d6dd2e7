package dev.adjoint.gradbench.ba;

import dev.adjoint.gradbench.lstm.ManualToolOutputs;
import org.junit.jupiter.api.Test;

/** The recorded exchange answered as GradBench's C++ manual tool answers it. */
class BaManualToolTest {
  @Test
  void matchesTheManualTool() throws Exception {
    ManualToolOutputs.assertMatch("ba");
  }
}
