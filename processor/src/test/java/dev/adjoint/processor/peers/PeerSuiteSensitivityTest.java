package dev.adjoint.processor.peers;

import static dev.adjoint.processor.peers.PeerSuite.args;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The peer harness fails where it should: a wrong closed form, and a gradient finite
 * differences disagree with (a jump within one step of the point). */
class PeerSuiteSensitivityTest {

  private static final String SOURCE = """
      package peers.sensitivity;

      import dev.adjoint.Differentiable;

      public final class Wrong {
        private Wrong() {}

        @Differentiable static double square(double x) { return x * x; }

        @Differentiable static double jump(double x) { return x > 0.5 ? x : x + 1; }
      }
      """;

  @Test
  void wrongClosedFormFails() {
    PeerSuite s = PeerSuite.of("peers.sensitivity.Wrong", SOURCE)
        .check("square", 0, r -> args())
        .closedForm(args(1.5), 3.0 + 1e-9)
        .closedFormsOnly();
    assertEveryTestFails(s.tests());
  }

  @Test
  void finiteDifferencesAcrossAJumpFail() {
    PeerSuite s = PeerSuite.of("peers.sensitivity.Wrong", SOURCE)
        .check("jump", 1, r -> args(0.5 + 1e-5));
    assertEveryTestFails(s.tests());
  }

  private static void assertEveryTestFails(Stream<DynamicNode> nodes) {
    List<DynamicTest> tests = new ArrayList<>();
    collect(nodes, tests);
    if (tests.size() != 2) {
      throw new AssertionError("expected one test per mode, got " + tests.size());
    }
    for (DynamicTest t : tests) {
      assertThrows(AssertionError.class, () -> t.getExecutable().execute(), t.getDisplayName());
    }
  }

  private static void collect(Stream<? extends DynamicNode> nodes, List<DynamicTest> out) {
    nodes.forEach(n -> {
      if (n instanceof DynamicTest t) {
        out.add(t);
      } else {
        collect(((DynamicContainer) n).getChildren(), out);
      }
    });
  }
}
