package dev.adjoint.gradbench.ba;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Modules;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recorded exchange's inputs, served by the registered module, against the reference. */
class BaExchangeTest {
  @Test
  void recordedJacobianMatchesTheReference() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (var in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/exchanges/ba.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode message = json.readTree(line);
        if (!message.path("function").asText().equals("jacobian")) {
          continue;
        }
        JsonNode input = message.get("input");
        Evaluation e = Modules.named("ba").orElseThrow().prepare("jacobian", input);
        e.run();
        BaModule.JacobianOutput out = (BaModule.JacobianOutput) e.output();
        BaModule.Input read = BaModule.read(input);
        double[][] block = BaReference.block(read.cam(), read.x(), read.w(), read.feat());
        for (int k = 0; k < 30; k++) {
          double expected = block[k / 15][k % 15];
          assertEquals(expected, out.vals()[k], 1e-10 * Math.max(1, Math.abs(expected)));
        }
        assertEquals(-2 * read.w(), out.vals()[30], 1e-15);
      }
    }
  }
}
