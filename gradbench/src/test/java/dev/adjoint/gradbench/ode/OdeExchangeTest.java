package dev.adjoint.gradbench.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adjoint.gradbench.Evaluation;
import dev.adjoint.gradbench.Modules;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The recorded exchange's inputs, served by the registered module, against the reference. */
class OdeExchangeTest {
  @Test
  void recordedGradientMatchesTheReference() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (var in = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/exchanges/ode.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode message = json.readTree(line);
        if (!message.path("function").asText().equals("gradient")) {
          continue;
        }
        JsonNode input = message.get("input");
        Evaluation e = Modules.named("ode").orElseThrow().prepare("gradient", input);
        e.run();
        double[] x = json.treeToValue(input.get("x"), double[].class);
        assertArrayEquals(OdeReference.gradientOfLast(x, input.get("s").asInt()),
            (double[]) e.output(), 1e-12);
      }
    }
  }
}
