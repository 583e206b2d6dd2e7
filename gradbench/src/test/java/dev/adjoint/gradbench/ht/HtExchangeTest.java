package dev.adjoint.gradbench.ht;

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
class HtExchangeTest {
  @Test
  void recordedJacobiansMatchTheReference() throws Exception {
    ObjectMapper json = new ObjectMapper();
    int checked = 0;
    try (var in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/exchanges/ht.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode message = json.readTree(line);
        if (!message.path("function").asText().equals("jacobian")) {
          continue;
        }
        JsonNode input = message.get("input");
        Evaluation e = Modules.named("ht").orElseThrow().prepare("jacobian", input);
        e.run();
        double[][] actual = (double[][]) e.output();
        double[][] expected = HtReference.jacobian(HtModule.problem(HtModule.read(input)));
        for (int r = 0; r < expected.length; r++) {
          for (int c = 0; c < expected[r].length; c++) {
            double scale = Math.max(1, Math.abs(expected[r][c]));
            assertEquals(expected[r][c], actual[r][c], 1e-11 * scale);
          }
        }
        checked++;
      }
    }
    assertEquals(2, checked);
  }
}
